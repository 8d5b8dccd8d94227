package org.iterwatch.bot;

import java.util.function.Consumer;
import javax.sql.DataSource;
import org.iterwatch.bot.delivery.ChatBook;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.delivery.DeliveryMetrics;
import org.iterwatch.bot.delivery.Pacer;
import org.iterwatch.bot.telegram.BotApiGateway;
import org.iterwatch.bot.telegram.DocumentSender;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.bot.telegram.TelegramPolling;
import org.iterwatch.bot.telegram.UpdateMark;
import org.iterwatch.config.ConfigException;
import org.iterwatch.config.Fence;
import org.iterwatch.config.IterwatchConfig;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.config.Pause;
import org.iterwatch.config.Telegram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The way to Telegram: the Bot API gateway (its token checked at start-up), the chats we know of, and the delivery
 * engine that alone paces and sends. Every call goes through the instance's fence.
 *
 * @param config keeps the token as a {@link org.iterwatch.config.Secret}, so this record prints none
 */
record TelegramWiring(Telegram config, Fence fence, TelegramGateway api, String username, ChatBook chatBook,
                      Delivery delivery, DocumentSender documents) {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramWiring.class);

    static TelegramWiring wire(IterwatchConfig config, DataSource dataSource, Fence fence, Metrics metrics) {
        Telegram telegram = config.telegram();
        String token = telegram.token().reveal();
        TelegramGateway api = new BotApiGateway(token, telegram.apiUrl(), fence);
        String username = checkToken(api);
        ChatBook chatBook = new ChatBook(dataSource);
        DeliveryMetrics deliveryMetrics = new DeliveryMetrics();
        metrics.delivery(deliveryMetrics);
        Delivery delivery = new Delivery(api, new Pacer(config.delivery()), chatBook, telegram.admins(), deliveryMetrics);
        return new TelegramWiring(telegram, fence, api, username, chatBook, delivery,
                new DocumentSender(token, telegram.apiUrl(), fence));
    }

    /** The long poll for updates, each handed to {@code loop}; where it stands is kept in the database. */
    TelegramPolling polling(DataSource dataSource, Consumer<Update> loop) {
        return new TelegramPolling(config.token().reveal(), config.apiUrl(), config.pollTimeout(),
                new UpdateMark(dataSource), loop, fence);
    }

    /** Learns the bot's name; a refused token ends start-up, an unreachable Telegram is waited for. */
    private static String checkToken(TelegramGateway api) {
        long backoffMillis = 1000;
        while (true) {
            try {
                return api.botUsername();
            } catch (TelegramFailure e) {
                if (e.kind() != TelegramFailure.Kind.TRANSIENT) {
                    throw new ConfigException("telegram.token: Telegram does not accept this token (" + e.getMessage()
                            + "); check it with @BotFather");
                }
                LOG.warn("Telegram Bot API not reachable ({}); trying again in {} s", rootCause(e), backoffMillis / 1000);
                if (!Pause.of(backoffMillis)) {
                    throw new IterwatchException("interrupted during start-up");
                }
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
            }
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
