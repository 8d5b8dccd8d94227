package org.iterwatch.bot.board;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.iterwatch.bot.charts.BoardMessages;
import org.iterwatch.bot.delivery.ChatMoves;
import org.iterwatch.bot.log.RepeatedWarning;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.monitor.MonitorState;
import org.iterwatch.monitor.MonitorView;
import org.iterwatch.monitor.ProgressListener;
import org.iterwatch.monitor.ProgressUpdate;
import org.iterwatch.render.BoardTile;
import org.iterwatch.render.RenderedChart;
import org.iterwatch.render.StatusBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boards of all chats that asked for one. Every few seconds it looks at the monitors; a chat's board is
 * redrawn when what it shows changed (a state, a point count, a last update, the newest values) and its last
 * redraw is at least the board period ago. ⟳ and {@code /board} redraw at once. Drawing happens on its own
 * thread; sending is the delivery queue's, as a chart edit.
 *
 * <p>It also sits in front of the pinned charts as their {@link ProgressListener}, to keep each monitor's newest
 * values for the sparklines.
 */
public final class StatusBoards implements Managed, ProgressListener, ChatMoves {
    public static final String REFRESH_DATA = "board:refresh";

    /** Told of each monitor whose state the board saw change (before: null for a monitor new to it). */
    public interface StateChanges {
        void changed(String topic, MonitorState before, MonitorState now);
    }

    private static final Logger LOG = LoggerFactory.getLogger(StatusBoards.class);
    private static final Duration CHECK = Duration.ofSeconds(1);
    /** A database outage would fail every check: one line a minute says so (the storage health says more). */
    private final RepeatedWarning failures = new RepeatedWarning(LOG, Duration.ofMinutes(1));

    private final BoardStore store;
    private final ProgressListener charts;
    private final Duration period;
    private final Clock clock;
    private final StatusBoard renderer = new StatusBoard();
    private final Map<Long, double[]> recent = new ConcurrentHashMap<>();
    /** Per chat: the data its board shows, and when it was last redrawn (only the drawing thread touches these). */
    private final Map<Long, String> drawnData = new ConcurrentHashMap<>();
    private final Map<Long, Instant> drawnAt = new ConcurrentHashMap<>();
    private final Map<Long, MonitorState> states = new ConcurrentHashMap<>();
    private BoardMessages messages;
    private MonitorService monitors;
    private StateChanges changes = (topic, before, now) -> { };
    /** Whether the states seen so far are a whole first look: before it, nothing counts as a change. */
    private boolean looked;
    private volatile ScheduledExecutorService drawing;

    /** @param charts the pinned charts, which get every update after the board took its values */
    public StatusBoards(DataSource dataSource, ProgressListener charts, Duration period, Clock clock) {
        this.store = new BoardStore(dataSource);
        this.charts = charts;
        this.period = period;
        this.clock = clock;
    }

    /**
     * Set once at wiring: what the boards show (the monitors, which send their updates through this part) and
     * where the pictures go (the messages report back to {@link #shown}).
     */
    public void wire(MonitorService monitors, BoardMessages messages) {
        this.monitors = monitors;
        this.messages = messages;
    }

    /** Where a chat's board stands once Telegram confirmed it: for {@link BoardMessages}. */
    public void shown(long chatId, long messageId, String hash) {
        store.shown(chatId, messageId, hash);
    }

    /** Set once at wiring. */
    public void onStateChanges(StateChanges changes) {
        this.changes = changes;
    }

    @Override
    public void show(ProgressUpdate update) {
        recent.put(update.monitorId(), update.recent());
        charts.show(update);
    }

    /** /board: the chat gets a board (or its board is redrawn now). @return true when it is the chat's first */
    public boolean ask(long chatId, Long threadId, long userId) {
        boolean first = store.ask(chatId, threadId, userId, clock.millis());
        refresh(chatId);
        return first;
    }

    /** /board off: the chat's board is no longer redrawn (its message stays, as a last picture). */
    public boolean off(long chatId) {
        drawnData.remove(chatId);
        drawnAt.remove(chatId);
        messages.forget(chatId);
        return store.remove(chatId);
    }

