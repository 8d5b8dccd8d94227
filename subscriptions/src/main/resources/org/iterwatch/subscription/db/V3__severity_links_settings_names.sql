-- Informational alerts (started, stopped, back, ...) go out without a sound and without Ack; alarms ring.
ALTER TABLE alert ADD COLUMN loud BOOLEAN DEFAULT TRUE NOT NULL;
-- The topic the alert is about, when known: its chart is linked from the alert.
ALTER TABLE alert ADD COLUMN topic VARCHAR(249);

-- Per chat: which alerts ring (INFO: alarms only, ALL: none, NONE: all; NULL = INFO) and its time zone.
CREATE TABLE chat_setting (
    chat_id   BIGINT PRIMARY KEY,
    quiet     VARCHAR(8),
    time_zone VARCHAR(64)
);

-- Which topics a solver writes (from its events' topic field or /link).
CREATE TABLE solver_topic (
    solver    VARCHAR(200) NOT NULL,
    topic     VARCHAR(249) NOT NULL,
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (solver, topic)
);

-- Whether a solver's last run ended (stopped or failed): its topic's silence is then expected.
CREATE TABLE solver_run (
    solver VARCHAR(200) PRIMARY KEY,
    ended  BOOLEAN NOT NULL,
    at     BIGINT NOT NULL
);

-- How people are called, from the Telegram updates they send.
CREATE TABLE person_name (
    user_id    BIGINT PRIMARY KEY,
    username   VARCHAR(64),
    first_name VARCHAR(128)
);
