package org.iterwatch.bot.delivery;

import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;

/** One request waiting in the outgoing queue. The engine decides when it runs and what a failure means. */
public interface Job {
    Priority priority();

    /** Where it goes, as first addressed; the engine resolves a migrated chat to its new id. */
    ChatTarget target();

    /** The Bot API method, for logs and metrics (never the token or the content). */
    String kind();

    /** Whether its request can go as it is; one that cannot is first given a turn to {@link #prepare()}. */
    default boolean ready() {
        return true;
    }

    /**
     * Slow work that waits until the chat's turn has come (a chart is drawn here, so that nothing is drawn that
     * is not sent). Not paced: the job then waits at the head of its chat's queue, and its request is paced.
     */
    default void prepare() {
    }

    /** Makes the call. Throws {@link TelegramFailure} when Telegram refuses or cannot be reached. */
    void run(TelegramGateway api, ChatTarget to);

    /** Telegram says the message already shows this: a success. */
    default void alreadyDone() {
    }

    /** The message this job edits was deleted; true to run again (it then sends a new one). */
    default boolean messageGone() {
        return false;
    }

    /** The chat became a supergroup with a new id; the job runs again there. */
    default void chatMoved(long newChatId) {
    }

    /** Given up for good: the chat blocked the bot, the request was malformed, or the process stops. */
    default void dropped(TelegramFailure why) {
    }
}
