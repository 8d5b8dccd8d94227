package org.iterwatch.e2e.telegram;

/** Identity of a chat: type is private, group, supergroup or channel. */
record ChatInfo(long id, String type, String title, boolean forum) {

    /** Telegram's convention: users are positive, basic groups negative, supergroups -100xxxxxxxxxx. */
    static ChatInfo forId(long id) {
        if (id > 0) {
            return new ChatInfo(id, "private", null, false);
        }
        if (id <= -1_000_000_000_000L) {
            return new ChatInfo(id, "supergroup", "Supergroup " + id, false);
        }
        return new ChatInfo(id, "group", "Group " + id, false);
    }

    ChatInfo asForum() {
        return new ChatInfo(id, "supergroup", title == null ? "Forum " + id : title, true);
    }

    boolean isGroup() {
        return !type.equals("private");
    }
}
