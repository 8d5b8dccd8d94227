-- Which of the instances sharing a PostgreSQL database is active (one row). token goes up by one at every
-- takeover: the fencing token. expires_at is in the database's clock (epoch ms), so the instances' clocks
-- need not agree. failovers counts takeovers of a lease that ran out rather than being handed over.
-- Unused on H2, where the one instance is always active.
CREATE TABLE instance_lease (
    id         INT PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    token      BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    failovers  BIGINT NOT NULL
);
INSERT INTO instance_lease (id, holder, token, expires_at, failovers) VALUES (1, '', 0, 0, 0);
