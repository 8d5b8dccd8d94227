package org.iterwatch.bot;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.iterwatch.bot.TelegramGateway.BotCommandSpec;
import org.iterwatch.monitor.MonitorException;
import org.iterwatch.monitor.MonitorOptions;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.monitor.MonitorState;
import org.iterwatch.monitor.MonitorView;
import org.iterwatch.render.Html;
import org.iterwatch.render.StatusLine;
import org.iterwatch.render.StatusText;
import org.iterwatch.subscription.Role;
import org.iterwatch.subscription.SubscriptionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries out chat commands, each from people whose role allows it. */
final class Commands {
    static final List<BotCommandSpec> MENU = List.of(
            new BotCommandSpec("start", "Start a monitor: /start <topic> (bare: help)"),
            new BotCommandSpec("help", "What this bot does and its commands"),
            new BotCommandSpec("add", "Add a monitor: /add <topic> [title] [refresh=2s stall=10m x=ordinal|coordinates]"),
            new BotCommandSpec("run", "Start a monitor: /run <topic>"),
            new BotCommandSpec("stop", "Stop a monitor: /stop <topic>"),
            new BotCommandSpec("remove", "Remove a monitor: /remove <topic>"),
            new BotCommandSpec("status", "All monitors, or one: /status [topic]"),
            new BotCommandSpec("topics", "The Kafka topics and which are monitored"),
            new BotCommandSpec("export", "The series of a monitor as a CSV file: /export <topic>"));

    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
    /** Telegram's own limit: anything longer did not come from a Telegram client, and is not parsed. */
    private static final int MESSAGE_MAX = 4096;
    private final TelegramGateway api;
    private final Delivery delivery;
    private final MonitorService monitors;
    private final Access access;
    private final DocumentSender documents;
    private final AlertCommands alertCommands;
    private final Map<String, Handler> handlers = new HashMap<>();

    Commands(TelegramGateway api, Delivery delivery, MonitorService monitors, Access access, AlertCommands alertCommands,
             PeopleCommands peopleCommands, DocumentSender documents) {
        this.documents = documents;
        this.alertCommands = alertCommands;
        this.api = api;
        this.delivery = delivery;
        this.monitors = monitors;
        this.access = access;
        handlers.putAll(Map.of("start", new Handler(Role.OPERATOR, this::start), "run", new Handler(Role.OPERATOR, this::run),
                "add", new Handler(Role.OPERATOR, this::add), "stop", new Handler(Role.OPERATOR, this::stop),
                "remove", new Handler(Role.OPERATOR, this::remove), "help", new Handler(Role.VIEWER, (m, a) -> help()),
                "status", new Handler(Role.VIEWER, this::status), "topics", new Handler(Role.VIEWER, (m, a) -> topics()),
                "export", new Handler(Role.VIEWER, this::export)));
        handlers.putAll(alertCommands.handlers());
        handlers.putAll(peopleCommands.handlers());
    }

    void onText(Incoming.Text message) {
        Optional<Role> role = access.admit(message);
        if (role.isEmpty()) {
            return;
        }
        if (message.text().length() > MESSAGE_MAX) {
            reply(message.replyTo(), "A message may have at most " + MESSAGE_MAX + " characters (yours has "
                    + message.text().length() + ").");
            return;
        }
        Optional<CommandLine> command = CommandLine.parse(message.text(), api.botUsername());
        if (command.isEmpty()) {
            if (message.privateChat()) {
                reply(message.replyTo(), "I understand commands only. /help lists them.");
            }
            return;
        }
        String name = command.get().name().toLowerCase(Locale.ROOT);
        String argument = command.get().argument();
        Handler handler = handlers.get(name);
        if (handler == null) {
            reply(message.replyTo(), "Unknown command /" + Html.escape(Html.shorten(name, 40)) + ". /help lists what I understand.");
            return;
        }
        // A bare /start is the welcome, for everyone; /start <topic> starts a monitor.
        Role needed = name.equals("start") && argument.isEmpty() ? Role.VIEWER : handler.needs();
        if (!role.get().allows(needed)) {
            access.tooLow(message, message.text(), role.get(), needed);
            reply(message.replyTo(), Html.escape(Access.needs("/" + name, needed, role.get())));
            return;
        }
        reply(message.replyTo(), guarded(() -> handler.run().apply(message, argument)));
    }

    private String start(Incoming.Text m, String topic) {
        return topic.isEmpty() ? help() : run(m, topic);
    }

    private String run(Incoming.Text m, String topic) {
        requireArgument(topic, "/run <topic>");
        MonitorView before = monitors.find(topic).orElse(null);
        MonitorView after = monitors.start(topic, m.chatId(), m.thread());
        return started(after, before);
    }

    static String started(MonitorView after, MonitorView before) {
        String topic = "<code>" + Html.escape(after.topic()) + "</code>";
        return before != null && before.state() == MonitorState.RUNNING
                ? topic + " is running already; its chart is pinned in the chats that follow it."
                : "\u25b6 Started " + topic + ". Its chart is pinned here and redrawn as results arrive.";
    }

