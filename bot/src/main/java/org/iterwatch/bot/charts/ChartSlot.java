package org.iterwatch.bot.charts;

import org.iterwatch.bot.delivery.CallJob;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.delivery.Job;
import org.iterwatch.bot.delivery.Priority;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.monitor.ChartDraft;
import org.iterwatch.monitor.ChartPicture;
import org.iterwatch.monitor.ShownMessage;

/**
 * The pinned progress message of one monitor in one chat, as a job of the outgoing queue. It is
 * queued at most once: a newer draft replaces the waiting one (only the newest state is sent), a draft the
 * message already shows is not queued at all, and the chart is drawn only when the chat's turn has come
 * ({@link #prepare()}, unpaced), then sent by the paced request that follows: no picture is rendered that is
 * not sent, and drawing never bunches the requests Telegram counts.
 */
public final class ChartSlot implements Job {
    /** Where the message now stands, once Telegram confirmed it. */
    public interface Shown {
        void shown(long monitorId, ShownMessage message);
    }

    private final long monitorId;
    /** The buttons of the newest draft: they follow the monitor's state (Start when stopped, Stop when running). */
    private Keyboard keyboard;
    private final Delivery delivery;
    private final Shown shown;
    private ChatTarget target;
    private Long messageId;
    private String deliveredHash;
    private ChartDraft waiting;
    private ChartDraft sending;
    /** The picture of {@code sending} once drawn, kept for a retry of the same request. */
    private ChartPicture drawn;
    /** The buttons of the draft {@code drawn} was drawn from: they go with that picture. */
    private Keyboard drawnButtons;
    private boolean queued;

    ChartSlot(long monitorId, ChatTarget target, Long messageId, String deliveredHash, Delivery delivery, Shown shown) {
        this.monitorId = monitorId;
        this.target = target;
        this.messageId = messageId;
        this.deliveredHash = deliveredHash;
        this.delivery = delivery;
        this.shown = shown;
    }

    /** Offers the newest draft; queues the slot unless it waits already or shows this content. */
    void offer(ChartDraft draft, Keyboard buttons) {
        synchronized (this) {
            keyboard = buttons;
            if (messageId != null && draft.contentHash().equals(deliveredHash) && sending == null) {
                waiting = null;
                return;
            }
            if (waiting != null) {
                delivery.metrics().coalesced.incrementAndGet();
            }
            waiting = draft;
            if (queued) {
                return;
            }
            queued = true;
        }
        delivery.submit(this);
    }

    @Override
    public Priority priority() {
        return Priority.CHART;
    }

    @Override
    public synchronized ChatTarget target() {
        return target;
    }

    @Override
    public String kind() {
        return "chart";
    }

    /** Ready once drawn, or when there is nothing to draw (then it only finishes). */
    @Override
    public synchronized boolean ready() {
        return drawn != null || waiting == null && sending == null;
    }

    /** Draws the newest draft, now that the chat's turn has come: rendered outside the slot's lock. */
    @Override
    public void prepare() {
        ChartDraft draft;
        Long message;
        String showing;
        Keyboard buttons;
        synchronized (this) {
            buttons = keyboard;
            if (waiting != null) {
                sending = waiting;
                waiting = null;
                drawn = null;
            }
            draft = sending;
            message = messageId;
            showing = deliveredHash;
        }
        ChartPicture picture = draft == null ? null : draft.draw(message == null ? null : showing).orElse(null);
        synchronized (this) {
            if (sending != draft) {
                return;
            }
            if (picture == null) {
                // The message shows this already: nothing to send for it.
                sending = null;
            } else {
                drawn = picture;
                drawnButtons = buttons;
            }
        }
        if (picture != null) {
            delivery.metrics().chartsDrawn.incrementAndGet();
        }
    }

    /** Sends what {@link #prepare()} drew; a draft that came after it waits for the slot's next turn. */
    @Override
    public void run(TelegramGateway api, ChatTarget to) {
        ChartPicture picture;
        Long message;
        Keyboard buttons;
        synchronized (this) {
            picture = drawn;
            message = messageId;
            buttons = drawnButtons;
        }
        if (picture == null) {
            finished(to, null);
            return;
        }
        if (message == null) {
            long id = api.sendPhoto(to, picture.png(), picture.captionHtml(), buttons);
            synchronized (this) {
                messageId = id;
            }
            delivery.submit(CallJob.pin(to, id));
        } else {
            api.editPhoto(to.chatId(), message, picture.png(), picture.captionHtml(), buttons);
        }
        finished(to, picture);
    }

    /** Telegram says the message shows this picture already: it reached the chat all the same. */
    @Override
    public void alreadyDone() {
        ChartPicture picture;
        synchronized (this) {
            picture = drawn;
        }
        finished(target(), picture);
    }

    private void finished(ChatTarget to, ChartPicture picture) {
        boolean again;
        ShownMessage now = null;
        synchronized (this) {
            if (picture != null) {
                deliveredHash = picture.contentHash();
                now = new ShownMessage(to.chatId(), messageId, deliveredHash);
            }
            sending = null;
            drawn = null;
            // A draft of the tick whose data the picture just sent showed already: nothing left to draw.
            if (waiting != null && messageId != null && waiting.contentHash().equals(deliveredHash)) {
                waiting = null;
            }
            again = waiting != null;
            queued = again;
        }
        if (now != null) {
            delivery.metrics().chartsSent.incrementAndGet();
            shown.shown(monitorId, now);
        }
        if (again) {
            delivery.submit(this);
        }
    }

    @Override
    public synchronized boolean messageGone() {
        messageId = null;
        return true;
    }

    @Override
    public synchronized void chatMoved(long newChatId) {
        target = new ChatTarget(newChatId, target.threadId());
        messageId = null;
    }

    @Override
    public synchronized void dropped(TelegramFailure why) {
        if (waiting == null) {
            waiting = sending;
        }
        sending = null;
        drawn = null;
        queued = false;
    }
}
