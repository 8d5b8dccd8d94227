package org.iterwatch.e2e.security;

import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;
import static org.iterwatch.e2e.process.Iterwatch.toChat;

import java.util.List;
import java.util.Optional;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;

/** What the bot did in the fake's chats, as the security tests look at it. */
final class Bot {
    /**
     * These tests are about who may do what, not about pacing (that has tests of its own): Telegram's
     * one message a second per chat would make each question to the same person wait for the last answer.
     */
    static final String QUICK_CHATS = """
            delivery:
              privateChatPerSecond: 20
              groupPerMinute: 1200
            """;
    private final FakeTelegram telegram;

    Bot(FakeTelegram telegram) {
        this.telegram = telegram;
    }

    /** Waits for the chart of {@code topic} to be sent to the chat and returns it. */
    ChatMessage chart(long chatId, String topic) {
        ApiCall photo = telegram.awaitCall("sendPhoto",
                c -> toChat(c, chatId) && c.ok() && c.param("caption").orElse("").contains(topic), TIMEOUT);
        return telegram.message(chatId, photo.responseJson().path("result").path("message_id").asLong()).orElseThrow();
    }

    /** Presses a button and returns the text the press was answered with (empty: no text). */
    Optional<String> press(long chatId, long userId, long messageId, String data) {
        String id = telegram.userPresses(chatId, userId, messageId, data);
        return telegram.awaitCall("answerCallbackQuery", c -> c.param("callback_query_id").orElse("").equals(id), TIMEOUT)
                .param("text");
    }

    /** Every call the bot made to the chat that sends or changes something there. */
    List<ApiCall> sendsTo(long chatId) {
        return telegram.callsToChat(chatId).stream().filter(c -> !c.method().equalsIgnoreCase("getChat")).toList();
    }

    List<String> textsTo(long chatId) {
        return telegram.calls("sendMessage").stream().filter(c -> toChat(c, chatId))
                .map(c -> c.param("text").orElse("")).toList();
    }

    /** A bounded wait for something that must not happen: a few of iterwatch's refresh periods (300 ms). */
    static void settle() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
