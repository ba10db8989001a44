-- Issue 15 (penetration test). Failed sign-ins are counted per login string, whether an account
-- carries it or not: lockout then behaves the same for unknown and existing logins and tells
-- nothing about which logins exist. account.failed_attempts and account.locked_until are no
-- longer written (kept: migrations only add).
CREATE TABLE login_attempt (
    login           VARCHAR PRIMARY KEY,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TIMESTAMP
);
