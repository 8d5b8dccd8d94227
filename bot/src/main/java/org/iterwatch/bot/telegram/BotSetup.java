package org.iterwatch.bot.telegram;

import java.util.List;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;

/**
 * What the active instance tells Telegram before it polls: no webhook (getUpdates would be refused), and the
 * command menu. Part of the active side, so a standby calls nothing but getMe.
 */
public final class BotSetup implements Managed {
    private final TelegramGateway api;
    private final List<TelegramGateway.BotCommandSpec> menu;

    public BotSetup(TelegramGateway api, List<TelegramGateway.BotCommandSpec> menu) {
        this.api = api;
        this.menu = List.copyOf(menu);
    }

    @Override
    public void start(Threads threads) {
        api.deleteWebhook();
        api.setCommands(menu);
    }

    @Override
    public void stop() {
    }
}
