package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Pending updates and getUpdates long polling with Telegram's rules: updates stay until a later call confirms
 * them with a higher offset; a poll waits until an update arrives or its timeout passes; a new poll terminates
 * the one still waiting, which answers 409 Conflict.
 */
final class UpdateQueue {
    private final TreeMap<Long, String> pending = new TreeMap<>();
    private long nextUpdateId;
    private Object activePoll;
    private boolean terminatedByOther;
    private boolean closed;
    private String webhookUrl = "";

    UpdateQueue(long firstUpdateId) {
        this.nextUpdateId = firstUpdateId;
    }

    /** Adds an update built around its new update_id; returns that id. */
    synchronized long add(LongFunction<ObjectNode> build) {
        long id = nextUpdateId++;
        ObjectNode update = build.apply(id);
        update.put("update_id", id);
        pending.put(id, Json.write(update));
        notifyAll();
        return id;
    }

    /**
     * Adds an update given as raw text; returns its update_id. A JSON object gets that update_id set; anything
     * else (broken JSON, wrong types) goes out verbatim inside the result array, to poison the client.
     */
    synchronized long addRaw(String json) {
        long id = nextUpdateId++;
        String text = json;
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (node instanceof ObjectNode object) {
                object.put("update_id", id);
                text = Json.write(object);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // kept verbatim on purpose
        }
        pending.put(id, text);
        notifyAll();
        return id;
    }

    List<String> poll(Long offset, int limit, Duration timeout) throws InterruptedException {
        Object me = new Object();
        synchronized (this) {
            if (!webhookUrl.isEmpty()) {
                throw TelegramError.of(409, "Conflict: can't use getUpdates method while webhook is active;"
                        + " use deleteWebhook to delete the webhook first").asException();
            }
            if (offset != null) {
                confirm(offset);
            }
            if (activePoll != null) {
                terminatedByOther = true;
                notifyAll();
                while (activePoll != null && !closed) {
                    wait(10);
                }
            }
            terminatedByOther = false;
            activePoll = me;
            try {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (true) {
                    if (terminatedByOther) {
                        throw TelegramError.conflict().asException();
                    }
                    List<String> available = available(limit);
                    long remaining = deadline - System.nanoTime();
                    if (!available.isEmpty() || remaining <= 0 || closed) {
                        return available;
                    }
                    wait(Math.max(1, remaining / 1_000_000));
                }
            } finally {
                activePoll = null;
                notifyAll();
            }
        }
    }

    synchronized boolean polling() {
        return activePoll != null;
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    synchronized void setWebhook(String url) {
        webhookUrl = url == null ? "" : url;
    }

    synchronized String webhook() {
        return webhookUrl;
    }

    synchronized void dropPending() {
        pending.clear();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void confirm(long offset) {
        if (offset < 0) { // keep only the last -offset updates
            while (pending.size() > -offset) {
                pending.pollFirstEntry();
            }
            return;
        }
        for (Iterator<Map.Entry<Long, String>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getKey() < offset) {
                it.remove();
            }
        }
    }

    private List<String> available(int limit) {
        List<String> result = new ArrayList<>();
        for (String update : pending.values()) {
            if (result.size() >= limit) {
                break;
            }
            result.add(update);
        }
        return result;
    }
}
