-- What the chart last showed: a stopped or failed monitor, or one still rebuilding after a restart, is
-- described by it instead of "0 points".
ALTER TABLE monitor ADD COLUMN last_points BIGINT;
ALTER TABLE monitor ADD COLUMN last_first_iteration BIGINT;
ALTER TABLE monitor ADD COLUMN last_iteration BIGINT;
ALTER TABLE monitor ADD COLUMN last_record_at BIGINT;