    /** Whether this message is the chat's board, so that a ⟳ press on it is one of ours. */
    public boolean showsIn(long chatId, long messageId) {
        return store.of(chatId).map(r -> r.messageId() != null && r.messageId() == messageId).orElse(false);
    }

    /** Redraws the chat's board now, whatever the period. */
    public void refresh(long chatId) {
        ScheduledExecutorService d = drawing;
        if (d != null) {
            d.execute(() -> store.of(chatId).ifPresent(row -> draw(row, tiles(), true)));
        }
    }

    @Override
    public void start(Threads threads) {
        drawing = threads.scheduler("status-board");
        drawing.scheduleWithFixedDelay(this::tick, CHECK.toMillis(), CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService d = drawing;
        drawing = null;
        if (d != null) {
            d.shutdownNow();
        }
    }

    private void tick() {
        try {
            List<MonitorView> all = monitors.list();
            watch(all);
            List<BoardTile> tiles = all.stream().map(this::tile).toList();
            for (BoardStore.Row row : store.all()) {
                draw(row, tiles, false);
            }
        } catch (RuntimeException e) {
            // the next check tries again; a database outage is reported by the storage health
            failures.warn("status boards not redrawn: {}", e.toString());
        }
    }

    private void draw(BoardStore.Row row, List<BoardTile> tiles, boolean now) {
        String data = hash(tiles);
        Instant at = clock.instant();
        Instant last = drawnAt.get(row.chatId());
        boolean due = last == null || !at.isBefore(last.plus(period));
        if (!now && (data.equals(drawnData.get(row.chatId())) || !due)) {
            return;
        }
        RenderedChart picture = renderer.render(tiles, at);
        String caption = BoardTexts.caption(tiles, period);
        drawnData.put(row.chatId(), data);
        drawnAt.put(row.chatId(), at);
        // By what it shows: a redraw that looks the same (⟳ within the same minute) is not sent at all.
        messages.show(row.chatId(), row.threadId(), row.messageId(), row.shownHash(), picture.png(), caption,
                Keyboard.row(new Keyboard.Button("\u27f3 Refresh", REFRESH_DATA)), hash(picture.png(), caption));
    }

    private static String hash(byte[] png, String caption) {
        MessageDigest sha = sha();
        sha.update(png);
        sha.update(caption.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IterwatchException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The board's tiles as of now. */
    public List<BoardTile> tiles() {
        return monitors.list().stream().map(this::tile).toList();
    }

    /** The states seen change since the last look; a monitor removed is forgotten. */
    private void watch(List<MonitorView> all) {
        java.util.Set<Long> present = new java.util.HashSet<>();
        for (MonitorView m : all) {
            present.add(m.id());
            MonitorState before = states.put(m.id(), m.state());
            if (looked && before != m.state()) {
                try {
                    changes.changed(m.topic(), before, m.state());
                } catch (RuntimeException e) {
                    LOG.warn("a change of {} was not recorded: {}", m.topic(), e.toString());
                }
            }
        }
        states.keySet().retainAll(present);
        looked = true;
    }

    private BoardTile tile(MonitorView m) {
        return new BoardTile(m.topic(), BoardTexts.state(m.state()), m.points(), m.lastUpdate(),
                recent.getOrDefault(m.id(), new double[0]), BoardTexts.tone(m.state()));
    }

    /** What the monitors are, as the board shows them; the ages of the last updates are not a change. */
    private static String hash(List<BoardTile> tiles) {
        MessageDigest sha = sha();
        for (BoardTile t : tiles) {
            sha.update((t.topic() + '\n' + t.state() + '\n' + t.points() + '\n' + t.lastUpdate() + '\n'
                    + Arrays.hashCode(t.recent()) + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    @Override
    public void moved(long fromChatId, long toChatId) {
        store.moveChat(fromChatId, toChatId);
        messages.moved(fromChatId, toChatId);
    }
}
