package org.iterwatch.bot.charts;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.iterwatch.bot.delivery.ChatMoves;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.monitor.ChartDraft;
import org.iterwatch.monitor.ChartPicture;

/**
 * The pinned status board of each chat that has one, sent, pinned and edited in place exactly like a chart
 * (one {@link ChartSlot} per chat: a newer picture replaces a waiting one, a picture already shown is not
 * sent, a deleted message is sent and pinned anew).
 */
public final class BoardMessages implements ChatMoves {
    /** Where a chat's board now stands, once Telegram confirmed it. */
    public interface Shown {
        void shown(long chatId, long messageId, String hash);
    }

    /** Chart slots are keyed by monitor; the board is no monitor. */
    private static final long NO_MONITOR = 0;
    private final Delivery delivery;
    private final Shown shown;
    private final Map<Long, ChartSlot> slots = new ConcurrentHashMap<>();

    public BoardMessages(Delivery delivery, Shown shown) {
        this.delivery = delivery;
        this.shown = shown;
    }

    /**
     * @param messageId the message showing the board now (null: none yet), and {@code shownHash} what it shows
     */
    public void show(long chatId, Long threadId, Long messageId, String shownHash, byte[] png, String captionHtml,
                     Keyboard keyboard, String hash) {
        ChartSlot slot = slots.computeIfAbsent(chatId, c -> new ChartSlot(NO_MONITOR, ChatTarget.of(c, threadId),
                messageId, shownHash, delivery, (none, m) -> shown.shown(m.chatId(), m.messageId(), m.contentHash())));
        slot.offer(new Drawn(new ChartPicture(png, captionHtml, hash)), keyboard);
    }

    /** A board is drawn when it changed, at most once a minute: it comes drawn already. */
    private record Drawn(ChartPicture picture) implements ChartDraft {
        @Override
        public String contentHash() {
            return picture.contentHash();
        }

        @Override
        public Optional<ChartPicture> draw(String shownHash) {
            return picture.contentHash().equals(shownHash) ? Optional.empty() : Optional.of(picture);
        }
    }

    /** The chat has no board any more: no new picture goes there (one already queued edits the message once more). */
    public void forget(long chatId) {
        slots.remove(chatId);
    }

    @Override
    public void moved(long fromChatId, long toChatId) {
        ChartSlot slot = slots.remove(fromChatId);
        if (slot != null) {
            slots.put(toChatId, slot);
        }
    }
}
