package org.iterwatch.bot.charts;

import org.iterwatch.bot.delivery.CallJob;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.delivery.Job;
import org.iterwatch.bot.delivery.Priority;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.monitor.ShownMessage;

/**
 * The pinned progress message of one monitor in one chat, as a job of the outgoing queue. It is
 * queued at most once: a newer picture replaces the waiting one (only the newest state is sent),
 * and a picture the message already shows is not sent at all.
 */
public final class ChartSlot implements Job {
    /** One picture: chart, caption and buttons, and the hash that identifies them. */
    record Picture(byte[] png, String captionHtml, Keyboard keyboard, String hash) {
    }

    /** Where the message now stands, once Telegram confirmed it. */
    public interface Shown {
        void shown(long monitorId, ShownMessage message);
    }

    private final long monitorId;
    private final Delivery delivery;
    private final Shown shown;
    private ChatTarget target;
    private Long messageId;
    private String deliveredHash;
    private Picture waiting;
    private Picture sending;
    private boolean queued;

    ChartSlot(long monitorId, ChatTarget target, Long messageId, String deliveredHash, Delivery delivery, Shown shown) {
        this.monitorId = monitorId;
        this.target = target;
        this.messageId = messageId;
        this.deliveredHash = deliveredHash;
        this.delivery = delivery;
        this.shown = shown;
    }

    /** Offers the newest picture; queues the slot unless it waits already or shows this picture. */
    void offer(Picture picture) {
        synchronized (this) {
            if (messageId != null && picture.hash().equals(deliveredHash) && sending == null) {
                waiting = null;
                return;
            }
            if (waiting != null) {
                delivery.metrics().coalesced.incrementAndGet();
            }
            waiting = picture;
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

    @Override
    public void run(TelegramGateway api, ChatTarget to) {
        Picture picture;
        Long message;
        synchronized (this) {
            if (waiting != null) {
                sending = waiting;
                waiting = null;
            }
            picture = sending;
            message = messageId;
        }
        if (picture == null) {
            finished(to, null);
            return;
        }
        if (message == null) {
            long id = api.sendPhoto(to, picture.png(), picture.captionHtml(), picture.keyboard());
            synchronized (this) {
                messageId = id;
            }
            delivery.submit(CallJob.pin(to, id));
        } else if (!picture.hash().equals(deliveredHash)) {
            api.editPhoto(to.chatId(), message, picture.png(), picture.captionHtml(), picture.keyboard());
        }
        finished(to, picture);
    }

    @Override
    public void alreadyDone() {
        Picture picture;
        synchronized (this) {
            picture = sending;
        }
        finished(target(), picture);
    }

    private void finished(ChatTarget to, Picture picture) {
        boolean again;
        ShownMessage now = null;
        synchronized (this) {
            if (picture != null) {
                deliveredHash = picture.hash();
                now = new ShownMessage(to.chatId(), messageId, deliveredHash);
            }
            sending = null;
            again = waiting != null;
            queued = again;
        }
        if (now != null) {
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
        queued = false;
    }
}
