-- Chats the bot may not send to any more (blocked, kicked) and groups that became supergroups.
CREATE TABLE bot_chat (
    chat_id        BIGINT PRIMARY KEY,
    inactive_since TIMESTAMP WITH TIME ZONE,
    reason         VARCHAR(300),
    moved_to       BIGINT
);

-- The last update handed to a handler, so a restart never handles it again.
CREATE TABLE bot_update_mark (
    id             INT PRIMARY KEY,
    last_update_id BIGINT NOT NULL
);
