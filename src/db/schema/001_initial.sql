-- 001_initial.sql: every entity of DESIGN.md.
-- Dates are ISO text (YYYY-MM-DD), timestamps UTC ISO text (YYYY-MM-DDTHH:MM:SSZ),
-- money integer fen. Applied in one transaction by db.c; user_version is set there.

CREATE TABLE office (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    phone   TEXT,
    email   TEXT
) STRICT;

CREATE TABLE unit (
    id        INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES office(id),
    name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    email     TEXT,
    UNIQUE (office_id, name)
) STRICT;

CREATE TABLE programme (
    id                INTEGER PRIMARY KEY,
    office_id         INTEGER NOT NULL REFERENCES office(id),
    title             TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    issuer            TEXT,
    issued            TEXT,
    phone             TEXT,
    email             TEXT,
    reporting         TEXT NOT NULL DEFAULT 'quarterly' CHECK (reporting IN ('quarterly', 'monthly')),
    report_form_title TEXT,
    is_public         INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0, 1)),
    start_date        TEXT NOT NULL,
    deadline          TEXT NOT NULL,
    lag_threshold     REAL NOT NULL DEFAULT 0.2 CHECK (lag_threshold BETWEEN 0 AND 1),
    created_at        TEXT NOT NULL,
    CHECK (start_date <= deadline)
) STRICT;

CREATE TABLE project (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    no           INTEGER NOT NULL CHECK (no >= 1),
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    report_title TEXT NOT NULL CHECK (length(report_title) BETWEEN 1 AND 300),
    body         TEXT NOT NULL DEFAULT '',
    deadline     TEXT NOT NULL,
    UNIQUE (programme_id, no)
) STRICT;

CREATE TABLE project_unit (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    role       TEXT NOT NULL CHECK (role IN ('lead', 'responsible')),
    position   INTEGER NOT NULL,
    department TEXT,
    person     TEXT,
    phone      TEXT,
    UNIQUE (project_id, unit_id)
) STRICT;
CREATE INDEX project_unit_by_unit ON project_unit(unit_id);

CREATE TABLE indicator (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    target        REAL NOT NULL CHECK (target >= 0),
    measure       TEXT NOT NULL,
    comparator    TEXT NOT NULL DEFAULT '>=' CHECK (comparator IN ('>=', '<=', '=')),
    owner_unit_id INTEGER REFERENCES unit(id)
) STRICT;
CREATE INDEX indicator_by_project ON indicator(project_id, position);

CREATE TABLE standard (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
    measure    TEXT NOT NULL
) STRICT;
CREATE INDEX standard_by_project ON standard(project_id, position);

CREATE TABLE round (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind         TEXT NOT NULL CHECK (kind IN ('quarter', 'extra')),
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    closed       INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    UNIQUE (programme_id, name),
    CHECK (period_start <= period_end)
) STRICT;
CREATE INDEX round_by_programme ON round(programme_id, period_end);

CREATE TABLE user (
    id                   INTEGER PRIMARY KEY,
    login                TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64),
    display_name         TEXT,
    password_hash        TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'reporter', 'viewer')),
    unit_id              INTEGER REFERENCES unit(id),
    must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at           TEXT NOT NULL,
    CHECK ((role = 'reporter') = (unit_id IS NOT NULL))
) STRICT;

-- One unit's report on one project for one round; the current state.
-- Every saved state is also a row of report_version.
CREATE TABLE report (
    id                  INTEGER PRIMARY KEY,
    round_id            INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
    project_id          INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    status              TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    measures            TEXT NOT NULL DEFAULT '',
    problems            TEXT NOT NULL DEFAULT '',
    next_steps          TEXT NOT NULL DEFAULT '',
    expected_completion TEXT,
    self_status         TEXT CHECK (self_status IN ('not_started', 'in_progress', 'done')),
    return_reason       TEXT,
    first_submitted_at  TEXT,   -- decides timeliness (逾期): a resubmission after return does not
    submitted_at        TEXT,
    reviewed_at         TEXT,
    reviewed_by         INTEGER REFERENCES user(id),
    version             INTEGER NOT NULL DEFAULT 1,
    updated_at          TEXT NOT NULL,
    UNIQUE (round_id, project_id, unit_id)
) STRICT;
CREATE INDEX report_by_unit ON report(unit_id, round_id);
CREATE INDEX report_by_project ON report(project_id, round_id);

CREATE TABLE report_value (
    report_id    INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    actual       REAL NOT NULL CHECK (actual >= 0),
    PRIMARY KEY (report_id, indicator_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX report_value_by_indicator ON report_value(indicator_id);

-- Append-only history of a report: the whole state as JSON at every version.
CREATE TABLE report_version (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    status     TEXT NOT NULL,
    snapshot   TEXT NOT NULL,
    user_id    INTEGER REFERENCES user(id),
    created_at TEXT NOT NULL,
    UNIQUE (report_id, version)
) STRICT;

CREATE TABLE ledger_entry (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    entry_date   TEXT NOT NULL,
    content      TEXT NOT NULL CHECK (length(content) >= 1),
    place        TEXT,
    quantity     REAL CHECK (quantity >= 0),
    indicator_id INTEGER REFERENCES indicator(id) ON DELETE SET NULL,
    funds_fen    INTEGER NOT NULL DEFAULT 0 CHECK (funds_fen >= 0),
    created_by   INTEGER REFERENCES user(id),
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_by_unit ON ledger_entry(unit_id, project_id, entry_date);

CREATE TABLE attachment (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    size        INTEGER NOT NULL CHECK (size >= 0),
    mime        TEXT NOT NULL,
    filename    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('plan', 'evidence', 'ledger')),
    project_id  INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    report_id   INTEGER REFERENCES report(id) ON DELETE CASCADE,
    ledger_id   INTEGER REFERENCES ledger_entry(id) ON DELETE CASCADE,
    uploaded_by INTEGER REFERENCES user(id),
    uploaded_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachment_by_owner ON attachment(unit_id, project_id, kind);
CREATE INDEX attachment_by_report ON attachment(report_id);
CREATE INDEX attachment_by_ledger ON attachment(ledger_id);

CREATE TABLE session (
    id         INTEGER PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    address    TEXT,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX session_by_user ON session(user_id);

-- Append-only: who changed what, chained by hashes (hash = H(prev_hash || row)).
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER,
    login     TEXT,
    address   TEXT,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_entity ON audit(entity, entity_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

-- Failed logins per account ('login:<name>') and per address ('addr:<ip>'):
-- the growing delay of web/auth.c. A success clears the account's row.
CREATE TABLE login_throttle (
    key           TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    last_failure  TEXT NOT NULL,
    blocked_until TEXT NOT NULL
) STRICT, WITHOUT ROWID;
