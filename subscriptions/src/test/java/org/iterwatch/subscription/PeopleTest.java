package org.iterwatch.subscription;

import org.iterwatch.config.OwnedThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** People and the audit trail on a real H2 database. */
class PeopleTest {
    static final long ADMIN = 1001;
    static final long ANN = 2002;
    static final long BOB = 3003;
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    final DataSource db = database();

    /** The database of each test: H2 here, PostgreSQL in {@link PeopleOnPostgresTest}. */
    DataSource database() {
        return OutboxTest.h2();
    }
    final People people = new People(db, List.of(ADMIN), clock);

    @Test
    void configAdminsAreAdminsAndStrangersHaveNoRole() {
        assertThat(people.role(ADMIN)).contains(Role.ADMIN);
        assertThat(people.role(ANN)).isEmpty();
    }

    @Test
    void allowChangeAndDenyAreStoredAndAudited() {
        assertThat(people.allow(ADMIN, ADMIN, ANN, Role.VIEWER)).isEqualTo(new RoleChange(ANN, null, Role.VIEWER));
        assertThat(people.allow(ADMIN, ADMIN, ANN, Role.OPERATOR)).isEqualTo(new RoleChange(ANN, Role.VIEWER, Role.OPERATOR));
        assertThat(people.allow(ADMIN, ADMIN, ANN, Role.OPERATOR).changed()).isFalse();
        assertThat(new People(db, List.of(ADMIN), clock).role(ANN)).as("after a restart").contains(Role.OPERATOR);

        assertThat(people.deny(ADMIN, ADMIN, ANN)).isEqualTo(new RoleChange(ANN, Role.OPERATOR, null));
        assertThat(people.role(ANN)).isEmpty();
        assertThat(new People(db, List.of(ADMIN), clock).role(ANN)).isEmpty();
        assertThat(auditLines()).containsExactly(
                "1001|1001|/allow 2002 viewer|CHANGED|2002: none \u2192 viewer",
                "1001|1001|/allow 2002 operator|CHANGED|2002: viewer \u2192 operator",
                "1001|1001|/deny 2002|CHANGED|2002: operator \u2192 none");
    }

    @Test
    void configAdminsCannotBeDeniedOrDemotedAndOnlyAdminsManagePeople() {
        people.allow(ADMIN, ADMIN, ANN, Role.OPERATOR);

        assertThatThrownBy(() -> people.deny(ADMIN, ADMIN, ADMIN)).hasMessageContaining("admin from the configuration");
        assertThatThrownBy(() -> people.allow(ANN, ANN, ADMIN, Role.VIEWER)).hasMessageContaining("only admins");
        assertThatThrownBy(() -> people.allow(ANN, ANN, BOB, Role.ADMIN)).hasMessageContaining("only admins");

        assertThat(people.role(ADMIN)).contains(Role.ADMIN);
        assertThat(people.role(BOB)).isEmpty();
        assertThat(auditLines()).hasSize(4).last().asString().startsWith("2002|2002|/allow 3003 admin|REFUSED|");
    }

    @Test
    void listShowsConfigAdminsThenPeopleByRoleWithWhoAndWhen() {
        people.allow(ADMIN, ADMIN, BOB, Role.VIEWER);
        people.allow(ADMIN, ADMIN, ANN, Role.OPERATOR);

        assertThat(people.list()).containsExactly(new Person(ADMIN, Role.ADMIN, null, null),
                new Person(ANN, Role.OPERATOR, ADMIN, clock.instant()), new Person(BOB, Role.VIEWER, ADMIN, clock.instant()));
    }

    @Test
    void auditQueuesMaskSecretsAndRememberWhoWasTold() {
        Audit audit = new Audit(db, clock);
        audit.start(new OwnedThreads("audit"));
        audit.record(6666, 6666L, "/add 123456789:AAFakeTelegramTokenForTests_0123456789 x", AuditEntry.Outcome.TOLD_ID, "stranger");
        audit.record(6666, 6666L, "/export test-api-token-5f1c0e7a9b3d\n" + "y".repeat(500), AuditEntry.Outcome.REFUSED, null);
        audit.stop();

        assertThat(auditLines()).containsExactly("6666|6666|/add <token> x|TOLD_ID|stranger",
                "6666|6666|/export <secret> " + "y".repeat(AuditEntry.ACTION_MAX - 18) + "\u2026|REFUSED|null");
        assertThat(audit.toldSince(clock.instant().minusSeconds(60))).containsOnlyKeys(6666L);
    }

