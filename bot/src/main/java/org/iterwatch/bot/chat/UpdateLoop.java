package org.iterwatch.bot.chat;

import org.iterwatch.bot.delivery.ChatMoves;
import org.iterwatch.subscription.People;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Receives updates from long polling and hands each to its chat's queue on our own executor, so a
 * slow handler never holds up another chat; one bad update never stops the others. Who may do what
 * is decided there, by {@link Access}.
 */
public final class UpdateLoop {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateLoop.class);
    private final Commands commands;
    private final Presses presses;
    private final ChatExecutor chats;
    private final ChatMoves moves;
    private final People people;

    /** {@code people} learns from each update how its sender is called, for acks and lists. */
    public UpdateLoop(Commands commands, Presses presses, ChatExecutor chats, ChatMoves moves, People people) {
        this.commands = commands;
        this.presses = presses;
        this.chats = chats;
        this.moves = moves;
        this.people = people;
    }

    public void accept(Update update) {
        try {
            dispatch(update);
        } catch (RuntimeException e) {
            LOG.warn("update {} skipped: {}", update.getUpdateId(), e.toString());
        }
    }

    private void dispatch(Update update) {
        if (update.hasCallbackQuery()) {
            Incoming.Press press = press(update.getCallbackQuery());
            if (press != null) {
                seen(update.getCallbackQuery().getFrom());
                chats.submit(press.chatId(), () -> presses.onPress(press));
            }
        } else if (update.hasMessage() && migration(update.getMessage())) {
            return;
        } else if (update.hasMessage() && update.getMessage().hasText() && update.getMessage().getFrom() != null) {
            Message m = update.getMessage();
            seen(m.getFrom());
            Integer thread = Boolean.TRUE.equals(m.getIsTopicMessage()) ? m.getMessageThreadId() : null;
            Incoming.Text text = new Incoming.Text(m.getChatId(), thread, m.getFrom().getId(),
                    m.getChat().isUserChat(), m.getText());
            chats.submit(text.chatId(), () -> commands.onText(text));
        }
    }

    private void seen(User user) {
        people.seen(user.getId(), user.getUserName(), user.getFirstName());
    }

    /**
     * Telegram's service messages of a group upgraded to a supergroup: one in the old group naming the new id,
     * one in the new naming the old. Both come from Telegram itself, not from a user, so they are trusted.
     */
    private boolean migration(Message m) {
        if (m.getMigrateToChatId() != null) {
            moves.moved(m.getChatId(), m.getMigrateToChatId());
            return true;
        }
        if (m.getMigrateFromChatId() != null) {
            moves.moved(m.getMigrateFromChatId(), m.getChatId());
            return true;
        }
        return false;
    }

    private static Incoming.Press press(CallbackQuery q) {
        if (q.getMessage() == null || q.getFrom() == null) {
            return null;
        }
        var m = q.getMessage();
        Integer thread = m instanceof Message full && Boolean.TRUE.equals(full.getIsTopicMessage())
                ? full.getMessageThreadId() : null;
        return new Incoming.Press(q.getId(), m.getChatId(), thread, m.getMessageId(), q.getFrom().getId(), q.getData());
    }
}
