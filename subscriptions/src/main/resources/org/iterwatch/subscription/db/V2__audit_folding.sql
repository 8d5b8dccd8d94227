-- Refused attempts of one person fold into one row a day: how many, and the first (at) and last time.
ALTER TABLE audit ADD COLUMN attempts INT DEFAULT 1 NOT NULL;
ALTER TABLE audit ADD COLUMN last_at BIGINT;
UPDATE audit SET last_at = at;
ALTER TABLE audit ALTER COLUMN last_at SET NOT NULL;
CREATE INDEX audit_fold ON audit (user_id, outcome, at);
