package org.iterwatch.bot.charts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.iterwatch.bot.chat.Buttons;
import org.iterwatch.bot.delivery.ChatBook;
import org.iterwatch.bot.delivery.ChatMoves;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.monitor.Follower;
import org.iterwatch.monitor.ProgressListener;
import org.iterwatch.monitor.ProgressUpdate;

/**
 * Keeps one pinned progress message per monitor and chat: sent and pinned the first time, edited
 * in place afterwards, sent anew if someone deleted it. {@link #show} only hands the newest draft
 * to the delivery queue and returns at once (it is drawn when the chat's turn comes); where each message stands is reported back through
 * {@link ChartSlot.Shown} once Telegram confirmed it.
 */
public final class PinnedMessages implements ProgressListener, ChatMoves {
    private final Delivery delivery;
    private final ChatBook chats;
    private final ChartSlot.Shown shown;
    private final OperatorChats operators;
    private final Map<Key, ChartSlot> slots = new ConcurrentHashMap<>();

    private record Key(long monitorId, long chatId) {
    }

    /** Whether people in a chat may start and stop monitors: only there do charts carry those buttons. */
    @FunctionalInterface
    public interface OperatorChats {
        boolean operates(long chatId);
    }

    public PinnedMessages(Delivery delivery, ChatBook chats, ChartSlot.Shown shown, OperatorChats operators) {
        this.delivery = delivery;
        this.chats = chats;
        this.shown = shown;
        this.operators = operators;
    }

    @Override
    public void show(ProgressUpdate update) {
        for (Follower follower : update.followers()) {
            long chat = chats.current(follower.chatId());
            if (chats.inactive(chat)) {
                continue;
            }
            if (chat != follower.chatId()) {
                // Rows read before the chat moved: its slot (and the message it sent there) is under the new id.
                moveSlot(new Key(update.monitorId(), follower.chatId()), new Key(update.monitorId(), chat));
            }
            ChartSlot slot = slots.computeIfAbsent(new Key(update.monitorId(), chat), k -> new ChartSlot(k.monitorId(),
                    ChatTarget.of(chat, follower.threadId()), follower.messageId(), follower.shownHash(), delivery, shown));
            slot.offer(update.draft(), Buttons.forMonitor(update.monitorId(), update.state(), operators.operates(chat),
                    update.view(), update.deltas()));
        }
    }

    /** The chat no longer shows the monitor (unfollowed, removed): a later follow starts with a new message. */
    public void forget(long monitorId, long chatId) {
        slots.remove(new Key(monitorId, chats.current(chatId)));
    }

    /**
     * Forgets where each chart stands: on a shared database another instance may have sent some anew while this
     * one was standby. The next picture of each monitor starts from what the database says.
     */
    public void forget() {
        slots.clear();
    }

    /** The queue moved the slots' jobs already; here they are found under the new chat id. */
    @Override
    public void moved(long fromChatId, long toChatId) {
        slots.keySet().stream().filter(k -> k.chatId() == fromChatId).toList()
                .forEach(k -> moveSlot(k, new Key(k.monitorId(), toChatId)));
    }

    private void moveSlot(Key from, Key to) {
        ChartSlot slot = slots.remove(from);
        if (slot != null) {
            slots.put(to, slot);
        }
    }
}
