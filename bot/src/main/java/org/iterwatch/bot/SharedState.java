package org.iterwatch.bot;

import org.iterwatch.bot.charts.PinnedMessages;
import org.iterwatch.bot.delivery.ChatBook;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.iterwatch.subscription.People;

/**
 * The first part of the active side on a shared database: what this process keeps in memory of the database
 * (people and roles, blocked and moved chats, where each pinned chart stands) is read again whenever it becomes
 * active, since the instance active before it may have changed any of it.
 */
final class SharedState implements Managed {
    private final People people;
    private final ChatBook chats;
    private final PinnedMessages pinned;

    SharedState(People people, ChatBook chats, PinnedMessages pinned) {
        this.people = people;
        this.chats = chats;
        this.pinned = pinned;
    }

    @Override
    public void start(Threads threads) {
        people.reload();
        chats.reload();
        pinned.forget();
    }

    @Override
    public void stop() {
    }
}
