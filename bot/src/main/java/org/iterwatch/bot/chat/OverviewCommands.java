package org.iterwatch.bot.chat;

import org.iterwatch.bot.board.BoardTexts;
import org.iterwatch.bot.board.StatusBoards;

/** /board: the team lead's glance at all monitors, pinned in the chat. */
public final class OverviewCommands {
    private final StatusBoards boards;

    public OverviewCommands(StatusBoards boards) {
        this.boards = boards;
    }

    String board(Incoming.Text m, String argument) {
        if (!argument.isBlank()) {
            throw new WrongUsage();
        }
        return BoardTexts.asked(boards.ask(m.chatId(), m.thread(), m.userId()));
    }

    /** ⟳ under the chat's board: it is redrawn now. */
    boolean refreshBoard(Incoming.Press press) {
        if (!boards.showsIn(press.chatId(), press.messageId())) {
            return false;
        }
        boards.refresh(press.chatId());
        return true;
    }
}
