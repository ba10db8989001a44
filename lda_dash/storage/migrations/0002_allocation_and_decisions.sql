-- Allocation overrides set by the coordination, clawback decisions of the Prefect, year locks.

-- Absent rows mean the default rule of DOMAIN.md section 7 applies to that year.
CREATE TABLE allocation (
    convention_id VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    action_number INTEGER NOT NULL,
    amount        DECIMAL(14, 2) NOT NULL,
    set_by        VARCHAR NOT NULL,
    set_at        TIMESTAMP NOT NULL,
    reason        VARCHAR NOT NULL,
    PRIMARY KEY (convention_id, year, action_number)
);

CREATE TABLE clawback_decision (
    convention_id   VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    proposed_amount DECIMAL(14, 2) NOT NULL,
    decided_amount  DECIMAL(14, 2) NOT NULL,
    threshold       DECIMAL(6, 4) NOT NULL,
    justification   VARCHAR NOT NULL,
    author          VARCHAR NOT NULL,
    decided_on      DATE NOT NULL,
    recorded_at     TIMESTAMP NOT NULL,
    letter_date     DATE,
    title_date      DATE,
    paid_date       DATE,
    PRIMARY KEY (convention_id, year)
);

CREATE TABLE year_lock (
    convention_id VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    locked        BOOLEAN NOT NULL,
    changed_by    VARCHAR NOT NULL,
    changed_at    TIMESTAMP NOT NULL,
    reason        VARCHAR NOT NULL,
    PRIMARY KEY (convention_id, year)
);
