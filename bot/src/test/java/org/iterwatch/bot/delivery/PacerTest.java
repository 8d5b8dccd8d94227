package org.iterwatch.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.iterwatch.config.Delivery;
import org.junit.jupiter.api.Test;

class PacerTest {
    static final long S = TimeUnit.SECONDS.toNanos(1);
    final Pacer pacer = new Pacer(new Delivery(30, 1, 20));

    @Test
    void aPrivateChatGetsOneMessageASecondCountedFromTheAnswer() {
        long answered = 5 * S + 200_000_000;
        pacer.finished(42, answered);

        assertThat(pacer.chatReadyAt(42)).isEqualTo(answered + S);
        assertThat(pacer.chatReadyAt(43)).isZero();
    }

    @Test
    void aGroupGetsTwentyMessagesAMinute() {
        pacer.finished(-100, 10 * S);

        assertThat(pacer.chatReadyAt(-100)).isEqualTo(13 * S);
    }

    @Test
    void overallRequestsAreSpacedALittleWiderThanThirtyASecond() {
        pacer.started(S);

        assertThat(pacer.overallReadyAt() - S).isBetween(S / 30, S / 25);
    }

    @Test
    void aTooManyRequestsAnswerSilencesThatChatForRetryAfterEvenIfItAnsweredSoonerBefore() {
        pacer.rateLimited(7, 3, 2 * S);
        pacer.finished(7, 2 * S);

        assertThat(pacer.chatReadyAt(7)).isEqualTo(5 * S);
        assertThat(pacer.chatReadyAt(8)).isZero();
        assertThat(pacer.overallReadyAt()).isZero();
    }

    @Test
    void manyChatsRefusedAtOnceSlowTheWholeBot() {
        pacer.rateLimited(1, 4, S);
        pacer.rateLimited(2, 4, S);
        assertThat(pacer.chatReadyAt(99)).as("two chats: only they wait").isZero();

        pacer.rateLimited(3, 4, 2 * S);

        assertThat(pacer.chatReadyAt(99)).isEqualTo(6 * S);
        assertThat(pacer.overallReadyAt()).isEqualTo(6 * S);
    }

    @Test
    void refusalsLongAgoDoNotAddUp() {
        pacer.rateLimited(1, 1, S);
        pacer.rateLimited(2, 1, 2 * S);
        pacer.rateLimited(3, 1, 60 * S);

        assertThat(pacer.overallReadyAt()).isZero();
    }

    @Test
    void aBackOffDelaysOnlyItsChat() {
        pacer.backOff(5, 2 * S, 10 * S);

        assertThat(pacer.chatReadyAt(5)).isEqualTo(12 * S);
        assertThat(pacer.chatReadyAt(6)).isZero();
    }

    @Test
    void repliesMayOvertakeAlertsWithinAReservedShareOfTheOverallRate() {
        long t = 10 * S;
        int overtook = 0;
        while (pacer.replyMayOvertake(t)) {
            pacer.replyOvertook(t);
            overtook++;
        }
        assertThat(overtook).as("a burst of a few").isEqualTo(3);

        // Over a minute of replies asked for all the time, they get about 15 % of 30/1.1 a second.
        int inAMinute = 0;
        for (long at = t; at < t + 60 * S; at += S / 100) {
            if (pacer.replyMayOvertake(at)) {
                pacer.replyOvertook(at);
                inAMinute++;
            }
        }
        assertThat(inAMinute).isBetween(240, 250);
    }
}
