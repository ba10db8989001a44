-- Server-side sign-in sessions, one-time invitation links, and the e-mails sent (or to retry).
-- Secrets are never stored: only the SHA-256 of the session token, of the one-time code that
-- sets the cookie, and of the invitation link's token.

CREATE TABLE web_session (
    id              VARCHAR PRIMARY KEY,   -- public id, shown on « Mon compte »; not a secret
    login           VARCHAR NOT NULL,
    method          VARCHAR NOT NULL,      -- mot de passe, connexion unique, démonstration
    token_hash      VARCHAR,               -- SHA-256 of the cookie's token; NULL until exchanged
    code_hash       VARCHAR,               -- SHA-256 of the one-time code; NULL once exchanged
    code_expires_at TIMESTAMP,
    binding_hash    VARCHAR,               -- SHA-256 of the browser's XSRF cookie at sign-in
    created_at      TIMESTAMP NOT NULL,
    last_seen_at    TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,    -- absolute expiry
    ended_at        TIMESTAMP,
    end_reason      VARCHAR,
    user_agent      VARCHAR
);

CREATE TABLE invitation (
    id          VARCHAR PRIMARY KEY,
    login       VARCHAR NOT NULL,
    purpose     VARCHAR NOT NULL CHECK (purpose IN ('invitation', 'reinitialisation')),
    token_hash  VARCHAR NOT NULL,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP,
    revoked_at  TIMESTAMP
);

CREATE TABLE mail_message (
    id          VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL,          -- renvoi, soumission, relance, invitation
    dedupe_key  VARCHAR,                   -- one reminder per organisation, quarter and day
    recipient   VARCHAR NOT NULL,
    subject     VARCHAR NOT NULL,
    body        VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    sent_at     TIMESTAMP,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  VARCHAR
);
