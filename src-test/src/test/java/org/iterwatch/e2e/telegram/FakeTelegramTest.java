package org.iterwatch.e2e.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.pinnedmessages.PinChatMessage;
import org.telegram.telegrambots.meta.api.methods.pinnedmessages.UnpinChatMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageMedia;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Drives the fake with the real telegrambots 10.2.0 OkHttp client. */
class FakeTelegramTest {
    private static final long USER = 4242L;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeTelegram fake;
    private OkHttpTelegramClient client;

    @BeforeEach
    void start() {
        fake = FakeTelegram.start("777:secret-token");
        client = clientFor(fake.token());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private OkHttpTelegramClient clientFor(String token) {
        return new OkHttpTelegramClient(token, new TelegramUrl("http", "127.0.0.1", fake.port(), false));
    }

    @Test
    void sendMessageRoundTrip() throws TelegramApiException {
        Message sent = client.execute(SendMessage.builder().chatId(USER).text("hello <b>world</b>")
                .parseMode("HTML").build());

        assertThat(sent.getMessageId()).isEqualTo(1);
        assertThat(sent.getText()).isEqualTo("hello world");
        assertThat(sent.getChatId()).isEqualTo(USER);
        assertThat(sent.getChat().getType()).isEqualTo("private");
        assertThat(sent.getFrom().getIsBot()).isTrue();
        assertThat(sent.getDate()).isPositive();
        assertThat(fake.message(USER, 1)).hasValueSatisfying(m -> {
            assertThat(m.text()).isEqualTo("hello <b>world</b>");
            assertThat(m.parseMode()).isEqualTo("HTML");
        });
        ApiCall call = fake.calls("sendMessage").get(0);
        assertThat(call.chatId()).hasValue(USER);
        assertThat(call.ok()).isTrue();
        assertThat(client.execute(SendMessage.builder().chatId(USER).text("second").build()).getMessageId())
                .isEqualTo(2);
    }

    @Test
    void sendPhotoIsStoredByteExactWithCaptionAndKeyboard() throws TelegramApiException {
        byte[] png = png(Color.RED, 640, 480);

        Message sent = client.execute(SendPhoto.builder().chatId(USER)
                .photo(new InputFile(new ByteArrayInputStream(png), "chart.png"))
                .caption("iterations 1–57").replyMarkup(keyboard("start:airy")).build());

        assertThat(sent.getPhoto()).isNotEmpty();
        PhotoSize biggest = sent.getPhoto().get(sent.getPhoto().size() - 1);
        assertThat(biggest.getWidth()).isEqualTo(640);
        assertThat(biggest.getHeight()).isEqualTo(480);
        assertThat(biggest.getFileId()).isNotBlank();
        assertThat(sent.getCaption()).isEqualTo("iterations 1–57");
        assertThat(sent.getReplyMarkup().getKeyboard().get(0).get(0).getCallbackData()).isEqualTo("start:airy");
        ChatMessage stored = fake.message(USER, sent.getMessageId()).orElseThrow();
        assertThat(stored.photo()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(png));
        assertThat(stored.callbackData()).containsExactly("start:airy");
        assertThat(fake.calls("sendPhoto").get(0).attachment("photo"))
                .hasValueSatisfying(f -> assertThat(f.bytes()).isEqualTo(png));
    }

    @Test
    void editMessageMediaReplacesPhotoCaptionAndKeyboard() throws TelegramApiException {
        Message sent = sendChart(png(Color.RED, 100, 80), "old caption", keyboard("old"));
        byte[] newPng = png(Color.BLUE, 120, 90);

        Message edited = (Message) client.execute(editMedia(sent, newPng, "new <i>caption</i>", keyboard("new")));

        assertThat(edited.getCaption()).isEqualTo("new caption");
        assertThat(edited.getEditDate()).isNotNull();
        ChatMessage stored = fake.message(USER, sent.getMessageId()).orElseThrow();
        assertThat(stored.photo()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(newPng));
        assertThat(stored.caption()).isEqualTo("new <i>caption</i>");
        assertThat(stored.callbackData()).containsExactly("new");
        assertThat(stored.editCount()).isEqualTo(1);
        ApiCall call = fake.calls("editMessageMedia").get(0);
        assertThat(call.jsonParam("media").path("media").asText()).startsWith("attach://");
        assertThat(call.jsonParam("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data")
                .asText()).isEqualTo("new");
    }

    @Test
    void editMessageMediaWithoutCaptionOrKeyboardDropsThem() throws TelegramApiException {
        Message sent = sendChart(png(Color.RED, 100, 80), "caption", keyboard("stop"));

        client.execute(editMedia(sent, png(Color.GREEN, 100, 80), null, null));

        ChatMessage stored = fake.message(USER, sent.getMessageId()).orElseThrow();
        assertThat(stored.caption()).isNull();
        assertThat(stored.hasKeyboard()).isFalse();
    }

    @Test
    void identicalEditAnswersNotModified() throws TelegramApiException {
        byte[] png = png(Color.RED, 100, 80);
        Message sent = sendChart(png, "same", keyboard("same"));

        TelegramApiRequestException e = catchThrowableOfType(TelegramApiRequestException.class,
                () -> client.execute(editMedia(sent, png, "same", keyboard("same"))));

        assertThat(e.getErrorCode()).isEqualTo(400);
        assertThat(e.getApiResponse()).isEqualTo(TelegramError.NOT_MODIFIED);
        assertThat(fake.message(USER, sent.getMessageId()).orElseThrow().editCount()).isZero();
    }

    @Test
    void editOfDeletedMessageAnswersNotFound() throws TelegramApiException {
        Message sent = sendChart(png(Color.RED, 10, 10), "c", null);
        fake.failNext("sendMessage", TelegramError.serverError()); // unrelated rule must not interfere
        client.execute(org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage.builder()
                .chatId(USER).messageId(sent.getMessageId()).build());

        TelegramApiRequestException e = catchThrowableOfType(TelegramApiRequestException.class,
                () -> client.execute(editMedia(sent, png(Color.BLUE, 10, 10), "c", null)));

        assertThat(e.getErrorCode()).isEqualTo(400);
        assertThat(e.getApiResponse()).isEqualTo("Bad Request: message to edit not found");
        assertThat(fake.message(USER, sent.getMessageId())).isEmpty();
    }

    @Test
    void injectedTooManyRequestsCarriesRetryAfterOnce() throws TelegramApiException {
        fake.failNext("sendMessage", TelegramError.tooManyRequests(7));

        TelegramApiRequestException e = catchThrowableOfType(TelegramApiRequestException.class,
                () -> client.execute(SendMessage.builder().chatId(USER).text("hi").build()));

        assertThat(e.getErrorCode()).isEqualTo(429);
        assertThat(e.getParameters().getRetryAfter()).isEqualTo(7);
        assertThat(e.getApiResponse()).isEqualTo("Too Many Requests: retry after 7");
        assertThat(client.execute(SendMessage.builder().chatId(USER).text("hi").build()).getText()).isEqualTo("hi");
        assertThat(fake.calls("sendMessage")).extracting(ApiCall::status).containsExactly(429, 200);
    }

    @Test
    void longPollingReturnsInjectedMessageAndCallbackThenOffsetConfirms() throws TelegramApiException {
        Message chart = sendChart(png(Color.RED, 10, 10), "c", keyboard("status:airy"));
        long messageId = fake.userSends(USER, "/status airy");
        String queryId = fake.userPresses(USER, USER, chart.getMessageId(), "status:airy");

        List<Update> updates = client.execute(GetUpdates.builder().timeout(1).build());

        assertThat(updates).hasSize(2);
        Message message = updates.get(0).getMessage();
        assertThat(message.getMessageId()).isEqualTo((int) messageId);
        assertThat(message.getText()).isEqualTo("/status airy");
        // telegrambots quirk: isCommand() only sees the entity once getEntities() has filled in its text
        assertThat(message.getEntities()).extracting(e -> e.getType()).containsExactly("bot_command");
        assertThat(message.isCommand()).isTrue();
        assertThat(message.getFrom().getId()).isEqualTo(USER);
        assertThat(message.getChatId()).isEqualTo(USER);
        assertThat(updates.get(1).getCallbackQuery().getId()).isEqualTo(queryId);
        assertThat(updates.get(1).getCallbackQuery().getData()).isEqualTo("status:airy");
        assertThat(updates.get(1).getCallbackQuery().getMessage().getMessageId()).isEqualTo(chart.getMessageId());
        assertThat(updates.get(1).getUpdateId()).isEqualTo(updates.get(0).getUpdateId() + 1);

        assertThat(client.execute(GetUpdates.builder().timeout(0).build())).hasSize(2); // not yet confirmed
        int next = updates.get(1).getUpdateId() + 1;
        assertThat(client.execute(GetUpdates.builder().offset(next).timeout(0).build())).isEmpty();
        assertThat(fake.pendingUpdates()).isZero();
    }

    @Test
    void answerCallbackQueryOnlyOnce() throws TelegramApiException {
        String id = fake.userPresses(USER, USER, 99, "stop:x");
        var answer = org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery.builder().callbackQueryId(id)
                .build();

        assertThat(client.execute(answer)).isTrue();
        assertThat(fake.answeredCallbackQueries()).containsExactly(id);
        assertThatThrownBy(() -> client.execute(answer)).isInstanceOf(TelegramApiRequestException.class)
                .hasMessageContaining("query is too old");
    }

    @Test
    void emptyLongPollIsHeldForItsTimeout() throws TelegramApiException {
        long start = System.nanoTime();

        List<Update> updates = client.execute(GetUpdates.builder().timeout(1).build());

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(updates).isEmpty();
        assertThat(elapsedMillis).isBetween(900L, 4000L);
    }

    @Test
    void heldLongPollAnswersAsSoonAsAnUpdateArrives() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<java.util.ArrayList<Update>> poll = client.executeAsync(GetUpdates.builder().timeout(8).build());
        fake.awaitPolling(WAIT);

        fake.userSends(USER, "hello");

        List<Update> updates = poll.get(5, TimeUnit.SECONDS);
        assertThat(updates).extracting(u -> u.getMessage().getText()).containsExactly("hello");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void secondConcurrentPollerTerminatesTheFirstWith409() throws Exception {
        CompletableFuture<java.util.ArrayList<Update>> first = client.executeAsync(GetUpdates.builder().timeout(5).build());
        fake.awaitPolling(WAIT);

        List<Update> second = clientFor(fake.token()).execute(GetUpdates.builder().timeout(1).build());

        assertThat(second).isEmpty();
        Throwable failure = catchThrowableOfType(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS))
                .getCause();
        assertThat(failure).isInstanceOf(TelegramApiRequestException.class);
        assertThat(((TelegramApiRequestException) failure).getErrorCode()).isEqualTo(409);
        assertThat(((TelegramApiRequestException) failure).getApiResponse())
                .isEqualTo("Conflict: terminated by other getUpdates request;"
                        + " make sure that only one bot instance is running");
    }

