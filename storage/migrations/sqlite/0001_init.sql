-- The approval workflow's schema: the institution and its people, committee
-- memberships, credentials and their versions, reviews, votes, duplication
-- consultations, offerings, annual reviews, SSCC reports, the Outline form
-- and the audit chain.
--
-- Tables are STRICT, so SQLite checks column types as PostgreSQL does.
-- Times are TEXT in one fixed-width UTC form, 2006-01-02 15:04:05.000000+00:00,
-- so comparing and sorting the text compares and sorts the times. Optional
-- references are NULL when absent; "who did it" columns (recorded_by,
-- reviewed_by, created_by, responded_by, audit actor_id) carry no foreign key,
-- because the actor may be the system itself.

CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    email       TEXT NOT NULL,
    -- email_key is the lower-cased email: addresses differing only in case
    -- are one person.
    email_key   TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    disabled    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE faculties (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE departments (
    id          TEXT PRIMARY KEY,
    faculty_id  TEXT NOT NULL REFERENCES faculties (id),
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX departments_faculty_idx ON departments (faculty_id);

CREATE TABLE user_roles (
    user_id        TEXT NOT NULL REFERENCES users (id),
    position       INTEGER NOT NULL,
    role           TEXT NOT NULL,
    department_id  TEXT REFERENCES departments (id),
    PRIMARY KEY (user_id, position)
) STRICT;
CREATE UNIQUE INDEX user_roles_grant_key ON user_roles (user_id, role, COALESCE(department_id, ''));
CREATE INDEX user_roles_department_idx ON user_roles (department_id) WHERE department_id IS NOT NULL;

CREATE TABLE api_tokens (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id),
    name          TEXT NOT NULL,
    secret_hash   BLOB NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT,
    revoked_at    TEXT,
    last_used_at  TEXT
) STRICT;
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at);

CREATE TABLE memberships (
    id           TEXT PRIMARY KEY,
    committee    TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id),
    seat         TEXT NOT NULL,
    faculty_id   TEXT REFERENCES faculties (id),
    valid_from   TEXT NOT NULL,
    valid_until  TEXT,
    chair        INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX memberships_committee_idx ON memberships (committee, valid_from);
CREATE INDEX memberships_user_idx ON memberships (user_id, valid_from);

