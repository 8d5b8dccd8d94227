package org.iterwatch.bot.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.iterwatch.config.Fence;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Pause;
import org.iterwatch.config.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Long polling of our own, not the library's: each update is read on its own, so one of an
 * unexpected shape is skipped instead of failing the whole batch forever, and the offset we confirm
 * is never below the persisted {@link UpdateMark}.
 */
public final class TelegramPolling implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramPolling.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final HttpUrl getUpdates;
    private final Duration pollTimeout;
    private final UpdateMark mark;
    /** Takes each update; must not throw (the chat side catches and logs its own failures). */
    private final Consumer<Update> loop;
    private final OkHttpClient http;
    private final Fence fence;
    private volatile boolean running;
    private Thread poller;
    private volatile Call current;
    private long lastSeen;

    public TelegramPolling(String token, URI apiUrl, Duration pollTimeout, UpdateMark mark, Consumer<Update> loop,
                           Fence fence) {
        this.getUpdates = HttpUrl.get(apiUrl.resolve("/bot" + token + "/getUpdates").toString());
        this.pollTimeout = pollTimeout;
        this.mark = mark;
        this.loop = loop;
        this.fence = fence;
        this.http = new OkHttpClient.Builder().addInterceptor(new FencedCalls(fence)).readTimeout(pollTimeout.plusSeconds(15)).build();
    }

    @Override
    public void start(Threads threads) {
        // Another instance may have handled updates while this one was standby.
        mark.reload();
        running = true;
        poller = threads.start("telegram-poll", this::pollLoop);
    }

    private void pollLoop() {
        long backoff = 500;
        while (running) {
            try {
                JsonNode updates = poll(Math.max(lastSeen, mark.last()) + 1);
                updates.forEach(this::handle);
                backoff = 500;
            } catch (IOException | PollRefused e) {
                if (!running) {
                    return;
                }
                LOG.warn("getUpdates failed ({}); polling again in {} ms", e.getMessage(), backoff);
                if (!Pause.of(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1))) {
                    running = false;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private JsonNode poll(long offset) throws IOException {
        HttpUrl url = getUpdates.newBuilder().addQueryParameter("offset", Long.toString(offset))
                .addQueryParameter("limit", "100").addQueryParameter("timeout", Long.toString(pollTimeout.toSeconds()))
                .addQueryParameter("allowed_updates", "[\"message\",\"callback_query\"]").build();
        Call call = http.newCall(new Request.Builder().url(url).build());
        current = call;
        if (!running) {
            call.cancel();
        }
        try (Response response = call.execute()) {
            ResponseBody body = response.body();
            JsonNode answer = JSON.readTree(body == null ? "" : body.string());
            if (!answer.path("ok").asBoolean(false)) {
                // the description only: the URL carries the token
                throw new PollRefused(answer.path("error_code").asInt(response.code()) + " "
                        + answer.path("description").asText(""));
            }
            return answer.path("result");
        }
    }

    private void handle(JsonNode node) {
        long id = node.path("update_id").asLong(-1);
        if (id < 0) {
            LOG.warn("an update without update_id skipped");
            return;
        }
        lastSeen = Math.max(lastSeen, id);
        // An answer read after a pause past the lease: the active instance polls these updates itself.
        if (!fence.holds() || !mark.claim(id)) {
            return;
        }
        Update update;
        try {
            update = JSON.treeToValue(node, Update.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("update {} skipped: unexpected shape ({})", id, e.getClass().getSimpleName());
            return;
        }
        loop.accept(update);
    }

    @Override
    public void stop() {
        running = false;
        poller.interrupt();
        // The long poll blocks in a socket read, which an interrupt does not end; a stopped poller must not
        // confirm an update that a later one (or another instance) also gets.
        Call call = current;
        if (call != null) {
            call.cancel();
        }
    }

    @Override
    public String toString() {
        return "Telegram polling";
    }

    /** Telegram answered getUpdates with an error (409: another poller; 401: token revoked). */
    private static final class PollRefused extends RuntimeException {
        PollRefused(String message) {
            super(message, null, false, false);
        }
    }
}
