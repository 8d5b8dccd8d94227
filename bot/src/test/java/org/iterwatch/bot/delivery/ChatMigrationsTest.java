package org.iterwatch.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.iterwatch.bot.BotSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A group's upgrade is taken in once, followed by everything that names the chat, and never loses a chat. */
class ChatMigrationsTest {
    static final long GROUP = -4001;
    static final long SUPERGROUP = -1_000_000_004_001L;
    final List<String> followed = new ArrayList<>();
    JdbcDataSource db;
    ChatMigrations migrations;

    @BeforeEach
    void database() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        BotSchema.migrate(db);
        migrations = new ChatMigrations(new ChatBook(db), List.of((from, to) -> followed.add(from + ">" + to)));
    }

    @Test
    void anAnnouncedAndThenRefusedUpgradeIsFollowedOnceAndSurvivesARestart() {
        migrations.moved(GROUP, SUPERGROUP);
        migrations.moved(GROUP, SUPERGROUP);

        assertThat(followed).containsExactly(GROUP + ">" + SUPERGROUP);
        assertThat(new ChatBook(db).current(GROUP)).isEqualTo(SUPERGROUP);
    }

    @Test
    void aChatMovedToItselfChangesNothing() {
        migrations.moved(SUPERGROUP, SUPERGROUP);

        assertThat(followed).isEmpty();
        assertThat(new ChatBook(db).current(SUPERGROUP)).isEqualTo(SUPERGROUP);
    }

    @Test
    void aMoveBackIsIgnoredRatherThanLoopingTheChat() {
        migrations.moved(GROUP, SUPERGROUP);
        migrations.moved(SUPERGROUP, GROUP);

        assertThat(followed).containsExactly(GROUP + ">" + SUPERGROUP);
        ChatBook book = new ChatBook(db);
        assertThat(book.current(GROUP)).isEqualTo(SUPERGROUP);
        assertThat(book.current(SUPERGROUP)).isEqualTo(SUPERGROUP);
    }
}