    /** /add topic [title words] [key=value...]; on an existing monitor it changes title and options. */
    private String add(Incoming.Text m, String argument) {
        requireArgument(argument, "/add <topic> [title] [refresh=2s] [stall=10m] [x=ordinal|coordinates]");
        List<String> words = List.of(argument.split("\\s+"));
        String topicName = words.get(0);
        List<String> options = words.stream().skip(1).filter(w -> w.contains("=")).toList();
        String title = String.join(" ", words.stream().skip(1).filter(w -> !w.contains("=")).toList());
        title = title.isEmpty() ? null : title;
        String topic = Html.escape(topicName);
        if (monitors.find(topicName).isPresent() && (title != null || !options.isEmpty())) {
            monitors.configure(topicName, title, options);
            return "Changed the monitor of <code>" + topic + "</code>. /status " + topic + " shows its options.";
        }
        MonitorView added = monitors.add(topicName, title, MonitorOptions.DEFAULTS.with(options), m.userId(), m.chatId(),
                m.thread());
        return "Added a monitor for <code>" + Html.escape(added.topic()) + "</code>. Start it with /start " + topic + ".";
    }

    private String export(Incoming.Text m, String topic) {
        requireArgument(topic, "/export <topic>");
        byte[] csv = monitors.exportCsv(topic).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ChatTarget to = m.replyTo();
        delivery.call(Priority.REPLY, to, "sendDocument", chat -> {
            documents.send(chat, topic + ".csv", csv, "Series of <code>" + Html.escape(topic) + "</code>");
            return null;
        });
        return "Sent the series of <code>" + Html.escape(topic) + "</code> as 1 CSV file.";
    }

    private String stop(Incoming.Text m, String topic) {
        requireArgument(topic, "/stop <topic>");
        return stopped(monitors.stop(topic));
    }

    static String stopped(MonitorView monitor) {
        return "\u23f9 Stopped <code>" + Html.escape(monitor.topic()) + "</code>.";
    }

    private String remove(Incoming.Text m, String topic) {
        requireArgument(topic, "/remove <topic>");
        monitors.remove(topic);
        return "Removed the monitor for <code>" + Html.escape(topic) + "</code>.";
    }

    private String status(Incoming.Text m, String topic) {
        if (!topic.isEmpty()) {
            return monitors.status(topic).html();
        }
        return alertCommands.withFooter(StatusText.overview(monitors.list().stream()
                .map(v -> new StatusLine(v.topic(), v.state().name(), v.points(), v.lastUpdate())).toList()));
    }

    private String topics() {
        List<String> monitored = monitors.list().stream().map(MonitorView::topic).toList();
        List<String> topics = monitors.topics();
        if (topics.isEmpty()) {
            return "Kafka has no topics yet.";
        }
        StringBuilder out = new StringBuilder("<b>Kafka topics</b> (\u25cf monitored)\n");
        for (String t : topics) {
            String line = (monitored.contains(t) ? "\u25cf " : "\u25cb ") + "<code>" + Html.escape(t) + "</code>\n";
            if (out.length() + line.length() > StatusText.MAX_MESSAGE - 40) {
                out.append("\u2026");
                break;
            }
            out.append(line);
        }
        return out.toString().stripTrailing();
    }

    /** Grouped by the role each needs, so a viewer sees at once what is theirs to do. */
    static String help() {
        return """
                <b>iterwatch</b> draws the progress of your calculations from their Kafka topics and keeps the chart \
                pinned here.

                <b>Everyone with access</b> (viewer and up)
                /status [topic] \u2014 all monitors, or one in detail
                /topics \u2014 the topics Kafka has
                /export &lt;topic&gt; \u2014 the series as a CSV file
                /subscribe &lt;solver|topic|all&gt; \u2014 solver alerts come here; /unsubscribe ends that
                /mute [duration] \u2014 no alerts here for a while; /unmute
                <b>Operators</b>
                /add &lt;topic&gt; [title] \u2014 add a monitor for a topic; options (also to change it later): \
                refresh=2s stall=10m x=ordinal|coordinates
                /start &lt;topic&gt; or /run &lt;topic&gt; \u2014 start it; the chart is pinned in this chat
                /stop &lt;topic&gt; \u2014 stop redrawing
                /remove &lt;topic&gt; \u2014 forget the monitor
                <b>Admins</b>
                /users \u2014 who may use this bot
                /allow &lt;user id&gt; &lt;admin|operator|viewer&gt; \u2014 give access or change a role
                /deny &lt;user id&gt; \u2014 take access away
                The buttons under a chart start or stop that monitor (operators) or show its status.""";
    }

    private static void requireArgument(String argument, String usage) {
        if (argument.isEmpty()) {
            throw new MonitorException("Usage: " + usage);
        }
    }

    static String guarded(java.util.function.Supplier<String> action) {
        try {
            return action.get();
        } catch (MonitorException | SubscriptionException e) {
            return Html.escape(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("a command failed", e);
            return "Something went wrong on my side; the details are in iterwatch's log.";
        }
    }

    private void reply(ChatTarget to, String html) {
        delivery.reply(to, html);
    }
}
