-- Per-monitor options (NULL = the configured default).
ALTER TABLE monitor ADD COLUMN refresh_ms BIGINT;
ALTER TABLE monitor ADD COLUMN stall_ms BIGINT;
ALTER TABLE monitor ADD COLUMN x_axis VARCHAR(16);
-- Topic id and run id of the series last seen: a change while we were down is still a restart to report.
ALTER TABLE monitor ADD COLUMN generation VARCHAR(300);
-- STALLED or FAILED, kept so that a restart of iterwatch neither repeats nor forgets the notice.
ALTER TABLE monitor ADD COLUMN held_state VARCHAR(16);
ALTER TABLE monitor ADD COLUMN restarts BIGINT DEFAULT 0 NOT NULL;
