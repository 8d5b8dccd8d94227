package org.iterwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc-def";
    final ConfigLoader loader = new ConfigLoader();
    @TempDir
    Path dir;

    @Test
    void tokenAloneGivesTheDocumentedDefaults() {
        IterwatchConfig config = loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN));

        assertThat(config.telegram().apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(config.kafka().embedded()).isTrue();
        assertThat(config.kafka().embeddedPort()).isEqualTo(9092);
        assertThat(config.monitors().refreshPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.databaseUrl()).startsWith("jdbc:h2:async:").endsWith("data/iterwatch");
        assertThat(config.embeddedKafkaDir()).isEqualTo(Path.of("data", "kafka"));
    }

    @Test
    void aSharedPostgresqlDatabaseTakesItsCredentialsFromTheEnvironment() {
        IterwatchConfig config = loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "ITERWATCH_DATABASE_URL", "jdbc:postgresql://db:5432/iterwatch", "ITERWATCH_DATABASE_USER", "iterwatch",
                "ITERWATCH_DATABASE_PASSWORD", "s3cret-pass", "ITERWATCH_INSTANCE_NAME", "node-a"));

        assertThat(config.storage().shared()).isTrue();
        assertThat(config.storage().databaseUser()).isEqualTo("iterwatch");
        assertThat(config.storage().databasePassword().reveal()).isEqualTo("s3cret-pass");
        assertThat(config.storage().lease()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.storage().instanceName()).isEqualTo("node-a");
        assertThat(config.toString()).doesNotContain("s3cret-pass");
        assertThat(loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)).storage().shared()).as("H2").isFalse();
    }

    @Test
    void anUnknownDatabaseOrAShortLeaseIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "ITERWATCH_DATABASE_URL", "jdbc:mysql://db/iterwatch")))
                .hasMessageContaining("storage.databaseUrl: must be a jdbc:postgresql://");
        assertThatThrownBy(() -> loader.load(write("storage: {lease: 500ms}"), Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .hasMessageContaining("storage.lease: must be between 2s and 5m");
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = write("""
                telegram:
                  token: "%s"
                  admins: [1, 2]
                kafka:
                  bootstrapServers: broker-a:9092
                monitors:
                  refreshPeriod: 5s
                  maxRecordBytes: 4096
                  stallPeriod: 2s
                  failureLimit: 3
                """.formatted(TOKEN));

        IterwatchConfig config = loader.load(file, Map.of(
                "ITERWATCH_ADMINS", "42, 43",
                "ITERWATCH_REFRESH_PERIOD", "250ms",
                "TELEGRAM_API_URL", "http://127.0.0.1:8081"));

        assertThat(config.telegram().admins()).containsExactly(42L, 43L);
        assertThat(config.monitors().refreshPeriod()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.monitors().maxRecordBytes()).isEqualTo(4096);
        assertThat(config.monitors().stallPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.monitors().failureLimit()).isEqualTo(3);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker-a:9092");
        assertThat(config.telegram().apiUrl().getPort()).isEqualTo(8081);
    }

    @Test
    void missingTokenSaysHowToGetOneOnOneLine() {
        assertThatThrownBy(() -> loader.load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("@BotFather")
                .hasMessageContaining("TELEGRAM_BOT_TOKEN")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        Path file = write("monitors:\n  refreshPeriodd: 2s\n");

        assertThatThrownBy(() -> loader.load(file, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .hasMessageStartingWith("monitors.refreshPeriodd: unknown key")
                .hasMessageContaining("refreshPeriod");
    }

    @Test
    void badValuesNameTheirKey() throws IOException {
        assertThatThrownBy(() -> loader.load(write("monitors:\n  refreshPeriod: soon\n"), Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .hasMessageStartingWith("monitors.refreshPeriod: 'soon' is not a duration");
        assertThatThrownBy(() -> loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ITERWATCH_ADMINS", "12,alice")))
                .hasMessageStartingWith("telegram.admins[1]: expected a whole number");
        assertThatThrownBy(() -> loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ITERWATCH_REFRESH_PERIOD", "1ms")))
                .hasMessage("monitors.refreshPeriod: must be between 100ms and 1d (was 1ms)");
    }

    @Test
    void theBoardPeriodHasADefaultAndIsChecked() throws IOException {
        assertThat(loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)).board().period()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> loader.load(write("board:\n  period: 0s\n"), Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .hasMessage("board.period: must be between 1s and 1d (was 0s)");
    }

    @Test
    void theToolsReadTheConfigurationWithoutAToken() throws IOException {
        IterwatchConfig config = loader.loadWithoutToken(write("kafka:\n  embeddedPort: 9093\n"), Map.of());
        assertThat(config.kafka().embeddedPort()).isEqualTo(9093);
        assertThatThrownBy(() -> loader.load(null, Map.of())).hasMessageStartingWith("telegram.token: no Telegram bot token");
        assertThatThrownBy(() -> loader.loadWithoutToken(null, Map.of("ITERWATCH_KAFKA_PORT", "70000")))
                .hasMessageContaining("kafka.embeddedPort: must be between 0 and 65535");
    }

    @Test
    void recordAndPointBoundsHaveDefaultsAndAreChecked() throws IOException {
        Monitors defaults = loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)).monitors();
        assertThat(defaults.maxPointsPerMonitor()).isEqualTo(20_000_000);
        assertThat(defaults.maxPoints()).isEqualTo(5_000_000);
        assertThat(defaults.maxRecordBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(loader.load(write("monitors:\n  maxPointsPerMonitor: 1000000\n"), Map.of("TELEGRAM_BOT_TOKEN", TOKEN))
                .monitors().maxPointsPerMonitor()).isEqualTo(1_000_000);

        assertThatThrownBy(() -> loader.load(write("monitors:\n  maxPointsPerMonitor: 10\n"), Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .hasMessage("monitors.maxPointsPerMonitor: must be between 1000 and 1000000000");
        assertThatThrownBy(() -> loader.load(write("monitors:\n  maxPointsPerMonitor: lots\n"), Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .hasMessageStartingWith("monitors.maxPointsPerMonitor: expected a whole number");
        assertThatThrownBy(() -> loader.load(write("monitors:\n  maxRecordBytes: 1000000000\n"), Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .hasMessage("monitors.maxRecordBytes: must be between 1024 and 268435456");
    }

    @Test
    void malformedTokenIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", "not-a-token-secret")))
                .hasMessageStartingWith("telegram.token: does not look like a bot token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-a-token-secret"));
    }

    @Test
    void secretsDoNotAppearInToString() {
        IterwatchConfig config = loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN));

        assertThat(config.toString()).doesNotContain(TOKEN).contains("<secret>");
        assertThat(config.telegram().token().reveal()).isEqualTo(TOKEN);
    }

    @Test
    void notYamlIsReportedWithTheFile() throws IOException {
        Path file = write("telegram: [unclosed\n");

        assertThatThrownBy(() -> loader.load(file, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .hasMessageContaining(file.toString()).hasMessageContaining("not valid YAML");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(List.of("500ms", "2s", "5m", "1h", "1d", "PT3S").stream().map(Durations::parse))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMinutes(5),
                        Duration.ofHours(1), Duration.ofDays(1), Duration.ofSeconds(3));
    }

    @Test
    void httpAndApiTokensHaveDefaultsAndComeFromTheEnvironmentMasked() {
        IterwatchConfig defaults = loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN));
        assertThat(defaults.http().port()).isEqualTo(8088);
        assertThat(defaults.api().tokens()).isEmpty();

        IterwatchConfig config = loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "ITERWATCH_API_TOKENS", "solver-token-0123456789, other-token-0123456789", "ITERWATCH_HTTP_PORT", "0"));

        assertThat(config.http().port()).isZero();
        assertThat(config.api().tokens()).extracting(Secret::reveal)
                .containsExactly("solver-token-0123456789", "other-token-0123456789");
        assertThat(config.toString()).doesNotContain("solver-token-0123456789");
        assertThatThrownBy(() -> loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ITERWATCH_API_TOKENS", "tiny-secret")))
                .hasMessageStartingWith("api.tokens[0]: too short")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tiny-secret"));
    }

    @Test
    void httpLimitsHaveDefaultsAndRefuseNonsenseNamingTheKey() throws IOException {
        Http defaults = loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)).http();
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.minBodyBytesPerSecond()).isEqualTo(1024);
        assertThat(defaults.maxConnectionsPerAddress()).isEqualTo(20);
        assertThat(defaults.maxConnections()).isEqualTo(1000);
        assertThat(defaults.requestsPerAddressPerSecond()).isEqualTo(200);
        assertThat(defaults.separateManagement()).isFalse();

        Http own = loader.load(write("http:\n  bindAddress: 0.0.0.0\n  managementBindAddress: 127.0.0.1\n"),
                Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ITERWATCH_MANAGEMENT_PORT", "9090")).http();
        assertThat(own.managementPort()).isEqualTo(9090);
        assertThat(own.managementHost()).isEqualTo("127.0.0.1");
        assertThat(loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ITERWATCH_MANAGEMENT_PORT", "9090")).http()
                .managementHost()).as("defaults to bindAddress").isEqualTo("0.0.0.0");

        Path file = write("""
                http:
                  idleTimeout: 0s
                  minBodyBytesPerSecond: 0
                  maxConnectionsPerAddress: 50
                  maxConnections: 10
                  requestsPerAddressPerSecond: 0
                  managementBindAddress: 127.0.0.1
                """);
        assertThatThrownBy(() -> loader.load(file, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .hasMessageContaining("http.idleTimeout: must be between 1s and 10m (was 0s)")
                .hasMessageContaining("http.minBodyBytesPerSecond: must be between 1 and http.maxBodyBytes")
                .hasMessageContaining("http.maxConnections: must be at least http.maxConnectionsPerAddress (50)")
                .hasMessageContaining("http.requestsPerAddressPerSecond: must be at least 1 (was 0)")
                .hasMessageContaining("http.managementBindAddress: only used with http.managementPort");
        assertThatThrownBy(() -> loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ITERWATCH_HTTP_PORT", "8088",
                "ITERWATCH_MANAGEMENT_PORT", "8088"))).hasMessageContaining("http.managementPort: must differ from http.port");
    }

    @Test
    void groupsComeFromFileOrEnvironmentAndMustBeGroupIds() throws IOException {
        assertThat(loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)).telegram().groups()).isEmpty();
        Path file = write("telegram:\n  groups: [-1001234567890]\n");
        assertThat(loader.load(file, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)).telegram().groups())
                .containsExactly(-1001234567890L);
        assertThat(loader.load(file, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ITERWATCH_GROUPS", "-4001, -1000000007007"))
                .telegram().groups()).containsExactly(-4001L, -1000000007007L);

        assertThatThrownBy(() -> loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ITERWATCH_GROUPS", "-4001,4002")))
                .hasMessageStartingWith("telegram.groups[1]: must be a group chat id (negative");
        assertThatThrownBy(() -> loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ITERWATCH_GROUPS", "team")))
                .hasMessageStartingWith("telegram.groups[0]: expected a whole number");
    }

    @Test
    void brokenYamlAroundATokenDoesNotEchoIt() throws IOException {
        Path file = write("telegram:\n  token: \"%s\n  admins: [1\napi:\n  tokens: [%s, {\n".formatted(TOKEN,
                "solver-token-0123456789"));

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .hasMessageContaining("not valid YAML")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("ABCDEFGHIJKLMNOP")
                        .doesNotContain("solver-token-0123456789"));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("iterwatch.yml"), yaml);
    }

    @Test
    void deliveryPacingHasTelegramsLimitsAsDefaultsAndRefusesZero() throws IOException {
        IterwatchConfig defaults = loader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN));
        assertThat(defaults.delivery()).isEqualTo(new Delivery(30, 1, 20));

        Path file = write("""
                delivery:
                  overallPerSecond: 10
                  groupPerMinute: 0
                """);
        assertThatThrownBy(() -> loader.load(file, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("delivery.groupPerMinute: must be at least 1");
    }
}
