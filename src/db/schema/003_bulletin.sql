-- 003_bulletin.sql: the progress bulletin (进展情况通报) of a round, as the
-- coordinator edited it before it went out. Absent: shishi drafts one.
CREATE TABLE bulletin (
    round_id   INTEGER PRIMARY KEY REFERENCES round(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    edited_by  INTEGER REFERENCES user(id),
    edited_at  TEXT NOT NULL
) STRICT;
