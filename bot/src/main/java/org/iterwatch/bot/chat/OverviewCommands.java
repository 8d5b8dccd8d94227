package org.iterwatch.bot.chat;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.iterwatch.bot.board.BoardTexts;
import org.iterwatch.bot.board.StatusBoards;
import org.iterwatch.bot.digest.DigestTexts;
import org.iterwatch.bot.digest.Digests;

/** /board and /digest: the team lead's glance at all monitors, pinned in the chat or sent daily. */
public final class OverviewCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]", Locale.ROOT);
    private final StatusBoards boards;
    private final Digests digests;

    public OverviewCommands(StatusBoards boards, Digests digests) {
        this.boards = boards;
        this.digests = digests;
    }

    /** /digest 08:30 [Europe/Berlin] sets the chat's daily digest (UTC unless a zone is given); off ends it; bare: what is set. */
    String digest(Incoming.Text m, String argument) {
        List<String> words = argument.isBlank() ? List.of() : List.of(argument.strip().split("\\s+"));
        if (words.isEmpty()) {
            return digests.of(m.chatId()).map(DigestTexts::set).orElseGet(DigestTexts::none);
        }
        if (words.size() == 1 && words.get(0).equalsIgnoreCase("off")) {
            return DigestTexts.off(digests.off(m.chatId()));
        }
        if (words.size() > 2) {
            throw new WrongUsage();
        }
        LocalTime time;
        try {
            time = LocalTime.parse(words.get(0), TIME);
        } catch (DateTimeParseException e) {
            throw new WrongUsage();
        }
        ZoneId zone;
        try {
            zone = words.size() == 2 ? ZoneId.of(words.get(1)) : ZoneOffset.UTC;
        } catch (DateTimeException e) {
            return DigestTexts.badZone(words.get(1));
        }
        digests.set(m.chatId(), m.thread(), time, zone);
        return digests.of(m.chatId()).map(DigestTexts::set).orElseThrow();
    }

    String board(Incoming.Text m, String argument) {
        if (argument.strip().equalsIgnoreCase("off")) {
            return BoardTexts.off(boards.off(m.chatId()));
        }
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
