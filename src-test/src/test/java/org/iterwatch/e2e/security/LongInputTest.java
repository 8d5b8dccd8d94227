package org.iterwatch.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9, finding 5: overlong free text in commands (a 4 000-character title, topic or option) gets
 * an answer saying what is wrong, stores nothing and is not written to the log.
 */
class LongInputTest {
    static final long ADMIN = 1001;
    /** A Telegram message has at most 4 096 characters; an answer quoting a whole input would exceed it. */
    static final int SHORT_ANSWER = 400;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN)
            .configure(IterwatchExtension.QUICK_CHATS);

    @Test
    void overlongTitlesTopicsAndOptionsAreRefusedWithAClearAnswerAndStoreNothing(Iterwatch iterwatch,
            FakeTelegram telegram, KafkaBroker kafka) {
        String t = KafkaBroker.uniqueTopic("long-input");
        String other = KafkaBroker.uniqueTopic("long-input-other");
        kafka.createTopic(t);
        kafka.createTopic(other);
        String title = words(4_000);

        assertThat(iterwatch.ask(ADMIN, "/add " + t + " " + title))
                .isEqualTo("A title may have at most 200 characters (yours has 4000).");
        assertThat(iterwatch.ask(ADMIN, "/status")).contains("No monitors");

        assertThat(iterwatch.ask(ADMIN, "/add " + other + " Airy run")).contains("Added");
        assertThat(iterwatch.ask(ADMIN, "/add " + other + " " + title))
                .isEqualTo("A title may have at most 200 characters (yours has 4000).");
        assertThat(iterwatch.ask(ADMIN, "/add " + other + " " + words(200))).contains("Changed");
        assertThat(iterwatch.ask(ADMIN, "/status " + other)).contains(words(200));

        String name = "t".repeat(4_000);
        assertThat(iterwatch.ask(ADMIN, "/add " + name)).isEqualTo("A Kafka topic name has at most 249 characters (yours has 4000).");
        assertThat(iterwatch.ask(ADMIN, "/status " + name)).isEqualTo("A Kafka topic name has at most 249 characters (yours has 4000).");
        assertThat(iterwatch.ask(ADMIN, "/subscribe " + name))
                .isEqualTo("A solver or topic name has at most 200 characters (yours has 4000).");
        assertThat(iterwatch.ask(ADMIN, "/unsubscribe " + name))
                .isEqualTo("A solver or topic name has at most 200 characters (yours has 4000).");
        for (String option : new String[] {"refresh=" + name, "x=" + name, name + "=1s", "=" + name}) {
            assertThat(iterwatch.ask(ADMIN, "/add " + other + " " + option)).as(option.substring(0, 8))
                    .hasSizeLessThan(SHORT_ANSWER).doesNotContain("t".repeat(100))
                    .containsAnyOf("must be", "Unknown option", "key=value");
        }
        assertThat(iterwatch.ask(ADMIN, "/status " + other)).contains(words(200)).contains("refresh");
        // Longer than Telegram lets anyone write: only a forged update can carry it.
        assertThat(iterwatch.ask(ADMIN, "/add " + other + " " + words(5_000)))
                .isEqualTo("A message may have at most 4096 characters (yours has " + (6 + other.length() + 5_000) + ").");

        iterwatch.stop();
        StoppedDatabase db = new StoppedDatabase(iterwatch.dataDir());
        assertThat(db.rows("SELECT topic, title FROM monitor")).containsExactly(other + "|" + words(200));
        assertThat(db.rows("SELECT target FROM subscription")).isEmpty();
        String log = iterwatch.log().orElseThrow();
        assertThat(log).as("the log").doesNotContain("a command failed").doesNotContain("\tat ")
                .doesNotContain(title.substring(0, 60)).doesNotContain("t".repeat(100));
    }

    /** "w1 w2 w3 …" of exactly {@code length} characters: a title of many words, recognisable in a log. */
    private static String words(int length) {
        String text = IntStream.rangeClosed(1, length).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        String cut = text.substring(0, length);
        return cut.endsWith(" ") ? cut.substring(0, length - 1) + "x" : cut;
    }
}
