-- Issue 12. The analysis options of a monitor (NULL = off, or the default).
ALTER TABLE monitor ADD COLUMN converge_tol DOUBLE PRECISION;
ALTER TABLE monitor ADD COLUMN value_limit DOUBLE PRECISION;
ALTER TABLE monitor ADD COLUMN stagnation INT;

-- Series alerts raised, one row per episode (e.g. 'r0/nonfinite/40'), so that rereading the topic after a
-- restart of iterwatch does not raise them again.
CREATE TABLE monitor_alert (
    monitor_id BIGINT NOT NULL REFERENCES monitor (id) ON DELETE CASCADE,
    alert_key  VARCHAR(300) NOT NULL,
    raised_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (monitor_id, alert_key)
);

-- The shape of the run before the current one: Kafka no longer holds it once the calculation restarted.
CREATE TABLE monitor_previous_run (
    monitor_id  BIGINT NOT NULL PRIMARY KEY REFERENCES monitor (id) ON DELETE CASCADE,
    points      BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    envelope    BYTEA NOT NULL,
    ended_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What each chart message shows (the buttons under it): ALL, LATEST, DELTA; log y; the previous run.
ALTER TABLE monitor_chat ADD COLUMN chart_view VARCHAR(16);
ALTER TABLE monitor_chat ADD COLUMN log_y BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE monitor_chat ADD COLUMN hide_previous BOOLEAN DEFAULT FALSE NOT NULL;
