-- One row rewritten by the storage health check: a commit that succeeds shows the disk takes writes again.
CREATE TABLE storage_probe (
    id         INT PRIMARY KEY,
    checked_at BIGINT NOT NULL
);
