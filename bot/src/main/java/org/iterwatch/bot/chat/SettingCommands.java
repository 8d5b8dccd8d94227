package org.iterwatch.bot.chat;

import java.time.ZoneId;
import org.iterwatch.render.Html;
import org.iterwatch.subscription.ChatSettings;
import org.iterwatch.subscription.Quiet;

/** /quiet and /tz: how this chat hears alerts and reads times. */
public final class SettingCommands {
    private final ChatSettings settings;

    public SettingCommands(ChatSettings settings) {
        this.settings = settings;
    }

    String quiet(Incoming.Text m, String argument) {
        if (argument.isEmpty()) {
            return quietNow(settings.quiet(m.chatId()));
        }
        Quiet quiet = Quiet.parse(argument).orElseThrow(WrongUsage::new);
        settings.quiet(m.chatId(), quiet);
        return "\u2705 " + quietNow(quiet);
    }

    String tz(Incoming.Text m, String argument) {
        if (argument.isEmpty()) {
            return "Times here are shown in " + Html.escape(settings.timeZone(m.chatId()).getId())
                    + ". Change it with e.g. /tz Europe/Berlin.";
        }
        ZoneId zone = settings.timeZone(m.chatId(), argument);
        return "\u2705 Times here are now shown in " + Html.escape(zone.getId()) + ".";
    }

    private static String quietNow(Quiet quiet) {
        return switch (quiet) {
            case INFO -> "Failures and suspected failures ring here; news (started, stopped, back, resumed, restarted) "
                    + "arrives without a sound.";
            case ALL -> "Every alert arrives here without a sound.";
            case NONE -> "Every alert rings here, news included.";
        };
    }
}
