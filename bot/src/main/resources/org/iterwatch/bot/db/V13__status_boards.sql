-- The pinned /board picture of each chat that asked for one (issue 13): edited in place, like a chart.
CREATE TABLE status_board (
    chat_id    BIGINT PRIMARY KEY,
    thread_id  BIGINT,
    message_id BIGINT,
    shown_hash VARCHAR(64),
    asked_by   BIGINT NOT NULL,
    asked_at   BIGINT NOT NULL
);
