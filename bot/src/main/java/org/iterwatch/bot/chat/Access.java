package org.iterwatch.bot.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.iterwatch.bot.delivery.ChatBook;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.subscription.Audit;
import org.iterwatch.subscription.AuditEntry.Outcome;
import org.iterwatch.subscription.People;
import org.iterwatch.subscription.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may talk to the bot, and where. Private chats are served, groups only when listed in
 * telegram.groups (or moved to a supergroup from a listed group), and in both only people with a
 * role. Anyone else changes nothing and learns nothing: a stranger in a private chat is told their own
 * id, at most once a day and only while fewer than {@value #STRANGER_REPLIES_PER_MINUTE} strangers were
 * told in the last minute, so a flood of strangers cannot use up the bot's sending budget; in a group
 * nobody is told anything. Every refusal goes to the audit trail.
 */
public final class Access {
    private static final Logger LOG = LoggerFactory.getLogger(Access.class);
    static final int STRANGER_REPLIES_PER_MINUTE = 20;
    private static final Duration REFUSAL_INTERVAL = Duration.ofDays(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int TOLD_KEPT = 10_000;
    private static final String UNLISTED = "group not in telegram.groups";

    private final People people;
    private final Set<Long> groups;
    private final ChatBook chats;
    private final Audit audit;
    private final Delivery delivery;
    private final Clock clock;
    private final Map<Long, Instant> told;
    private final Deque<Instant> lastMinutesReplies = new ArrayDeque<>();
    private Instant budgetWarned;

    public Access(People people, Collection<Long> groups, ChatBook chats, Audit audit, Delivery delivery, Clock clock) {
        this.people = people;
        this.groups = Set.copyOf(groups);
        this.chats = chats;
        this.audit = audit;
        this.delivery = delivery;
        this.clock = clock;
        this.told = new ConcurrentHashMap<>(audit.toldSince(clock.instant().minus(REFUSAL_INTERVAL)));
    }

    /** The sender's role when the message is to be handled; otherwise it has been dealt with here. */
    Optional<Role> admit(Incoming.Text m) {
        // In groups only commands count as attempts; the chatter around them is none of our business.
        boolean attempt = m.privateChat() || m.text().strip().startsWith("/");
        if (!m.privateChat() && !listed(m.chatId())) {
            if (attempt) {
                record(m, m.text(), Outcome.IGNORED, UNLISTED);
            }
            return Optional.empty();
        }
        Optional<Role> role = people.role(m.userId());
        if (role.isPresent()) {
            chats.reactivate(m.chatId());
            return role;
        }
        if (m.privateChat() && shouldTell(m.userId())) {
            delivery.replyToStranger(m.replyTo(), ChatTexts.strangerRefusal(m.userId()));
            record(m, m.text(), Outcome.TOLD_ID, "stranger");
        } else if (attempt) {
            record(m, m.text(), Outcome.REFUSED, m.privateChat() ? "stranger" : "stranger in a group");
        }
        return Optional.empty();
    }

    /** The presser's role when the press is to be handled; otherwise it has been answered, with no text. */
    Optional<Role> admit(Incoming.Press p) {
        boolean served = p.chatId() > 0 || listed(p.chatId());
        Optional<Role> role = served ? people.role(p.userId()) : Optional.empty();
        if (role.isPresent()) {
            chats.reactivate(p.chatId());
            return role;
        }
        delivery.answerCallback(p.callbackId(), null);
        record(p, button(p), served ? Outcome.REFUSED : Outcome.IGNORED, served ? "stranger" : UNLISTED);
        return Optional.empty();
    }

    /** A known person's press whose data no button of ours carries in that message. */
    void forged(Incoming.Press p, String why) {
        delivery.answerCallback(p.callbackId(), ChatTexts.DEAD_BUTTON);
        record(p, button(p), Outcome.FORGED, why);
    }

    /** A known person asked for more than their role allows; the caller tells them (they are known). */
    void tooLow(Incoming in, String action, Role role, Role needed) {
        record(in, action, Outcome.REFUSED, "needs " + needed.label() + ", has " + role.label());
    }

    static String button(Incoming.Press p) {
        return "button " + p.data();
    }

    private boolean listed(long chatId) {
        return groups.contains(chatId) || groups.stream().anyMatch(g -> chats.current(g) == chatId);
    }

    /**
     * True when this stranger has not been told their id within the last day (restarts included) and
     * the minute's budget of replies to strangers is not spent; one not told for the budget is told
     * when they write again later.
     */
    private synchronized boolean shouldTell(long userId) {
        Instant now = clock.instant();
        Instant last = told.get(userId);
        if (last != null && last.plus(REFUSAL_INTERVAL).isAfter(now)) {
            return false;
        }
        while (!lastMinutesReplies.isEmpty() && !lastMinutesReplies.peekFirst().plus(MINUTE).isAfter(now)) {
            lastMinutesReplies.pollFirst();
        }
        if (lastMinutesReplies.size() >= STRANGER_REPLIES_PER_MINUTE) {
            if (budgetWarned == null || !budgetWarned.plus(MINUTE).isAfter(now)) {
                budgetWarned = now;
                LOG.warn("{} strangers were told their id within the last minute; more strangers get no answer for now "
                        + "(all are refused and audited)", STRANGER_REPLIES_PER_MINUTE);
            }
            return false;
        }
        lastMinutesReplies.addLast(now);
        if (told.size() > TOLD_KEPT) {
            told.values().removeIf(t -> !t.plus(REFUSAL_INTERVAL).isAfter(now));
        }
        told.put(userId, now);
        return true;
    }

    private void record(Incoming in, String action, Outcome outcome, String detail) {
        audit.record(in.userId(), in.chatId(), action, outcome, detail);
    }
}
