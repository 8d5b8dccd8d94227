package org.iterwatch.bot;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.iterwatch.config.IterwatchException;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** Long polling through telegrambots, feeding our own {@link UpdateLoop}. */
final class TelegramPolling implements Managed {
    private final String token;
    private final URI apiUrl;
    private final Duration pollTimeout;
    private final UpdateLoop loop;
    private TelegramBotsLongPollingApplication polling;

    TelegramPolling(String token, URI apiUrl, Duration pollTimeout, UpdateLoop loop) {
        this.token = token;
        this.apiUrl = apiUrl;
        this.pollTimeout = pollTimeout;
        this.loop = loop;
    }

    @Override
    public void start() {
        polling = new TelegramBotsLongPollingApplication();
        try {
            polling.registerBot(token, () -> BotApiGateway.telegramUrl(apiUrl), this::nextPoll, loop);
        } catch (TelegramApiException e) {
            throw new IterwatchException("cannot start polling Telegram for updates: " + e.getMessage(), e);
        }
    }

    private GetUpdates nextPoll(Integer lastReceived) {
        return GetUpdates.builder().offset(lastReceived + 1).limit(100)
                .timeout((int) pollTimeout.toSeconds())
                .allowedUpdates(List.of("message", "callback_query"))
                .build();
    }

    @Override
    public void stop() {
        try {
            polling.close();
        } catch (Exception e) {
            throw new IterwatchException("cannot stop polling: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Telegram polling";
    }
}
