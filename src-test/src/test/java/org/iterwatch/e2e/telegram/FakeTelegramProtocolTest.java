package org.iterwatch.e2e.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** Parameter encodings, bot setup methods, groups and topics, raw updates, waiting. */
class FakeTelegramProtocolTest {
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
    void parametersArriveByQueryFormAndJson() throws Exception {
        String base = "/bot" + fake.token();
        assertThat(RawHttp.get(fake, base + "/sendMessage?chat_id=11&text=by%20query").status()).isEqualTo(200);
        assertThat(RawHttp.post(fake, "sendMessage", "application/x-www-form-urlencoded",
                "chat_id=11&text=by+form+%C3%A4").status()).isEqualTo(200);
        RawHttp.Response json = RawHttp.post(fake, "sendMessage", "application/json; charset=utf-8",
                "{\"chat_id\":11,\"text\":\"by json\",\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\"a\","
                        + "\"callback_data\":\"x\"}]]}}");

        assertThat(json.json().path("result").path("reply_markup").path("inline_keyboard").get(0).get(0)
                .path("callback_data").asText()).isEqualTo("x");
        assertThat(fake.messages(11)).extracting(ChatMessage::text).containsExactly("by query", "by form ä",
                "by json");
        assertThat(fake.calls("sendMessage").get(2).params()).containsEntry("chat_id", "11");
    }

    @Test
    void setupMethodsOfTheBot() throws TelegramApiException {
        User me = client.execute(new GetMe());
        assertThat(me.getIsBot()).isTrue();
        assertThat(me.getId()).isEqualTo(fake.botUser().id());
        assertThat(client.execute(new DeleteWebhook())).isTrue();

        client.execute(SetMyCommands.builder().command(new BotCommand("status", "Show monitors"))
                .command(new BotCommand("add", "Add a monitor")).build());

        assertThat(fake.commands()).containsExactly(new RegisteredCommand("status", "Show monitors"),
                new RegisteredCommand("add", "Add a monitor"));
        assertThatThrownBy(() -> client.execute(SetMyCommands.builder()
                .command(new BotCommand("Bad Command", "x")).build())).hasMessageContaining("BOT_COMMAND_INVALID");
    }

    @Test
    void sendDocumentKeepsNameAndBytes() throws TelegramApiException {
        byte[] csv = "iteration,value\n1,0.5\n".getBytes(StandardCharsets.UTF_8);

        Message sent = client.execute(SendDocument.builder().chatId(7L)
                .document(new InputFile(new ByteArrayInputStream(csv), "airy.csv")).caption("series").build());

        assertThat(sent.getDocument().getFileName()).isEqualTo("airy.csv");
        ChatMessage stored = fake.message(7, sent.getMessageId()).orElseThrow();
        assertThat(stored.isDocument()).isTrue();
        assertThat(stored.media().bytes()).isEqualTo(csv);
        assertThat(stored.caption()).isEqualTo("series");
    }

    @Test
    void groupAndTopicMessagesCarryTheirChats() throws TelegramApiException {
        long group = -1001111111111L;
        fake.userSendsInGroup(-55L, 9, "/status");
        fake.userSendsInTopic(group, 17, 9, "/status@" + fake.botUser().username());

        List<Update> updates = client.execute(GetUpdates.builder().build());

        Message inGroup = updates.get(0).getMessage();
        assertThat(inGroup.getChat().getType()).isEqualTo("group");
        assertThat(inGroup.getChatId()).isEqualTo(-55L);
        Message inTopic = updates.get(1).getMessage();
        assertThat(inTopic.getChat().getType()).isEqualTo("supergroup");
        assertThat(inTopic.getChat().getIsForum()).isTrue();
        assertThat(inTopic.getMessageThreadId()).isEqualTo(17);
        assertThat(inTopic.getIsTopicMessage()).isTrue();

        Message reply = client.execute(SendMessage.builder().chatId(group).messageThreadId(17).text("ok").build());
        assertThat(reply.getMessageThreadId()).isEqualTo(17);
        assertThat(fake.callsToChat(group)).hasSize(1);
    }

    @Test
    void rawUpdatesGoOutVerbatim() throws Exception {
        long first = fake.injectRawUpdate("{\"message\":{\"message_id\":\"not a number\"}}");
        long second = fake.injectRawUpdate("{broken");

        RawHttp.Response response = RawHttp.get(fake, "/bot" + fake.token() + "/getUpdates");

        assertThat(second).isEqualTo(first + 1);
        assertThat(response.body()).isEqualTo("{\"ok\":true,\"result\":[{\"message\":{\"message_id\":\"not a number\"},"
                + "\"update_id\":" + first + "},{broken]}");
        assertThatThrownBy(() -> client.execute(GetUpdates.builder().build()))
                .isInstanceOf(TelegramApiException.class);
        RawHttp.get(fake, "/bot" + fake.token() + "/getUpdates?offset=" + (second + 1));
        assertThat(fake.pendingUpdates()).isZero();
    }

    @Test
    void awaitCallFindsLaterCallsAndFailsWithTheCallList() throws Exception {
        Thread sender = new Thread(() -> {
            try {
                client.execute(SendMessage.builder().chatId(3L).text("later").build());
            } catch (TelegramApiException e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();

        ApiCall call = fake.awaitCall("sendMessage", c -> c.param("text").orElse("").equals("later"),
                Duration.ofSeconds(5));
        sender.join();

        assertThat(call.chatId()).hasValue(3L);
        assertThatThrownBy(() -> fake.awaitCall("editMessageMedia", Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("editMessageMedia")
                .hasMessageContaining("#1 sendMessage chat=3 -> 200");
    }

    @Test
    void getChatKnowsTheChatType() throws Exception {
        RawHttp.Response chat = RawHttp.get(fake, "/bot" + fake.token() + "/getChat?chat_id=-1002222222222");
        assertThat(chat.json().path("result").path("type").asText()).isEqualTo("supergroup");
        fake.markChatNotFound(-9L);
        RawHttp.Response missing = RawHttp.get(fake, "/bot" + fake.token() + "/getChat?chat_id=-9");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("description").asText()).isEqualTo("Bad Request: chat not found");
    }
}
