-- 005_publication.sql: what of a programme the public sees, and the
-- objections (意见) people send during a 公示 window.
--
-- A programme without a publication row, or with round_id NULL, shows the
-- public nothing but the notice itself. Only accepted reports of rounds
-- ending on or before the published round's period end feed public figures
-- (core/publication.c applies that rule; nothing here stores figures).

CREATE TABLE publication (
    programme_id    INTEGER PRIMARY KEY REFERENCES programme(id) ON DELETE CASCADE,
    round_id        INTEGER REFERENCES round(id) ON DELETE SET NULL,
    objection_until TEXT,          -- last day of the 公示 window (inclusive); NULL: no window
    updated_at      TEXT NOT NULL,
    updated_by      INTEGER REFERENCES user(id)
) STRICT;

-- An objection from anyone. name and contact are optional; address is kept
-- for the per-address rate limit and is not shown on the coordinator's list.
CREATE TABLE objection (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    round_id     INTEGER REFERENCES round(id) ON DELETE SET NULL,  -- the round public when sent
    name         TEXT CHECK (length(name) <= 50),
    contact      TEXT CHECK (length(contact) <= 100),
    body         TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    address      TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX objection_by_programme ON objection(programme_id, created_at);
CREATE INDEX objection_by_address ON objection(address, created_at);
