package org.iterwatch.bot;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Receives updates from long polling and hands each to its chat's queue on our own executor,
 * instead of the library's single shared thread; one bad update never stops the others.
 */
final class UpdateLoop implements LongPollingUpdateConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateLoop.class);
    private final Commands commands;
    private final ChatExecutor chats;

    UpdateLoop(Commands commands, ChatExecutor chats) {
        this.commands = commands;
        this.chats = chats;
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            try {
                dispatch(update);
            } catch (RuntimeException e) {
                LOG.warn("update {} skipped: {}", update.getUpdateId(), e.toString());
            }
        }
    }

    private void dispatch(Update update) {
        if (update.hasCallbackQuery()) {
            Incoming.Press press = press(update.getCallbackQuery());
            if (press != null) {
                chats.submit(press.chatId(), () -> commands.onPress(press));
            }
        } else if (update.hasMessage() && update.getMessage().hasText() && update.getMessage().getFrom() != null) {
            Message m = update.getMessage();
            Integer thread = Boolean.TRUE.equals(m.getIsTopicMessage()) ? m.getMessageThreadId() : null;
            Incoming.Text text = new Incoming.Text(m.getChatId(), thread, m.getFrom().getId(),
                    m.getChat().isUserChat(), m.getText());
            chats.submit(text.chatId(), () -> commands.onText(text));
        }
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
