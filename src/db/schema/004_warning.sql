-- 004_warning.sql: how a programme colours laggards. 'status' (the default)
-- shows 已完成 / 序时推进 / 滞后 / 严重滞后; 'traffic' shows 蓝 (near the
-- deadline and not done), 黄 (behind 序时进度), 红 (overdue or seriously
-- behind), as some localities prefer. near_deadline_days sets "near".
ALTER TABLE programme ADD COLUMN warning_scheme TEXT NOT NULL DEFAULT 'status'
    CHECK (warning_scheme IN ('status', 'traffic'));
ALTER TABLE programme ADD COLUMN near_deadline_days INTEGER NOT NULL DEFAULT 30
    CHECK (near_deadline_days BETWEEN 0 AND 365);
