package org.iterwatch.e2e.process;

import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;

/**
 * What a person sees of iterwatch in a chat of the fake Telegram: pinned charts and their titles, the bot's
 * messages and replies, answers to button presses, exported files. Two sources, named apart: the chat as it is
 * now ("messages", edits and deletions applied) and what the bot sent ("sent", Telegram's refusals included).
 */
public final class ChatView {
    private final FakeTelegram telegram;

    public ChatView(FakeTelegram telegram) {
        this.telegram = telegram;
    }

    // ---- asking --------------------------------------------------------------------------------------------

    /** Sends a command as this user in their private chat and returns the bot's next HTML reply. */
    public String ask(long userId, String text) {
        long before = sentTo(userId).size();
        telegram.userSends(userId, text);
        telegram.await(() -> sentTo(userId).size() > before, TIMEOUT, "a reply to '" + text + "'");
        List<ApiCall> replies = sentTo(userId);
        return replies.get(replies.size() - 1).param("text").orElseThrow();
    }

    /** Presses a button and returns the text the press was answered with (empty: no text). */
    public Optional<String> press(long chatId, long userId, long messageId, String data) {
        String id = telegram.userPresses(chatId, userId, messageId, data);
        return telegram.awaitCall("answerCallbackQuery", c -> c.param("callback_query_id").orElse("").equals(id), TIMEOUT)
                .param("text");
    }

    /** Presses a button in the user's private chat and returns the message the bot sent there in answer. */
    public String replyToPress(long userId, long messageId, String data) {
        long before = sentTo(userId).size();
        String id = telegram.userPresses(userId, userId, messageId, data);
        telegram.await(() -> telegram.answeredCallbackQueries().contains(id), TIMEOUT, "press answered");
        telegram.await(() -> sentTo(userId).size() > before, TIMEOUT, "a reply to the press");
        List<ApiCall> replies = sentTo(userId);
        return replies.get(replies.size() - 1).param("text").orElseThrow();
    }

    /** Asks for /export and returns the CSV document the bot sent. */
    public String export(long userId, String topic) {
        long before = documents(userId).size();
        ask(userId, "/export " + topic);
        telegram.await(() -> documents(userId).size() > before, TIMEOUT, "the CSV of " + topic);
        List<ChatMessage> docs = documents(userId);
        return new String(docs.get(docs.size() - 1).media().bytes(), StandardCharsets.UTF_8);
    }

    // ---- charts --------------------------------------------------------------------------------------------

    /** Waits for the chart of {@code topic} to be sent to the chat and returns it (pinned or not yet). */
    public ChatMessage chart(long chatId, String topic) {
        return message(chatId, chartPhoto(chatId, topic).responseJson().path("result").path("message_id").asLong());
    }

    /** Waits for the chart of {@code topic} to be sent to the chat and pinned there; returns its message id. */
    public long pinnedChart(long chatId, String topic) {
        long messageId = chartPhoto(chatId, topic).responseJson().path("result").path("message_id").asLong();
        telegram.await(() -> telegram.pinned(chatId).orElse(-1) == messageId, TIMEOUT, "the chart pinned in " + chatId);
        return messageId;
    }

    private ApiCall chartPhoto(long chatId, String topic) {
        return telegram.awaitCall("sendPhoto",
                c -> toChat(c, chatId) && c.ok() && c.param("caption").orElse("").contains(topic), TIMEOUT);
    }

    /** Waits until the chart's picture carries this title, e.g. "t — 300 points"; returns the message then. */
    public ChatMessage awaitChart(long chatId, long messageId, String title) {
        try {
            telegram.await(() -> title(chatId, messageId).equals(title), TIMEOUT,
                    "the chart " + messageId + " in " + chatId + " titled '" + title + "'");
        } catch (AssertionError e) {
            throw new AssertionError("the chart shows '" + title(chatId, messageId) + "', caption '"
                    + caption(chatId, messageId) + "'; " + e.getMessage(), e);
        }
        return message(chatId, messageId);
    }

    /** The title drawn on the chart's picture; empty when there is no such picture. */
    public String title(long chatId, long messageId) {
        return telegram.message(chatId, messageId).flatMap(ChatMessage::photo).map(Pictures::title).orElse("");
    }

