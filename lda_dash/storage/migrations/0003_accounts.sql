-- Partner organisations, accounts with roles, and which organisation reports on which action.

CREATE TABLE organisation (
    id   VARCHAR PRIMARY KEY,       -- slug of the name
    name VARCHAR NOT NULL UNIQUE
);

CREATE TABLE account (
    login           VARCHAR PRIMARY KEY,
    display_name    VARCHAR NOT NULL,
    email           VARCHAR,
    role            VARCHAR NOT NULL CHECK (role IN ('partenaire', 'coordination', 'prefecture', 'admin')),
    organisation_id VARCHAR,
    password_hash   VARCHAR,          -- argon2id; NULL for accounts that sign in through OIDC only
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TIMESTAMP,
    created_at      TIMESTAMP NOT NULL,
    last_login_at   TIMESTAMP,
    is_demo         BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE assignment (
    convention_id   VARCHAR NOT NULL,
    action_number   INTEGER NOT NULL,
    organisation_id VARCHAR NOT NULL,
    PRIMARY KEY (convention_id, action_number, organisation_id)
);