CREATE TABLE credentials (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL,
    department_id  TEXT NOT NULL REFERENCES departments (id),
    proponent_id   TEXT NOT NULL REFERENCES users (id),
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX credentials_department_idx ON credentials (department_id);
CREATE INDEX credentials_created_idx ON credentials (created_at, id);

CREATE TABLE versions (
    id                TEXT PRIMARY KEY,
    credential_id     TEXT NOT NULL REFERENCES credentials (id),
    kind              TEXT NOT NULL,
    number            INTEGER NOT NULL,
    state             TEXT NOT NULL,
    -- rev increases by one on every update; updates compare and swap on it.
    rev               INTEGER NOT NULL DEFAULT 0,
    -- outline is JSON text: it is read back exactly as written.
    outline           TEXT NOT NULL,
    credit_requested  TEXT NOT NULL DEFAULT '',
    credits           REAL NOT NULL DEFAULT 0,
    credit_granted    TEXT NOT NULL DEFAULT '',
    round             INTEGER NOT NULL DEFAULT 0,
    appeal_used       INTEGER NOT NULL DEFAULT 0,
    review_due_at     TEXT,
    consult_due_at    TEXT,
    submitted_at      TEXT,
    approved_at       TEXT,
    reported_at       TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (credential_id, number)
) STRICT;
CREATE INDEX versions_state_idx ON versions (state);
CREATE INDEX versions_created_idx ON versions (created_at, id);
CREATE INDEX versions_review_due_idx ON versions (review_due_at) WHERE review_due_at IS NOT NULL;
CREATE INDEX versions_consult_due_idx ON versions (consult_due_at) WHERE consult_due_at IS NOT NULL;
CREATE INDEX versions_approved_idx ON versions (kind, approved_at) WHERE approved_at IS NOT NULL;

CREATE TABLE reviews (
    version_id     TEXT NOT NULL REFERENCES versions (id),
    round          INTEGER NOT NULL,
    reviewer_id    TEXT NOT NULL REFERENCES users (id),
    assigned_at    TEXT NOT NULL,
    answered_at    TEXT,
    duplicates     INTEGER,
    duplicate_of   TEXT NOT NULL DEFAULT '',
    duplicate_dep  TEXT NOT NULL DEFAULT '',
    competency     INTEGER,
    credit_based   INTEGER,
    comment        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (version_id, round, reviewer_id)
) STRICT;
CREATE INDEX reviews_reviewer_idx ON reviews (reviewer_id);

CREATE TABLE votes (
    version_id  TEXT NOT NULL REFERENCES versions (id),
    round       INTEGER NOT NULL,
    ballot      TEXT NOT NULL,
    voter_id    TEXT NOT NULL REFERENCES users (id),
    approve     INTEGER NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    cast_at     TEXT NOT NULL,
    PRIMARY KEY (version_id, round, ballot, voter_id)
) STRICT;
CREATE INDEX votes_voter_idx ON votes (voter_id);

CREATE TABLE consultations (
    id             TEXT PRIMARY KEY,
    version_id     TEXT NOT NULL REFERENCES versions (id),
    round          INTEGER NOT NULL,
    department_id  TEXT NOT NULL REFERENCES departments (id),
    duplicate_of   TEXT NOT NULL DEFAULT '',
    requested_at   TEXT NOT NULL,
    due_at         TEXT NOT NULL,
    response       TEXT NOT NULL DEFAULT '',
    responded_by   TEXT NOT NULL DEFAULT '',
    responded_at   TEXT,
    closed_at      TEXT
) STRICT;
CREATE INDEX consultations_version_idx ON consultations (version_id, requested_at);
CREATE INDEX consultations_department_idx ON consultations (department_id);

CREATE TABLE offerings (
    id             TEXT PRIMARY KEY,
    credential_id  TEXT NOT NULL REFERENCES credentials (id),
    offered_on     TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    recorded_by    TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX offerings_credential_idx ON offerings (credential_id, offered_on);

CREATE TABLE annual_reviews (
    id             TEXT PRIMARY KEY,
    credential_id  TEXT NOT NULL REFERENCES credentials (id),
    version_id     TEXT REFERENCES versions (id),
    year           INTEGER NOT NULL,
    outcome        TEXT NOT NULL,
    comment        TEXT NOT NULL DEFAULT '',
    reviewed_by    TEXT NOT NULL DEFAULT '',
    reviewed_at    TEXT NOT NULL,
    UNIQUE (credential_id, year)
) STRICT;

CREATE TABLE reports (
    id          TEXT PRIMARY KEY,
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    meeting     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX reports_created_idx ON reports (created_at, id);

CREATE TABLE report_items (
    report_id   TEXT NOT NULL REFERENCES reports (id),
    position    INTEGER NOT NULL,
    version_id  TEXT NOT NULL REFERENCES versions (id),
    PRIMARY KEY (report_id, position),
    UNIQUE (report_id, version_id)
) STRICT;
CREATE INDEX report_items_version_idx ON report_items (version_id);

CREATE TABLE outline_fields (
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,
    label     TEXT NOT NULL,
    help      TEXT NOT NULL DEFAULT '',
    type      TEXT NOT NULL,
    required  INTEGER NOT NULL DEFAULT 0,
    -- options is a JSON array of strings (choice fields), or NULL.
    options   TEXT,
    position  INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
) STRICT;

-- The audit chain: seq is the event's position, from 1, without gaps; each
-- row carries the hash of the one before it (issuer/audit).
CREATE TABLE audit_events (
    -- seq is always given, from audit_head; SQLite never assigns it.
    seq           INTEGER PRIMARY KEY,
    subject_type  TEXT NOT NULL,
    subject_id    TEXT NOT NULL,
    action        TEXT NOT NULL,
    actor_id      TEXT NOT NULL DEFAULT '',
    actor_role    TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL,
    from_state    TEXT NOT NULL DEFAULT '',
    to_state      TEXT NOT NULL DEFAULT '',
    comment       TEXT NOT NULL DEFAULT '',
    -- data is canonical JSON text: the hash covers its exact bytes.
    data          TEXT,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
) STRICT;
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, seq);

-- audit_head is the chain's last event, in one row. SQLite has one writer
-- at a time, so appends are serialized by the write transaction itself.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The audit log is append-only: the database itself refuses to change or
-- remove an event, whatever the application does. A test that must tamper
-- with a row (to prove verification catches it) first runs:
--   DROP TRIGGER audit_events_no_update;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused');
END;
