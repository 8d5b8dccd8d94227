package org.iterwatch.bot.telegram;

import org.iterwatch.config.IterwatchException;

/** A Bot API call that failed, classified by what the caller should do about it. */
public final class TelegramFailure extends IterwatchException {
    public enum Kind {
        /** 400 "message is not modified": the message already shows this; success. */
        NOT_MODIFIED,
        /** The message to edit is gone (deleted by someone): send a new one. */
        MESSAGE_GONE,
        /** 429: wait {@link #retryAfterSeconds()} before the next call to this chat. */
        RATE_LIMITED,
        /** 403: the user blocked the bot or it was removed from the group. */
        FORBIDDEN,
        /** The group became a supergroup with {@link #migratedTo()} as its id. */
        MIGRATED,
        /** The request itself is wrong; retrying cannot help. */
        BAD_REQUEST,
        /** 5xx, timeouts, broken connections: retry later. */
        TRANSIENT
    }

    private final Kind kind;
    private final int retryAfterSeconds;
    private final long migratedTo;

    public TelegramFailure(Kind kind, String message, int retryAfterSeconds, long migratedTo, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
        this.migratedTo = migratedTo;
    }

    public Kind kind() {
        return kind;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public long migratedTo() {
        return migratedTo;
    }
}