    @Test
    void refusalsOfOneKindFromOnePersonFoldIntoOneRowADayWhileChangesStayOneRowEach() {
        HeartbeatWatchTest.Tick tick = new HeartbeatWatchTest.Tick();
        long start = tick.millis();
        Audit audit = new Audit(db, tick);
        audit.start(new OwnedThreads("audit"));
        audit.record(6666, 6666L, "/status", AuditEntry.Outcome.TOLD_ID, "stranger");
        for (int i = 0; i < 300; i++) {
            tick.advance(Duration.ofSeconds(1));
            audit.record(6666, 6666L, "/start " + i, AuditEntry.Outcome.REFUSED, "stranger");
        }
        audit.record(7777, -5L, "/start", AuditEntry.Outcome.IGNORED, "group not in telegram.groups");
        audit.stop();
        People peopleNow = new People(db, List.of(ADMIN), tick);
        peopleNow.allow(ADMIN, ADMIN, ANN, Role.VIEWER);
        peopleNow.allow(ADMIN, ADMIN, ANN, Role.OPERATOR);

        Audit afterRestart = new Audit(db, tick);
        afterRestart.start(new OwnedThreads("audit"));
        tick.advance(Duration.ofHours(1));
        afterRestart.record(6666, 6666L, "/stop", AuditEntry.Outcome.REFUSED, "stranger");
        tick.advance(Duration.ofDays(1));
        afterRestart.record(6666, 6666L, "/help", AuditEntry.Outcome.REFUSED, "stranger");
        afterRestart.record(6666, 6666L, "/x", AuditEntry.Outcome.REFUSED, null);
        afterRestart.stop();

        long hour = Duration.ofHours(1).toMillis();
        long day = Duration.ofDays(1).toMillis();
        List<String> rows = Jdbi.create(db).withHandle(h -> h.createQuery("SELECT user_id, action, outcome, attempts, "
                + "at - :start, last_at - :start FROM audit ORDER BY id").bind("start", start).map((rs, ctx) -> rs.getLong(1)
                + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getInt(4) + "|" + rs.getLong(5) + "|" + rs.getLong(6))
                .list());
        assertThat(rows).containsExactly("6666|/status|TOLD_ID|1|0|0",
                        "6666|/start 0|REFUSED|301|1000|" + (300_000 + hour),
                        "7777|/start|IGNORED|1|300000|300000",
                        "1001|/allow 2002 viewer|CHANGED|1|300000|300000",
                        "1001|/allow 2002 operator|CHANGED|1|300000|300000",
                        "6666|/help|REFUSED|1|" + (300_000 + hour + day) + "|" + (300_000 + hour + day),
                        "6666|/x|REFUSED|1|" + (300_000 + hour + day) + "|" + (300_000 + hour + day));
        assertThat(afterRestart.toldSince(Instant.ofEpochMilli(start))).containsExactly(Map.entry(6666L, Instant.ofEpochMilli(start)));
    }

    @Test
    void theAuditNeverFailsItsCallerWhenTheDatabaseIsGone() {
        JdbcDataSource gone = new JdbcDataSource();
        gone.setURL("jdbc:h2:mem:never-created;IFEXISTS=TRUE");
        Audit audit = new Audit(gone, clock);
        audit.start(new OwnedThreads("audit"));

        // more than the queue holds: the rest is dropped and counted, never waited for
        assertThatCode(() -> {
            for (int i = 0; i < 20_000; i++) {
                audit.record(6666, 6666L, "/start", AuditEntry.Outcome.REFUSED, "stranger");
            }
            audit.stop();
        }).doesNotThrowAnyException();
    }

    private List<String> auditLines() {
        return Jdbi.create(db).withHandle(h -> h.createQuery("SELECT user_id, chat_id, action, outcome, detail FROM audit ORDER BY id")
                .map((rs, ctx) -> rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5)).list());
    }
}
