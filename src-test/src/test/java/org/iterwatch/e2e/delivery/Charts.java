package org.iterwatch.e2e.delivery;

import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;
import static org.iterwatch.e2e.process.Iterwatch.toChat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;

/** What the delivery tests look for in the fake: pinned charts, their titles, replies. */
final class Charts {
    private final FakeTelegram telegram;

    Charts(FakeTelegram telegram) {
        this.telegram = telegram;
    }

    /** Waits for the chart of topic t to be sent to the chat and pinned there; returns its id. */
    long pinned(long chatId, String t) {
        ApiCall photo = telegram.awaitCall("sendPhoto",
                c -> toChat(c, chatId) && c.ok() && c.param("caption").orElse("").contains(t), TIMEOUT);
        long messageId = photo.responseJson().path("result").path("message_id").asLong();
        telegram.await(() -> telegram.pinned(chatId).orElse(-1) == messageId, TIMEOUT, "the chart pinned in " + chatId);
        return messageId;
    }

    void awaitTitle(long chatId, long messageId, String title) {
        telegram.await(() -> title(chatId, messageId).equals(title), TIMEOUT,
                "the chart " + messageId + " in " + chatId + " titled '" + title + "'");
    }

    String title(long chatId, long messageId) {
        return telegram.message(chatId, messageId).flatMap(ChatMessage::photo).map(Pictures::title).orElse("");
    }

    List<String> replies(long chatId) {
        return telegram.calls("sendMessage").stream().filter(c -> toChat(c, chatId) && c.ok())
                .map(c -> c.param("text").orElse("")).toList();
    }

    void awaitReply(long chatId, String containing) {
        telegram.await(() -> replies(chatId).stream().anyMatch(r -> r.contains(containing)), TIMEOUT,
                "a reply in " + chatId + " containing '" + containing + "'");
    }

    /** Someone deletes a message in the chat (the fake's own deleteMessage, as Telegram's client would). */
    void delete(long chatId, long messageId) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(telegram.baseUrl()
                + "/bot" + telegram.token() + "/deleteMessage?chat_id=" + chatId + "&message_id=" + messageId)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("deleteMessage failed: " + r.body());
        }
    }

    static String batch(int iteration, int n) {
        return "{\"iteration\": " + iteration + ", \"values\": [" + IntStream.range(0, n)
                .mapToObj(j -> String.format(Locale.ROOT, "%.4f", Math.sin((iteration * n + j) / 15.0)))
                .collect(Collectors.joining(",")) + "]}";
    }
}
