package org.iterwatch.bot.telegram;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.iterwatch.bot.telegram.TelegramFailure.Kind;
import org.iterwatch.config.Fence;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends a file (the CSV of /export). Kept apart from {@link TelegramGateway} while the delivery engine
 * is rewritten; it belongs there once that settles.
 */
public final class DocumentSender {
    private final TelegramClient client;

    public DocumentSender(String token, URI apiUrl, Fence fence) {
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(new FencedCalls(fence))
                .connectTimeout(10, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS).writeTimeout(60, TimeUnit.SECONDS)
                .build();
        this.client = new OkHttpTelegramClient(http, token, BotApiGateway.telegramUrl(apiUrl));
    }

    public void send(ChatTarget to, String fileName, byte[] content, String captionHtml) {
        SendDocument send = SendDocument.builder().chatId(to.chatId()).messageThreadId(to.threadId())
                .document(new InputFile(new ByteArrayInputStream(content), fileName))
                .caption(captionHtml).parseMode("HTML").build();
        try {
            client.execute(send);
        } catch (TelegramApiRequestException e) {
            throw BotApiGateway.classify("sendDocument", e);
        } catch (TelegramApiException e) {
            throw new TelegramFailure(Kind.TRANSIENT, "sendDocument: " + e.getMessage(), 0, 0, e);
        }
    }
}
