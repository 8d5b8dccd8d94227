package org.iterwatch.bot.telegram;

import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;

/**
 * What the active instance tells Telegram before it polls: no webhook (getUpdates would be refused). Part of the
 * active side, so a standby calls nothing but getMe (the command menus are the active side's too).
 */
public final class BotSetup implements Managed {
    private final TelegramGateway api;

    public BotSetup(TelegramGateway api) {
        this.api = api;
    }

    @Override
    public void start(Threads threads) {
        api.deleteWebhook();
    }

    @Override
    public void stop() {
    }
}
