package org.iterwatch.e2e.monitor;

import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;

/** What a person sees of monitors in a chat: the pinned chart, notices, exported series. */
final class MonitorChat {
    private MonitorChat() {
    }

    /** Rewrites an installation's config file (before it starts) with extra keys under monitors. */
    static void monitorSettings(Path dir, String monitorsYaml) {
        try {
            Files.writeString(dir.resolve("iterwatch.yml"), "telegram:\n  pollTimeout: 1s\nmonitors:\n  refreshPeriod: 300ms\n"
                    + monitorsYaml.indent(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the chart of topic t to be sent and pinned in the chat; returns its message id. */
    static long pinnedChart(FakeTelegram telegram, long chatId, String t) {
        ApiCall photo = telegram.awaitCall("sendPhoto",
                c -> Iterwatch.toChat(c, chatId) && c.ok() && c.param("caption").orElse("").contains(t), TIMEOUT);
        long messageId = photo.responseJson().path("result").path("message_id").asLong();
        telegram.await(() -> telegram.pinned(chatId).orElse(-1) == messageId, TIMEOUT, "the chart pinned");
        return messageId;
    }

    static ChatMessage awaitChart(FakeTelegram telegram, long chatId, long messageId, String title) {
        try {
            telegram.await(() -> telegram.message(chatId, messageId).flatMap(ChatMessage::photo)
                    .map(Pictures::title).filter(title::equals).isPresent(), TIMEOUT, "the chart titled '" + title + "'");
        } catch (AssertionError e) {
            String shown = telegram.message(chatId, messageId).flatMap(ChatMessage::photo).map(Pictures::title).orElse(null);
            throw new AssertionError("the chart shows '" + shown + "', caption '" + caption(telegram, chatId, messageId)
                    + "'; " + e.getMessage(), e);
        }
        return telegram.message(chatId, messageId).orElseThrow();
    }

    static String caption(FakeTelegram telegram, long chatId, long messageId) {
        return telegram.message(chatId, messageId).flatMap(ChatMessage::captionText).orElse("");
    }

    /** Text messages from the bot in the chat that contain all the given fragments. */
    static long messagesWith(FakeTelegram telegram, long chatId, String... fragments) {
        return telegram.messages(chatId).stream().filter(ChatMessage::fromBot).filter(m -> m.text() != null)
                .filter(m -> List.of(fragments).stream().allMatch(m.text()::contains)).count();
    }

    static void awaitMessages(FakeTelegram telegram, long chatId, long count, String... fragments) {
        telegram.await(() -> messagesWith(telegram, chatId, fragments) >= count, TIMEOUT,
                count + " message(s) with " + List.of(fragments));
    }

    /** Asks for /export and returns the CSV document the bot sent. */
    static String export(Iterwatch iterwatch, FakeTelegram telegram, long userId, String topic) {
        long before = documents(telegram, userId).size();
        iterwatch.ask(userId, "/export " + topic);
        telegram.await(() -> documents(telegram, userId).size() > before, TIMEOUT, "the CSV of " + topic);
        List<ChatMessage> docs = documents(telegram, userId);
        return new String(docs.get(docs.size() - 1).media().bytes(), StandardCharsets.UTF_8);
    }

    private static List<ChatMessage> documents(FakeTelegram telegram, long chatId) {
        return telegram.messages(chatId).stream().filter(ChatMessage::isDocument).toList();
    }

    /** Sends raw bytes (anything at all) to a topic, one flush. */
    static void produceBytes(KafkaBroker kafka, String topic, List<byte[]> values) {
        produceBytes(kafka.bootstrapServers(), topic, values);
    }

    /** Sends raw bytes to a topic of any broker; fails when the broker refuses one. */
    static void produceBytes(String bootstrapServers, String topic, List<byte[]> values) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("linger.ms", "20");
        p.put("batch.size", String.valueOf(512 * 1024));
        p.put("max.request.size", String.valueOf(8 * 1024 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (byte[] v : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, v)));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(); // a record the broker refused must fail the test, not vanish
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("the broker refused a record: " + e.getCause(), e.getCause());
        }
    }

    static Map<String, String> run(String id) {
        return Map.of("run", id);
    }
}
