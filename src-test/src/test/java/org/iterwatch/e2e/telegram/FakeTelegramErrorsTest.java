package org.iterwatch.e2e.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageCaption;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Telegram's refusals, injected failures and flood limits, seen through the real client. */
class FakeTelegramErrorsTest {
    private static final long USER = 5150L;
    private static final long GROUP = -1001234567890L;

    private FakeTelegram fake;
    private OkHttpTelegramClient client;

    @BeforeEach
    void start() {
        fake = FakeTelegram.start();
        client = new OkHttpTelegramClient(fake.token(), new TelegramUrl("http", "127.0.0.1", fake.port(), false));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void contentLimitsAnswerTelegramsDescriptions() {
        assertRefused(() -> client.execute(text(USER, "x".repeat(4097))), 400, "Bad Request: message is too long");
        assertRefused(() -> client.execute(text(USER, "  ")), 400, "Bad Request: message text is empty");
        assertRefused(() -> client.execute(photo(USER, "c".repeat(1025), null)), 400,
                "Bad Request: message caption is too long");
        assertRefused(() -> client.execute(photo(USER, "c", button("d".repeat(65)))), 400,
                "Bad Request: BUTTON_DATA_INVALID");
        assertThat(fake.messages(USER)).isEmpty();
    }

    @Test
    void limitsCountVisibleCharactersAndUtf8BytesOfCallbackData() throws TelegramApiException {
        String longButVisiblyShort = "<b>" + "x".repeat(1024) + "</b>";
        Message sent = client.execute(SendPhoto.builder().chatId(USER).photo(png()).caption(longButVisiblyShort)
                .parseMode("HTML").replyMarkup(button("ж".repeat(32))).build());
        assertThat(sent.getCaption()).hasSize(1024);
        assertRefused(() -> client.execute(photo(USER, "c", button("ж".repeat(33)))), 400,
                "Bad Request: BUTTON_DATA_INVALID");
    }

    @Test
    void malformedHtmlIsRefusedLikeTelegram() {
        assertThatThrownBy(() -> client.execute(SendMessage.builder().chatId(USER).text("a < b").parseMode("HTML")
                .build())).isInstanceOf(TelegramApiRequestException.class)
                .hasMessageContaining("Bad Request: can't parse entities: ");
        assertRefused(() -> client.execute(SendMessage.builder().chatId(USER).text("<x>y</x>").parseMode("HTML")
                .build()), 400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0");
        assertRefused(() -> client.execute(SendMessage.builder().chatId(USER).text("<b>open").parseMode("HTML")
                .build()), 400, "Bad Request: can't parse entities: Can't find end tag corresponding to start tag"
                + " \"b\"");
    }

    @Test
    void unknownChatsAnswerChatNotFound() throws TelegramApiException {
        fake.markChatNotFound(-42L);
        assertRefused(() -> client.execute(text(-42L, "hi")), 400, "Bad Request: chat not found");

        fake.requireKnownChats(true);
        assertRefused(() -> client.execute(text(USER, "hi")), 400, "Bad Request: chat not found");
        fake.userSends(USER, "/start");
        assertThat(client.execute(text(USER, "hi")).getMessageId()).isEqualTo(2);
    }

    @Test
    void editsFollowTelegramsRules() throws TelegramApiException {
        Message textMessage = client.execute(text(USER, "hello"));
        Message photoMessage = client.execute(photo(USER, "chart", button("status")));

        assertRefused(() -> client.execute(EditMessageText.builder().chatId(USER).messageId(textMessage
                .getMessageId()).text("hello").build()), 400, TelegramError.NOT_MODIFIED);
        client.execute(EditMessageText.builder().chatId(USER).messageId(textMessage.getMessageId())
                .text("hello again").build());
        assertThat(fake.message(USER, textMessage.getMessageId()).orElseThrow().text()).isEqualTo("hello again");
        assertRefused(() -> client.execute(EditMessageText.builder().chatId(USER).messageId(photoMessage
                .getMessageId()).text("x").build()), 400, "Bad Request: there is no text in the message to edit");

        client.execute(EditMessageCaption.builder().chatId(USER).messageId(photoMessage.getMessageId())
                .caption("new caption").build());
        ChatMessage afterCaption = fake.message(USER, photoMessage.getMessageId()).orElseThrow();
        assertThat(afterCaption.caption()).isEqualTo("new caption");
        assertThat(afterCaption.hasKeyboard()).as("caption edit without reply_markup drops the keyboard").isFalse();

        client.execute(EditMessageReplyMarkup.builder().chatId(USER).messageId(photoMessage.getMessageId())
                .replyMarkup(button("stop")).build());
        assertThat(fake.message(USER, photoMessage.getMessageId()).orElseThrow().callbackData())
                .containsExactly("stop");
        assertRefused(() -> client.execute(EditMessageReplyMarkup.builder().chatId(USER)
                .messageId(photoMessage.getMessageId()).replyMarkup(button("stop")).build()), 400,
                TelegramError.NOT_MODIFIED);
    }

    @Test
    void usersMessagesCannotBeEdited() {
        long id = fake.userSends(USER, "mine");
        assertRefused(() -> client.execute(EditMessageText.builder().chatId(USER).messageId((int) id).text("x")
                .build()), 400, "Bad Request: message can't be edited");
    }

    @Test
    void injectedErrorsCarryTelegramsBodies() {
        fake.failNext("sendMessage", TelegramError.blockedByUser());
        assertRefused(() -> client.execute(text(USER, "x")), 403, "Forbidden: bot was blocked by the user");
        fake.failNext("sendMessage", TelegramError.kickedFromGroup());
        assertRefused(() -> client.execute(text(GROUP, "x")), 403, "Forbidden: bot was kicked from the group chat");
        fake.failNext("sendMessage", TelegramError.serverError());
        assertRefused(() -> client.execute(text(USER, "x")), 502, "Bad Gateway");

        fake.failNext("sendmessage", TelegramError.migrated(-1009999L));
        TelegramApiRequestException migrated = catchThrowableOfType(TelegramApiRequestException.class,
                () -> client.execute(text(-77L, "x")));
        assertThat(migrated.getErrorCode()).isEqualTo(400);
        assertThat(migrated.getParameters().getMigrateToChatId()).isEqualTo(-1009999L);
        assertThat(migrated.getApiResponse()).isEqualTo("Bad Request: group chat was upgraded to a supergroup chat");
    }

    @Test
    void failuresCanBeCountedAndRestrictedToAChat() throws TelegramApiException {
        fake.failNext("*", TelegramError.serverError(), 2);
        assertRefused(() -> client.execute(text(USER, "x")), 502, "Bad Gateway");
        assertRefused(() -> client.execute(text(USER, "x")), 502, "Bad Gateway");
        assertThat(client.execute(text(USER, "x")).getText()).isEqualTo("x");

        fake.failNextInChat("sendMessage", GROUP, TelegramError.tooManyRequests(3));
        assertThat(client.execute(text(USER, "other chat")).getText()).isEqualTo("other chat");
        assertRefused(() -> client.execute(text(GROUP, "x")), 429, "Too Many Requests: retry after 3");
        assertThat(client.execute(text(GROUP, "x")).getText()).isEqualTo("x");
    }

    @Test
    void blockedUserStaysBlocked() throws TelegramApiException {
        fake.userBlocksBot(USER);
        assertRefused(() -> client.execute(text(USER, "x")), 403, "Forbidden: bot was blocked by the user");
        assertRefused(() -> client.execute(text(USER, "x")), 403, "Forbidden: bot was blocked by the user");
        fake.unbanChat(USER);
        assertThat(client.execute(text(USER, "x")).getText()).isEqualTo("x");
    }

    @Test
    void droppedConnectionIsAnIoFailureNotAnApiAnswer() throws TelegramApiException {
        fake.failNext("sendMessage", TelegramError.dropConnection(), 2);

        assertThatThrownBy(() -> client.execute(text(USER, "x"))).isInstanceOf(TelegramApiException.class)
                .isNotInstanceOf(TelegramApiRequestException.class);

        assertThat(fake.calls("sendMessage")).allMatch(ApiCall::dropped).isNotEmpty();
        fake.clearFailures();
        assertThat(client.execute(text(USER, "after")).getText()).isEqualTo("after");
        assertThat(fake.messages(USER)).extracting(ChatMessage::text).containsExactly("after");
    }

    @Test
    void okHttpSilentlyRetriesOneDropOnAPooledConnection() throws TelegramApiException {
        client.execute(text(USER, "warm up the connection pool"));
        fake.failNext("sendMessage", TelegramError.dropConnection());

        assertThat(client.execute(text(USER, "x")).getText()).isEqualTo("x");

        assertThat(fake.calls("sendMessage")).extracting(ApiCall::status).containsExactly(200, 0, 200);
    }

    @Test
    void lostResponseAfterExecutionDuplicatesTheMessageThroughTheRetry() throws TelegramApiException {
        client.execute(text(USER, "warm up the connection pool"));
        fake.failNext("sendMessage", TelegramError.lostResponse());

        client.execute(text(USER, "once"));

        assertThat(fake.messages(USER)).extracting(ChatMessage::text)
                .containsExactly("warm up the connection pool", "once", "once");
    }

    @Test
    void floodLimitsAnswer429WithRetryAfter() throws TelegramApiException {
        fake.enforceLimits(30, 1, 20);

        client.execute(text(USER, "first"));
        TelegramApiRequestException e = catchThrowableOfType(TelegramApiRequestException.class,
                () -> client.execute(text(USER, "second")));

        assertThat(e.getErrorCode()).isEqualTo(429);
        assertThat(e.getParameters().getRetryAfter()).isEqualTo(1);
        assertThat(fake.tooManyRequestsCount()).isEqualTo(1);
        assertThat(client.execute(text(USER + 1, "other chat")).getText()).isEqualTo("other chat");
        fake.await(() -> {
            try {
                return client.execute(text(USER, "later")) != null;
            } catch (TelegramApiException retry) {
                return false;
            }
        }, Duration.ofSeconds(3), "the per-chat window to free");
    }

    @Test
    void groupsHaveAPerMinuteLimit() throws TelegramApiException {
        fake.enforceLimits(0, 0, 3);
        for (int i = 0; i < 3; i++) {
            client.execute(text(GROUP, "m" + i));
        }
        TelegramApiRequestException e = catchThrowableOfType(TelegramApiRequestException.class,
                () -> client.execute(text(GROUP, "too many")));
        assertThat(e.getParameters().getRetryAfter()).isBetween(55, 60);
        assertThat(client.execute(text(USER, "private chats have no per-minute limit")).getText()).isNotEmpty();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int code,
                                      String description) {
        TelegramApiRequestException e = catchThrowableOfType(TelegramApiRequestException.class, call);
        assertThat(e).as("expected a %d answer: %s", code, description).isNotNull();
        assertThat(e.getErrorCode()).isEqualTo(code);
        assertThat(e.getApiResponse()).isEqualTo(description);
    }

    private static SendMessage text(long chatId, String text) {
        return SendMessage.builder().chatId(chatId).text(text).build();
    }

    private static SendPhoto photo(long chatId, String caption, InlineKeyboardMarkup markup) {
        return SendPhoto.builder().chatId(chatId).photo(png()).caption(caption).replyMarkup(markup).build();
    }

    private static InputFile png() {
        return new InputFile(new ByteArrayInputStream(FakeTelegramTest.png(Color.ORANGE, 20, 10)), "chart.png");
    }

    private static InlineKeyboardMarkup button(String callbackData) {
        return InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("b").callbackData(callbackData).build())).build();
    }
}
