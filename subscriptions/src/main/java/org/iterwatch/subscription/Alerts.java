package org.iterwatch.subscription;

import org.iterwatch.config.Fence;
import org.iterwatch.config.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Solver events in, alerts out: each alert is stored with its recipients before anything is sent,
 * then delivered by the outbox to every chat that follows the solver, once and in order.
 */
public final class Alerts {
    /** A solver silent for this many heartbeat periods is suspected. */
    public static final int GRACE_PERIODS = 3;
    private static final int TARGET_MAX = 200;
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9._:@/+-]{1," + TARGET_MAX + "}");

    private final AlertStore store;
    private final SolverLinks links;
    private final Outbox outbox;
    private final ChatSender sender;
    private final Clock clock;
    private final TopicProgress progress;

    public Alerts(DataSource dataSource, ChatSender sender, Clock clock) {
        this(dataSource, sender, clock, TopicProgress.NONE, Fence.OPEN);
    }

    /**
     * @param progress what the monitors read last of a topic, quoted in the alerts of its solver
     * @param fence    the outbox claims an alert only while it holds (this instance is the active one)
     */
    public Alerts(DataSource dataSource, ChatSender sender, Clock clock, TopicProgress progress, Fence fence) {
        Jdbi jdbi = Jdbi.create(dataSource);
        this.store = new AlertStore(jdbi);
        this.links = new SolverLinks(jdbi);
        this.sender = sender;
        this.clock = clock;
        this.progress = progress;
        this.outbox = new Outbox(store, sender, clock, fence);
    }

    /**
     * The delivering side: a part of its own, so that a process can take alerts in (and store them) while
     * another one delivers. It starts with whatever was pending before.
     */
    public Managed outbox() {
        return outbox;
    }

    /**
     * Watched solvers get a fresh grace: the time nobody watched (iterwatch down, or another instance active)
     * is not their silence.
     */
    public void freshGraces() {
        store.restartGraces(clock.millis());
    }

    /** Takes in one event; returns its id. When this returns, any alert it raised is stored. */
    public String accept(SolverEvent event) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        if (event.topic() != null) {
            links.link(event.solver(), event.topic(), now);
        }
        if (event.event() != SolverEvent.Kind.HEARTBEAT) {
            links.ran(event.solver(), event.event() != SolverEvent.Kind.STARTED, now);
        }
        switch (event.event()) {
            case STARTED -> raise(id, AlertKind.STARTED, event, now);
            case STOPPED -> raise(id, AlertKind.STOPPED, event, now);
            case FAILED -> raise(id, AlertKind.FAILED, event, now);
            case HEARTBEAT -> { }
        }
        switch (event.event()) {
            case STOPPED, FAILED -> store.unwatch(event.solver());
            // A new start is news of its own, not a return: only a heartbeat raises "back".
            default -> {
                AlertStore.NewAlert back = event.event() == SolverEvent.Kind.HEARTBEAT
                        ? alert(id, AlertKind.BACK, event, now) : null;
                if (store.heardFrom(event.solver(), event.heartbeatSeconds(), event.host(), now, back)) {
                    outbox.wake();
                }
            }
        }
        return id;
    }

    /**
     * Raises one "suspected failure" for each solver silent for more than {@link #GRACE_PERIODS} of its
     * heartbeat periods; the watchdog calls this several times a second.
     */
    public int checkHeartbeats() {
        long now = clock.millis();
        int raised = 0;
        for (AlertStore.Watch w : store.watches()) {
            long grace = Duration.ofSeconds((long) w.heartbeatSeconds() * GRACE_PERIODS).toMillis();
            if (w.suspected() || now - w.lastSeen() <= grace) {
                continue;
            }
            SolverEvent silence = new SolverEvent(w.solver(), SolverEvent.Kind.HEARTBEAT,
                    "No heartbeat for " + AlertText.duration(Duration.ofMillis(now - w.lastSeen()))
                            + " (promised every " + w.heartbeatSeconds() + " s).", null, w.host(), null, null, null);
            if (store.suspect(w.solver(), w.lastSeen(), alert(UUID.randomUUID().toString(), AlertKind.SUSPECTED, silence, now))) {
                outbox.wake();
                raised++;
            }
        }
        return raised;
    }

    /** The alert with its context: the solver's topics and what their monitor read last. */
    private AlertStore.NewAlert alert(String eventId, AlertKind kind, SolverEvent event, long now) {
        List<String> topics = links.topics(event.solver());
        String topic = topics.isEmpty() ? null : topics.get(0);
        Optional<TopicProgress.Last> last = topic == null ? Optional.empty() : lastRead(topic);
        String html = AlertText.of(kind, event, Instant.ofEpochMilli(now), new AlertText.Context(topics, last));
        return new AlertStore.NewAlert(eventId, event.solver(), kind, html, now, topic);
    }

    /** An alert without what the monitors know is better than none. */
    private Optional<TopicProgress.Last> lastRead(String topic) {
        try {
            return progress.last(topic);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void raise(String eventId, AlertKind kind, SolverEvent event, long now) {
        store.insert(alert(eventId, kind, event, now), kind.name(), kind.loud(), List.of());
        outbox.wake();
    }

    /** From now on the solver's alerts name this topic and link its chart (/link). */
    public void link(String solver, String topic) {
        checkTarget(solver);
        if (!SolverEvent.TOPIC.matcher(topic).matches()) {
            throw new SubscriptionException("That is not a Kafka topic name: use letters, digits, '.', '_' and '-'.");
        }
        links.link(solver, topic, clock.millis());
    }

    public boolean unlink(String solver, String topic) {
        return links.unlink(solver, topic);
    }

    /** The topics a solver writes, most recently linked first. */
    public List<String> topics(String solver) {
        return links.topics(solver);
    }

    /** True when the solver of this topic said it stopped or failed: the topic's silence is then expected. */
    public boolean runEnded(String topic) {
        return links.ended(topic);
    }

    /**
     * Something happened to a monitor (restart, stall, failure): the chats showing its chart and those
     * subscribed to its topic hear of it through the outbox, like a solver alert, so none is lost.
     *
     * @param html the message, Telegram HTML, at most 4 096 characters
     */
    public void monitorNotice(String topic, String html, List<Recipient> chartChats) {
        monitorNotice(topic, html, chartChats, true);
    }

    /** @param loud an alarm (rings, has Ack), or news sent without a sound */
    public void monitorNotice(String topic, String html, List<Recipient> chartChats, boolean loud) {
        store.insert(new AlertStore.NewAlert(UUID.randomUUID().toString(), topic, null, html, clock.millis(), topic),
                "MONITOR", loud, chartChats);
        outbox.wake();
    }

    /** The alerts meant for this chat since then (its daily digest), oldest first. */
    public List<RaisedAlert> raisedFor(long chatId, Instant since) {
        return store.raisedFor(chatId, since.toEpochMilli());
    }

    /** Deliveries not yet made (for health and tests). */
    public int pending() {
        return store.pendingCount();
    }

    /** A group became a supergroup with a new id: its subscriptions and mute follow it there. */
    public void moveChat(long fromChatId, long toChatId) {
        store.moveChat(fromChatId, toChatId);
    }

    /** Follows a solver or topic name, or everything with "all"; false when the chat follows it already. */
    public boolean subscribe(long chatId, Long threadId, String target, long by) {
        return store.subscribe(chatId, threadId, checkTarget(target), by, clock.millis());
    }

    public boolean unsubscribe(long chatId, String target) {
        return store.unsubscribe(chatId, checkTarget(target));
    }

    public int unsubscribeAll(long chatId) {
        return store.unsubscribeAll(chatId);
    }

    /** What the chat follows; "*" is everything. */
    public List<String> subscriptions(long chatId) {
        return store.subscriptions(chatId);
    }

    /** The chat gets no alerts raised until then. */
    public Instant mute(long chatId, Duration duration) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(30)) > 0) {
            throw new SubscriptionException("A mute lasts from 1 minute to 30 days, e.g. /mute 2h.");
        }
        Instant until = clock.instant().plus(duration);
        store.mute(chatId, until.toEpochMilli());
        return until;
    }

    public boolean unmute(long chatId) {
        return store.unmute(chatId, clock.millis());
    }

    /**
     * Acknowledges an alert the chat received and shows who did in every copy of it; false when it was
     * acknowledged before. Refused for alerts the chat never got.
     */
    public boolean acknowledge(long alertId, long chatId, String who) {
        requireReceived(alertId, chatId);
        Optional<String> html = store.acknowledge(alertId, who);
        if (html.isEmpty()) {
            return false;
        }
        String text = AlertText.acknowledged(html.get(), who);
        ChatSender.How how = new ChatSender.How(false, store.topicOf(alertId).orElse(null));
        for (AlertStore.Copy copy : store.copies(alertId)) {
            sender.edit(copy.chatId(), copy.messageId(), text, AlertPress.buttons(alertId, true), how);
        }
        return true;
    }

    /**
     * True when this message of this chat is the alert's copy there. Button data is untrusted: a press
     * naming another alert, or one the chat never got, is recognised before anything is done.
     */
    public boolean shownIn(long alertId, long chatId, long messageId) {
        return store.sentAs(alertId, chatId, messageId);
    }

    /** The Mute 1h button: only under an alert this chat received. */
    public Instant muteFromAlert(long alertId, long chatId) {
        requireReceived(alertId, chatId);
        return mute(chatId, Duration.ofHours(1));
    }

    private void requireReceived(long alertId, long chatId) {
        if (!store.deliveredTo(alertId, chatId)) {
            throw new SubscriptionException("This button is not valid here.");
        }
    }

    private static String checkTarget(String target) {
        String t = target == null ? "" : target.strip();
        if (t.equalsIgnoreCase("all") || t.equals("*")) {
            return "*";
        }
        if (t.length() > TARGET_MAX) {
            throw new SubscriptionException("A solver or topic name has at most " + TARGET_MAX + " characters (yours has "
                    + t.length() + ").");
        }
        if (!TARGET.matcher(t).matches()) {
            throw new SubscriptionException("Name a solver or a topic (letters, digits, . _ : @ / + -), or all.");
        }
        return t;
    }
}
