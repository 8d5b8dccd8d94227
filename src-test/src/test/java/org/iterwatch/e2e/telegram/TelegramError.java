package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer of the Bot API, with Telegram's real status codes and descriptions.
 * {@code retryAfter} and {@code migrateToChatId} are null when absent; {@code dropsConnection} means
 * "close the socket without answering" (the other fields are then ignored), and {@code processedBeforeDrop}
 * that the request takes effect first (the answer is lost on the way back).
 */
public record TelegramError(int errorCode, String description, Integer retryAfter, Long migrateToChatId,
                            boolean dropsConnection, boolean processedBeforeDrop) {

    public static final String NOT_MODIFIED = "Bad Request: message is not modified: specified new message content"
            + " and reply markup are exactly the same as a current content and reply markup of the message";

    public static TelegramError of(int errorCode, String description) {
        return new TelegramError(errorCode, description, null, null, false, false);
    }

    public static TelegramError badRequest(String what) {
        return of(400, "Bad Request: " + what);
    }

    public static TelegramError notModified() {
        return of(400, NOT_MODIFIED);
    }

    public static TelegramError messageToEditNotFound() {
        return badRequest("message to edit not found");
    }

    public static TelegramError chatNotFound() {
        return badRequest("chat not found");
    }

    public static TelegramError tooManyRequests(int retryAfterSeconds) {
        return new TelegramError(429, "Too Many Requests: retry after " + retryAfterSeconds, retryAfterSeconds, null,
                false, false);
    }

    public static TelegramError blockedByUser() {
        return of(403, "Forbidden: bot was blocked by the user");
    }

    public static TelegramError kickedFromGroup() {
        return of(403, "Forbidden: bot was kicked from the group chat");
    }

    public static TelegramError migrated(long newChatId) {
        return new TelegramError(400, "Bad Request: group chat was upgraded to a supergroup chat", null, newChatId,
                false, false);
    }

    public static TelegramError serverError() {
        return of(502, "Bad Gateway");
    }

    public static TelegramError unauthorized() {
        return of(401, "Unauthorized");
    }

    public static TelegramError notFound() {
        return of(404, "Not Found");
    }

    public static TelegramError conflict() {
        return of(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    }

    /** The connection closes before the request is executed; nothing happens on Telegram's side. */
    public static TelegramError dropConnection() {
        return new TelegramError(0, "connection dropped", null, null, true, false);
    }

    /** The request is executed (the message exists), then the connection closes: the answer is lost. */
    public static TelegramError lostResponse() {
        return new TelegramError(0, "response lost", null, null, true, true);
    }

    /** The JSON body Telegram answers with. */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("ok", false);
        body.put("error_code", errorCode);
        body.put("description", description);
        if (retryAfter != null || migrateToChatId != null) {
            ObjectNode parameters = body.putObject("parameters");
            if (retryAfter != null) {
                parameters.put("retry_after", retryAfter);
            }
            if (migrateToChatId != null) {
                parameters.put("migrate_to_chat_id", migrateToChatId);
            }
        }
        return body;
    }

    /** Thrown inside the fake to answer a request with this error. */
    RequestFailed asException() {
        return new RequestFailed(this);
    }

    /** Internal carrier of an error answer. */
    static final class RequestFailed extends RuntimeException {
        private final transient TelegramError error;

        RequestFailed(TelegramError error) {
            super(error.description(), null, false, false);
            this.error = error;
        }

        TelegramError error() {
            return error;
        }
    }
}
