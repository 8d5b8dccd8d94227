package org.iterwatch.bot.chat;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.monitor.MonitorException;
import org.iterwatch.render.Html;
import org.iterwatch.subscription.Role;
import org.iterwatch.subscription.SubscriptionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries out chat commands: finds each in the {@link CommandTable} and runs it for people whose role allows it. */
public final class Commands {
    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
    /** Telegram's own limit: anything longer did not come from a Telegram client, and is not parsed. */
    private static final int MESSAGE_MAX = 4096;
    private final TelegramGateway api;
    private final Delivery delivery;
    private final Access access;
    private final CommandTable table;

    public Commands(TelegramGateway api, Delivery delivery, Access access, CommandTable table) {
        this.api = api;
        this.delivery = delivery;
        this.access = access;
        this.table = table;
    }

    void onText(Incoming.Text message) {
        Optional<Role> role = access.admit(message);
        if (role.isEmpty()) {
            return;
        }
        if (message.text().length() > MESSAGE_MAX) {
            reply(message, ChatTexts.messageTooLong(MESSAGE_MAX, message.text().length()));
            return;
        }
        Optional<CommandLine> line = CommandLine.parse(message.text(), api.botUsername());
        if (line.isEmpty()) {
            if (message.privateChat()) {
                reply(message, ChatTexts.COMMANDS_ONLY);
            }
            return;
        }
        String name = line.get().name().toLowerCase(Locale.ROOT);
        String argument = line.get().argument();
        Optional<ChatCommand> command = table.find(name, argument);
        if (command.isEmpty()) {
            reply(message, ChatTexts.unknownCommand(name, table.closeTo(name)));
            return;
        }
        Role needed = command.get().role();
        if (!role.get().allows(needed)) {
            access.tooLow(message, message.text(), role.get(), needed);
            reply(message, Html.escape(ChatTexts.needs("/" + name, needed, role.get())));
            return;
        }
        reply(message, guarded(() -> run(command.get(), message, argument, role.get())));
    }

    private static String run(ChatCommand command, Incoming.Text message, String argument, Role role) {
        try {
            return command.action().run(message, argument, role);
        } catch (WrongUsage e) {
            return ChatTexts.usage(command, e);
        }
    }

    /** The answer to a command or a press: its own, its refusal in the user's words, or that something broke. */
    static String guarded(Supplier<String> action) {
        try {
            return action.get();
        } catch (MonitorException | SubscriptionException e) {
            return Html.escape(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("a command failed", e);
            return ChatTexts.FAILED;
        }
    }

    private void reply(Incoming.Text to, String html) {
        delivery.reply(to.replyTo(), html);
    }
}
