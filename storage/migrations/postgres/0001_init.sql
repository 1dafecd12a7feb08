-- The approval workflow's schema: the institution and its people, committee
-- memberships, credentials and their versions, reviews, votes, duplication
-- consultations, offerings, annual reviews, SSCC reports, the Outline form
-- and the audit chain.
--
-- Times are timestamptz (microsecond precision, UTC on the wire). Optional
-- references are NULL when absent; "who did it" columns (recorded_by,
-- reviewed_by, created_by, responded_by, audit actor_id) carry no foreign key,
-- because the actor may be the system itself.

CREATE TABLE users (
    id          text PRIMARY KEY,
    email       text NOT NULL,
    -- email_key is the lower-cased email: addresses differing only in case
    -- are one person.
    email_key   text NOT NULL UNIQUE,
    name        text NOT NULL,
    disabled    boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL
);

CREATE TABLE faculties (
    id          text PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE departments (
    id          text PRIMARY KEY,
    faculty_id  text NOT NULL REFERENCES faculties (id),
    code        text NOT NULL UNIQUE,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX departments_faculty_idx ON departments (faculty_id);

CREATE TABLE user_roles (
    user_id        text NOT NULL REFERENCES users (id),
    position       integer NOT NULL,
    role           text NOT NULL,
    department_id  text REFERENCES departments (id),
    PRIMARY KEY (user_id, position)
);
CREATE UNIQUE INDEX user_roles_grant_key ON user_roles (user_id, role, COALESCE(department_id, ''));
CREATE INDEX user_roles_department_idx ON user_roles (department_id) WHERE department_id IS NOT NULL;

CREATE TABLE api_tokens (
    id            text PRIMARY KEY,
    user_id       text NOT NULL REFERENCES users (id),
    name          text NOT NULL,
    secret_hash   bytea NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at);

CREATE TABLE memberships (
    id           text PRIMARY KEY,
    committee    text NOT NULL,
    user_id      text NOT NULL REFERENCES users (id),
    seat         text NOT NULL,
    faculty_id   text REFERENCES faculties (id),
    valid_from   timestamptz NOT NULL,
    valid_until  timestamptz,
    chair        boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL
);
CREATE INDEX memberships_committee_idx ON memberships (committee, valid_from);
CREATE INDEX memberships_user_idx ON memberships (user_id, valid_from);

CREATE TABLE credentials (
    id             text PRIMARY KEY,
    kind           text NOT NULL,
    title          text NOT NULL,
    department_id  text NOT NULL REFERENCES departments (id),
    proponent_id   text NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL
);
CREATE INDEX credentials_department_idx ON credentials (department_id);
CREATE INDEX credentials_created_idx ON credentials (created_at, id);

CREATE TABLE versions (
    id                text PRIMARY KEY,
    credential_id     text NOT NULL REFERENCES credentials (id),
    kind              text NOT NULL,
    number            integer NOT NULL,
    state             text NOT NULL,
    -- rev increases by one on every update; updates compare and swap on it.
    rev               bigint NOT NULL DEFAULT 0,
    -- outline is JSON text, not jsonb: it is read back exactly as written.
    outline           text NOT NULL,
    credit_requested  text NOT NULL DEFAULT '',
    credits           double precision NOT NULL DEFAULT 0,
    credit_granted    text NOT NULL DEFAULT '',
    round             integer NOT NULL DEFAULT 0,
    appeal_used       boolean NOT NULL DEFAULT false,
    review_due_at     timestamptz,
    consult_due_at    timestamptz,
    submitted_at      timestamptz,
    approved_at       timestamptz,
    reported_at       timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    UNIQUE (credential_id, number)
);
CREATE INDEX versions_state_idx ON versions (state);
CREATE INDEX versions_created_idx ON versions (created_at, id);
CREATE INDEX versions_review_due_idx ON versions (review_due_at) WHERE review_due_at IS NOT NULL;
CREATE INDEX versions_consult_due_idx ON versions (consult_due_at) WHERE consult_due_at IS NOT NULL;
CREATE INDEX versions_approved_idx ON versions (kind, approved_at) WHERE approved_at IS NOT NULL;

CREATE TABLE reviews (
    version_id     text NOT NULL REFERENCES versions (id),
    round          integer NOT NULL,
    reviewer_id    text NOT NULL REFERENCES users (id),
    assigned_at    timestamptz NOT NULL,
    answered_at    timestamptz,
    duplicates     boolean,
    duplicate_of   text NOT NULL DEFAULT '',
    duplicate_dep  text NOT NULL DEFAULT '',
    competency     boolean,
    credit_based   boolean,
    comment        text NOT NULL DEFAULT '',
    PRIMARY KEY (version_id, round, reviewer_id)
);
CREATE INDEX reviews_reviewer_idx ON reviews (reviewer_id);

CREATE TABLE votes (
    version_id  text NOT NULL REFERENCES versions (id),
    round       integer NOT NULL,
    ballot      text NOT NULL,
    voter_id    text NOT NULL REFERENCES users (id),
    approve     boolean NOT NULL,
    comment     text NOT NULL DEFAULT '',
    cast_at     timestamptz NOT NULL,
    PRIMARY KEY (version_id, round, ballot, voter_id)
);
CREATE INDEX votes_voter_idx ON votes (voter_id);

CREATE TABLE consultations (
    id             text PRIMARY KEY,
    version_id     text NOT NULL REFERENCES versions (id),
    round          integer NOT NULL,
    department_id  text NOT NULL REFERENCES departments (id),
    duplicate_of   text NOT NULL DEFAULT '',
    requested_at   timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    response       text NOT NULL DEFAULT '',
    responded_by   text NOT NULL DEFAULT '',
    responded_at   timestamptz,
    closed_at      timestamptz
);
CREATE INDEX consultations_version_idx ON consultations (version_id, requested_at);
CREATE INDEX consultations_department_idx ON consultations (department_id);

CREATE TABLE offerings (
    id             text PRIMARY KEY,
    credential_id  text NOT NULL REFERENCES credentials (id),
    offered_on     timestamptz NOT NULL,
    note           text NOT NULL DEFAULT '',
    recorded_by    text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL
);
CREATE INDEX offerings_credential_idx ON offerings (credential_id, offered_on);

CREATE TABLE annual_reviews (
    id             text PRIMARY KEY,
    credential_id  text NOT NULL REFERENCES credentials (id),
    version_id     text REFERENCES versions (id),
    year           integer NOT NULL,
    outcome        text NOT NULL,
    comment        text NOT NULL DEFAULT '',
    reviewed_by    text NOT NULL DEFAULT '',
    reviewed_at    timestamptz NOT NULL,
    UNIQUE (credential_id, year)
);

CREATE TABLE reports (
    id          text PRIMARY KEY,
    created_by  text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    meeting     text NOT NULL DEFAULT ''
);
CREATE INDEX reports_created_idx ON reports (created_at, id);

CREATE TABLE report_items (
    report_id   text NOT NULL REFERENCES reports (id),
    position    integer NOT NULL,
    version_id  text NOT NULL REFERENCES versions (id),
    PRIMARY KEY (report_id, position),
    UNIQUE (report_id, version_id)
);
CREATE INDEX report_items_version_idx ON report_items (version_id);

CREATE TABLE outline_fields (
    kind      text NOT NULL,
    key       text NOT NULL,
    label     text NOT NULL,
    help      text NOT NULL DEFAULT '',
    type      text NOT NULL,
    required  boolean NOT NULL DEFAULT false,
    -- options is a JSON array of strings (choice fields), or NULL.
    options   text,
    position  integer NOT NULL,
    PRIMARY KEY (kind, key)
);

-- The audit chain: seq is the event's position, from 1, without gaps; each
-- row carries the hash of the one before it (issuer/audit).
CREATE TABLE audit_events (
    seq           bigint PRIMARY KEY,
    subject_type  text NOT NULL,
    subject_id    text NOT NULL,
    action        text NOT NULL,
    actor_id      text NOT NULL DEFAULT '',
    actor_role    text NOT NULL DEFAULT '',
    at            timestamptz NOT NULL,
    from_state    text NOT NULL DEFAULT '',
    to_state      text NOT NULL DEFAULT '',
    comment       text NOT NULL DEFAULT '',
    -- data is canonical JSON text, never jsonb: the hash covers its exact bytes.
    data          text,
    prev_hash     text NOT NULL,
    hash          text NOT NULL
);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, seq);

-- audit_head is the chain's last event, in one row. Appending locks it
-- (SELECT ... FOR UPDATE) until the transaction ends, so concurrent appends
-- queue up instead of forking the chain.
CREATE TABLE audit_head (
    id    integer PRIMARY KEY CHECK (id = 1),
    seq   bigint NOT NULL,
    hash  text NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The audit log is append-only: the database itself refuses to change or
-- remove an event, whatever the application does. A test that must tamper
-- with a row (to prove verification catches it) runs, as the table owner:
--   ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
