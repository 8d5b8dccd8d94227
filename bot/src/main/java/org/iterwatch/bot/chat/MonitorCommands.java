package org.iterwatch.bot.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.iterwatch.bot.charts.PinnedMessages;
import org.iterwatch.bot.delivery.CallJob;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.monitor.Follower;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.delivery.Priority;
import org.iterwatch.bot.telegram.DocumentSender;
import org.iterwatch.monitor.MonitorOptions;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.monitor.MonitorView;
import org.iterwatch.subscription.ChatSettings;

/** /start, /run, /add, /stop, /remove, /status, /topics, /export, /follow, /unfollow: the monitors and their charts. */
public final class MonitorCommands {
    private final MonitorService monitors;
    private final Delivery delivery;
    private final DocumentSender documents;
    private final AlertCommands alertCommands;
    private final PinnedMessages charts;
    private final ChatSettings settings;

    public MonitorCommands(MonitorService monitors, Delivery delivery, DocumentSender documents, AlertCommands alertCommands,
                           PinnedMessages charts, ChatSettings settings) {
        this.monitors = monitors;
        this.delivery = delivery;
        this.documents = documents;
        this.alertCommands = alertCommands;
        this.charts = charts;
        this.settings = settings;
    }

    String start(Incoming.Text m, String topic) {
        WrongUsage.required(topic);
        MonitorView before = monitors.find(topic).orElse(null);
        return MonitorTexts.started(monitors.start(topic, m.chatId(), m.thread()), before);
    }

    /**
     * /add topic [title words] [key=value...]; on an existing monitor it changes title and options. A quoted title
     * ("a=b", “a=b”) is a title whatever it holds.
     */
    String add(Incoming.Text m, String argument) {
        List<AddArguments.Word> words = AddArguments.split(WrongUsage.required(argument));
        String topic = words.get(0).text();
        List<String> options = words.stream().skip(1).filter(AddArguments.Word::option).map(AddArguments.Word::text).toList();
        String title = String.join(" ", words.stream().skip(1).filter(w -> !w.option()).map(AddArguments.Word::text).toList());
        title = title.isBlank() ? null : title.strip();
        if (monitors.find(topic).isPresent() && (title != null || !options.isEmpty())) {
            monitors.configure(topic, title, options);
            return MonitorTexts.changed(topic);
        }
        MonitorView added = monitors.add(topic, title, MonitorOptions.DEFAULTS.with(options), m.userId(), m.chatId(),
                m.thread());
        return MonitorTexts.added(added.topic());
    }

    /** For viewers too: only shows the chart here, starts and stops nothing. */
    String follow(Incoming.Text m, String topic) {
        boolean isNew = monitors.follow(WrongUsage.required(topic), m.chatId(), m.thread());
        MonitorView monitor = monitors.find(topic).orElseThrow();
        return isNew ? MonitorTexts.following(monitor) : MonitorTexts.followingAlready(topic);
    }

    String unfollow(Incoming.Text m, String topic) {
        MonitorView monitor = monitors.find(WrongUsage.required(topic)).orElse(null);
        Optional<Follower> was = monitors.unfollow(topic, m.chatId());
        if (was.isEmpty()) {
            return MonitorTexts.notFollowing(topic);
        }
        charts.forget(monitor.id(), m.chatId());
        Follower f = was.get();
        if (f.messageId() != null) {
            delivery.submit(CallJob.takeDown(ChatTarget.of(f.chatId(), f.threadId()), f.messageId(), null));
        }
        return MonitorTexts.unfollowed(topic);
    }

    String stop(Incoming.Text m, String topic) {
        return MonitorTexts.stopped(monitors.stop(WrongUsage.required(topic)));
    }

    /** Its charts are unpinned everywhere and left with a "removed" button, so no dead Start or Stop remains. */
    String remove(Incoming.Text m, String topic) {
        long id = monitors.find(WrongUsage.required(topic)).map(MonitorView::id).orElse(0L);
        for (Follower f : monitors.remove(topic)) {
            charts.forget(id, f.chatId());
            if (f.messageId() != null) {
                delivery.submit(CallJob.takeDown(ChatTarget.of(f.chatId(), f.threadId()), f.messageId(), Buttons.removed()));
            }
        }
        return MonitorTexts.removed(topic);
    }

    String status(Incoming.Text m, String topic) {
        if (!topic.isEmpty()) {
            return monitors.status(topic).html();
        }
        List<MonitorView> all = monitors.list();
        return alertCommands.withFooter(all.isEmpty() ? MonitorTexts.NO_MONITORS
                : StatusOverview.html(all, settings.timeZone(m.chatId()), Instant.now()));
    }

    String topics(Incoming.Text m, String argument) {
        return MonitorTexts.topics(monitors.topics(), monitors.list().stream().map(MonitorView::topic).toList());
    }

    String export(Incoming.Text m, String topic) {
        byte[] csv = monitors.exportCsv(WrongUsage.required(topic)).getBytes(StandardCharsets.UTF_8);
        delivery.call(Priority.REPLY, m.replyTo(), "sendDocument", chat -> {
            documents.send(chat, topic + ".csv", csv, MonitorTexts.exportCaption(topic));
            return null;
        });
        return MonitorTexts.exported(topic);
    }
}
