package org.iterwatch.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.process.IterwatchProcess;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.e2e.telegram.TelegramError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: the bot token and the API tokens never show in what iterwatch prints, also on the paths
 * that report failures. {@link IterwatchProcess} checks that for every run of every test; these
 * runs go out of their way to take the paths where a token could slip into a message.
 */
class SecretsInLogsTest {
    static final long ADMIN = 1001;
    /** Shaped like a bot token, and unlike the fake's: Telegram answers 401. */
    static final String WRONG_BOT_TOKEN = "987654321:AAWrongTokenTheFakeRefuses_0123456789";
    /** An API token without dashes: a JSON parser quotes such a word whole when it is sent as a body. */
    static final String BARE_API_TOKEN = "plainApiToken0123456789abcdef";

    /** Started only by the test that needs it running; the others start iterwatch their own (failing) ways. */
    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).notStarted()
            .environment("ITERWATCH_API_TOKENS", Iterwatch.API_TOKEN + "," + BARE_API_TOKEN);

    @Test
    void aTokenTelegramRefusesEndsStartUpWithoutBeingShown(FakeTelegram telegram, KafkaBroker kafka, @TempDir Path dir) {
        IterwatchProcess p = IterwatchProcess.launch(Map.of("TELEGRAM_BOT_TOKEN", WRONG_BOT_TOKEN,
                "TELEGRAM_API_URL", telegram.baseUrl(), "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "ITERWATCH_DATA_DIR", dir.resolve("data").toString(), "ITERWATCH_API_TOKENS", BARE_API_TOKEN),
                List.of(), dir.resolve("refused.log"));

        assertThat(p.awaitExit(Duration.ofSeconds(90))).isEqualTo(2);
        assertThat(p.output()).contains("iterwatch: telegram.token: Telegram does not accept this token")
                .doesNotContain(WRONG_BOT_TOKEN).doesNotContain("AAWrongTokenTheFakeRefuses");
        assertThat(telegram.calls("getMe")).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(401));
    }

    @Test
    void configErrorsNeverQuoteATokenBack(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yml"), "telegram:\n  token: \"" + FakeTelegram.DEFAULT_TOKEN
                + "\n  admins: [1\napi:\n  tokens: [" + BARE_API_TOKEN + ", {\n");
        IterwatchProcess yaml = IterwatchProcess.launch(Map.of("ITERWATCH_CONFIG", broken.toString(),
                "TELEGRAM_BOT_TOKEN", FakeTelegram.DEFAULT_TOKEN, "ITERWATCH_API_TOKENS", BARE_API_TOKEN),
                List.of(), dir.resolve("yaml.log"));
        IterwatchProcess swapped = IterwatchProcess.launch(Map.of("TELEGRAM_BOT_TOKEN", FakeTelegram.DEFAULT_TOKEN,
                "ITERWATCH_ADMINS", FakeTelegram.DEFAULT_TOKEN), List.of(), dir.resolve("swapped.log"));

        assertThat(yaml.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(yaml.output()).startsWith("iterwatch: config file " + broken + ": not valid YAML")
                .contains("line ").doesNotContain("AAFakeTelegramToken");
        assertThat(swapped.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(swapped.output().strip()).isEqualTo("iterwatch: telegram.admins[0]: expected a whole number");
    }

    @Test
    void failuresOfTelegramAndOfSolversLeaveNoTokenInTheLog(Iterwatch iterwatch, FakeTelegram telegram,
                                                           KafkaBroker kafka) {
        iterwatch.start();
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        assertThat(api.post("wrong-" + Iterwatch.API_TOKEN, EventsApi.event("s", "started", "m")).status()).isEqualTo(401);
        assertThat(api.post(telegram.token(), EventsApi.event("s", "started", "m")).status()).isEqualTo(401);
        assertThat(api.post(BARE_API_TOKEN, BARE_API_TOKEN).status()).isEqualTo(400);
        kafka.produce("iterwatch.events", BARE_API_TOKEN);
        kafka.produce("iterwatch.events", "{\"solver\": \"s\", \"event\": \"" + Iterwatch.API_TOKEN + "\"}");

        IterwatchProcess process = iterwatch.process();
        telegram.failNext("sendMessage", TelegramError.serverError(), 2);
        telegram.userSends(ADMIN, "/help");
        process.awaitOutput("retrying with backoff", TIMEOUT);
        telegram.awaitCall("sendMessage", c -> c.ok() && c.param("text").orElse("").contains("/allow"), TIMEOUT);
        telegram.failNext("sendMessage", TelegramError.unauthorized());
        telegram.userSends(ADMIN, "/topics");
        process.awaitOutput("dropped a sendMessage", TIMEOUT);
        telegram.failNext("answerCallbackQuery", TelegramError.serverError(), 5);
        telegram.userPresses(ADMIN, ADMIN, 1, "x".repeat(64));
        process.awaitOutput("callback query not answered", TIMEOUT);
        telegram.failNext("getUpdates", TelegramError.unauthorized(), 2);
        process.awaitOutput("getUpdates failed (401", TIMEOUT);
        process.awaitOutput("skipped invalid event", TIMEOUT);

        iterwatch.stop();
        // The parser quoted the body, i.e. the token, back; the mask of configured tokens caught it.
        assertThat(iterwatch.log().orElseThrow()).contains("Unrecognized token '<secret>'");
    }
}
