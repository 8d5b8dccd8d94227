package org.iterwatch.bot.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.delivery.Priority;
import org.iterwatch.bot.telegram.DocumentSender;
import org.iterwatch.monitor.MonitorOptions;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.monitor.MonitorView;
import org.iterwatch.render.StatusLine;
import org.iterwatch.render.StatusText;

/** /start, /run, /add, /stop, /remove, /status, /topics, /export: the monitors and their charts. */
public final class MonitorCommands {
    private final MonitorService monitors;
    private final Delivery delivery;
    private final DocumentSender documents;
    private final AlertCommands alertCommands;

    public MonitorCommands(MonitorService monitors, Delivery delivery, DocumentSender documents, AlertCommands alertCommands) {
        this.monitors = monitors;
        this.delivery = delivery;
        this.documents = documents;
        this.alertCommands = alertCommands;
    }

    String start(Incoming.Text m, String topic) {
        WrongUsage.required(topic);
        MonitorView before = monitors.find(topic).orElse(null);
        return MonitorTexts.started(monitors.start(topic, m.chatId(), m.thread()), before);
    }

    /** /add topic [title words] [key=value...]; on an existing monitor it changes title and options. */
    String add(Incoming.Text m, String argument) {
        List<String> words = List.of(WrongUsage.required(argument).split("\\s+"));
        String topic = words.get(0);
        List<String> options = words.stream().skip(1).filter(w -> w.contains("=")).toList();
        String title = String.join(" ", words.stream().skip(1).filter(w -> !w.contains("=")).toList());
        title = title.isEmpty() ? null : title;
        if (monitors.find(topic).isPresent() && (title != null || !options.isEmpty())) {
            monitors.configure(topic, title, options);
            return MonitorTexts.changed(topic);
        }
        MonitorView added = monitors.add(topic, title, MonitorOptions.DEFAULTS.with(options), m.userId(), m.chatId(),
                m.thread());
        return MonitorTexts.added(added.topic());
    }

    String stop(Incoming.Text m, String topic) {
        return MonitorTexts.stopped(monitors.stop(WrongUsage.required(topic)));
    }

    String remove(Incoming.Text m, String topic) {
        monitors.remove(WrongUsage.required(topic));
        return MonitorTexts.removed(topic);
    }

    String status(Incoming.Text m, String topic) {
        if (!topic.isEmpty()) {
            return monitors.status(topic).html();
        }
        List<MonitorView> all = monitors.list();
        return alertCommands.withFooter(all.isEmpty() ? MonitorTexts.NO_MONITORS : StatusText.overview(all.stream()
                .map(v -> new StatusLine(v.topic(), v.state().name(), v.points(), v.lastUpdate())).toList()));
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