    public String caption(long chatId, long messageId) {
        return telegram.message(chatId, messageId).flatMap(ChatMessage::captionText).orElse("");
    }

    public ChatMessage message(long chatId, long messageId) {
        return telegram.message(chatId, messageId).orElseThrow(
                () -> new AssertionError("no message " + messageId + " in chat " + chatId));
    }

    // ---- the chat as it is now -----------------------------------------------------------------------------

    /** The bot's text messages in the chat, oldest first. */
    public List<ChatMessage> botMessages(long chatId) {
        return telegram.messages(chatId).stream().filter(ChatMessage::fromBot).filter(m -> m.text() != null).toList();
    }

    public List<String> botTexts(long chatId) {
        return botMessages(chatId).stream().map(ChatMessage::text).toList();
    }

    /** The bot's text messages in the chat that contain all the fragments, oldest first. */
    public List<ChatMessage> botMessagesWith(long chatId, String... fragments) {
        return botMessages(chatId).stream().filter(m -> List.of(fragments).stream().allMatch(m.text()::contains)).toList();
    }

    public long count(long chatId, String... fragments) {
        return botMessagesWith(chatId, fragments).size();
    }

    /** Waits for a bot message with all the fragments and returns the first such. */
    public ChatMessage awaitMessage(long chatId, String... fragments) {
        awaitMessages(chatId, 1, fragments);
        return botMessagesWith(chatId, fragments).get(0);
    }

    public void awaitMessages(long chatId, long count, String... fragments) {
        telegram.await(() -> count(chatId, fragments) >= count, TIMEOUT,
                count + " message(s) in " + chatId + " with " + List.of(fragments));
    }

    private List<ChatMessage> documents(long chatId) {
        return telegram.messages(chatId).stream().filter(ChatMessage::isDocument).toList();
    }

    // ---- what the bot sent ---------------------------------------------------------------------------------

    /** Every sendMessage to the chat, in order, also those Telegram refused. */
    public List<ApiCall> sentTo(long chatId) {
        return telegram.calls("sendMessage").stream().filter(c -> toChat(c, chatId)).toList();
    }

    public List<String> sentTexts(long chatId) {
        return sentTo(chatId).stream().map(c -> c.param("text").orElse("")).toList();
    }

    /** The sendMessage calls to the chat that Telegram accepted, in order. */
    public List<ApiCall> delivered(long chatId) {
        return sentTo(chatId).stream().filter(ApiCall::ok).toList();
    }

    /** The texts Telegram accepted for the chat, in order. */
    public List<String> replies(long chatId) {
        return delivered(chatId).stream().map(c -> c.param("text").orElse("")).toList();
    }

    /** The delivered messages to the chat that contain {@code text}. */
    public List<ApiCall> delivered(long chatId, String text) {
        return delivered(chatId).stream().filter(c -> c.param("text").orElse("").contains(text)).toList();
    }

    public void awaitReply(long chatId, String containing) {
        telegram.await(() -> replies(chatId).stream().anyMatch(r -> r.contains(containing)), TIMEOUT,
                "a reply in " + chatId + " containing '" + containing + "'");
    }

    /** Every call the bot made to the chat that sends or changes something there. */
    public List<ApiCall> sendsTo(long chatId) {
        return telegram.callsToChat(chatId).stream().filter(c -> !c.method().equalsIgnoreCase("getChat")).toList();
    }

    public static boolean toChat(ApiCall call, long chatId) {
        return call.chatId().isPresent() && call.chatId().getAsLong() == chatId;
    }

    // ---- time ----------------------------------------------------------------------------------------------

    /**
     * Lets time pass, for the checks that something does NOT happen (a repeated notice, an edit of a stopped
     * chart) or for a rhythm that is the point of a test: there is no event to wait for. Everything else
     * waits for its condition. Each caller says why.
     */
    public static void letTimePass(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Numbered messages as they arrived, each run of one repeated message (a resend) counted once. */
    public static List<Integer> withoutAdjacentRepeats(List<Integer> received) {
        List<Integer> out = new ArrayList<>();
        for (Integer n : received) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
