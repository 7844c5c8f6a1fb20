-- 002_reporting.sql: supervision of reporting. Reminders to units that have
-- not reported, escalating 提醒 (remind) → 催办 (urge) → 督办 (supervise),
-- each recorded with who sent what, how and when.

CREATE TABLE reminder (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    level      TEXT NOT NULL CHECK (level IN ('remind', 'urge', 'supervise')),
    channel    TEXT NOT NULL CHECK (channel IN ('list', 'phone', 'email', 'notice')),
    recipient  TEXT,
    message    TEXT NOT NULL DEFAULT '',
    delivered  INTEGER NOT NULL DEFAULT 1 CHECK (delivered IN (0, 1)),
    error      TEXT,
    sent_by    INTEGER REFERENCES user(id),
    sent_at    TEXT NOT NULL
) STRICT;
CREATE INDEX reminder_by_round ON reminder(round_id, unit_id, sent_at);
