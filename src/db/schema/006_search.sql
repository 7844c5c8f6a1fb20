-- 006_search.sql: full-text search over projects, reports and ledger
-- entries (SQLite FTS5 with the trigram tokenizer, so that any Chinese
-- substring of three or more characters matches). The only SQLite-specific
-- schema of shishi besides the PRAGMAs; db/store_search.c is the only code
-- that reads it.
--
-- Why a queue and not triggers that write the index: every connection runs
-- with PRAGMA trusted_schema = OFF (db.c), under which a trigger may not
-- touch a virtual table ("unsafe use of virtual table"). So the triggers
-- below record which rows changed in search_pending, an ordinary table, and
-- store_search_sync() re-indexes those rows before each search, outside any
-- trigger. Queries also skip rows still pending, so a row is never found by
-- text older than its current state.
--
-- The index tables keep their own copy of the text (not external content):
-- a row can then be dropped from the index by rowid alone, after its source
-- row has changed or gone.

CREATE VIRTUAL TABLE search_project USING fts5(title, report_title, body, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_report USING fts5(measures, problems, next_steps, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_ledger USING fts5(content, place, tokenize = 'trigram');

CREATE TABLE search_pending (
    kind TEXT NOT NULL CHECK (kind IN ('project', 'report', 'ledger')),
    id   INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER search_project_ai AFTER INSERT ON project
BEGIN INSERT OR IGNORE INTO search_pending(kind, id) VALUES ('project', new.id); END;
CREATE TRIGGER search_project_au AFTER UPDATE OF title, report_title, body ON project
BEGIN INSERT OR IGNORE INTO search_pending(kind, id) VALUES ('project', new.id); END;
CREATE TRIGGER search_project_ad AFTER DELETE ON project
BEGIN INSERT OR IGNORE INTO search_pending(kind, id) VALUES ('project', old.id); END;

CREATE TRIGGER search_report_ai AFTER INSERT ON report
BEGIN INSERT OR IGNORE INTO search_pending(kind, id) VALUES ('report', new.id); END;
CREATE TRIGGER search_report_au AFTER UPDATE OF measures, problems, next_steps ON report
BEGIN INSERT OR IGNORE INTO search_pending(kind, id) VALUES ('report', new.id); END;
CREATE TRIGGER search_report_ad AFTER DELETE ON report
BEGIN INSERT OR IGNORE INTO search_pending(kind, id) VALUES ('report', old.id); END;

CREATE TRIGGER search_ledger_ai AFTER INSERT ON ledger_entry
BEGIN INSERT OR IGNORE INTO search_pending(kind, id) VALUES ('ledger', new.id); END;
CREATE TRIGGER search_ledger_au AFTER UPDATE OF content, place ON ledger_entry
BEGIN INSERT OR IGNORE INTO search_pending(kind, id) VALUES ('ledger', new.id); END;
CREATE TRIGGER search_ledger_ad AFTER DELETE ON ledger_entry
BEGIN INSERT OR IGNORE INTO search_pending(kind, id) VALUES ('ledger', old.id); END;

-- Rows that exist before this migration: indexed now.
INSERT INTO search_project(rowid, title, report_title, body)
    SELECT id, title, report_title, body FROM project;
INSERT INTO search_report(rowid, measures, problems, next_steps)
    SELECT id, measures, problems, next_steps FROM report;
INSERT INTO search_ledger(rowid, content, place)
    SELECT id, content, coalesce(place, '') FROM ledger_entry;