    @Test
    void pinAndUnpin() throws TelegramApiException {
        Message sent = sendChart(png(Color.RED, 10, 10), "c", null);

        assertThat(client.execute(PinChatMessage.builder().chatId(USER).messageId(sent.getMessageId()).build()))
                .isTrue();
        assertThat(fake.pinned(USER)).hasValue(sent.getMessageId());

        client.execute(UnpinChatMessage.builder().chatId(USER).messageId(sent.getMessageId()).build());
        assertThat(fake.pinned(USER)).isEmpty();
        assertThatThrownBy(() -> client.execute(PinChatMessage.builder().chatId(USER).messageId(404).build()))
                .isInstanceOf(TelegramApiRequestException.class).hasMessageContaining("message to pin not found");
    }

    @Test
    void methodNamesAreMatchedCaseInsensitively() throws Exception {
        client.execute(SendMessage.builder().chatId(USER).text("x").build());

        ApiCall call = fake.calls("sendMessage").get(0);
        assertThat(call.requestedMethod()).isEqualTo("sendmessage"); // what telegrambots 10.2.0 sends
        assertThat(call.method()).isEqualTo("sendMessage");
        RawHttp.Response me = RawHttp.get(fake, "/bot" + fake.token() + "/GETME");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("result").path("username").asText()).isEqualTo(fake.botUser().username());
    }

    @Test
    void wrongTokenAnswers401AndUnknownMethod404() throws Exception {
        TelegramApiRequestException e = catchThrowableOfType(TelegramApiRequestException.class,
                () -> clientFor("777:wrong").execute(SendMessage.builder().chatId(USER).text("x").build()));
        assertThat(e.getErrorCode()).isEqualTo(401);
        assertThat(e.getApiResponse()).isEqualTo("Unauthorized");

        RawHttp.Response unknown = RawHttp.get(fake, "/bot" + fake.token() + "/sendTelepathy");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        assertThat(fake.messages(USER)).isEmpty();
    }

    private Message sendChart(byte[] png, String caption, InlineKeyboardMarkup markup) throws TelegramApiException {
        return client.execute(SendPhoto.builder().chatId(USER)
                .photo(new InputFile(new ByteArrayInputStream(png), "chart.png")).caption(caption)
                .replyMarkup(markup).build());
    }

    private static EditMessageMedia editMedia(Message message, byte[] png, String caption,
                                              InlineKeyboardMarkup markup) {
        InputMediaPhoto media = new InputMediaPhoto(new ByteArrayInputStream(png), "chart.png");
        if (caption != null) {
            media.setCaption(caption);
            media.setParseMode("HTML");
        }
        return EditMessageMedia.builder().chatId(message.getChatId()).messageId(message.getMessageId())
                .media(media).replyMarkup(markup).build();
    }

    static InlineKeyboardMarkup keyboard(String... callbackData) {
        InlineKeyboardRow row = new InlineKeyboardRow();
        for (String data : callbackData) {
            row.add(InlineKeyboardButton.builder().text("▶ " + data).callbackData(data).build());
        }
        return InlineKeyboardMarkup.builder().keyboardRow(row).build();
    }

    static byte[] png(Color color, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
