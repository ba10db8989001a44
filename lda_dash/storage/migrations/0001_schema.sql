-- Territories, conventions, annex actions and budgets, indicators, targets, quarterly figures,
-- append-only history and settings. Many territories and conventions from the start.

CREATE TABLE territory (
    id          VARCHAR PRIMARY KEY,          -- slug, e.g. 'dijon-metropole'
    name        VARCHAR NOT NULL,
    siret       VARCHAR
);

CREATE TABLE convention (
    id                    VARCHAR PRIMARY KEY,  -- slug, e.g. 'dijon-2021-2022'
    territory_id          VARCHAR NOT NULL,
    title                 VARCHAR NOT NULL,
    programme             VARCHAR NOT NULL,     -- '177'
    programme_label       VARCHAR,
    chorus_activity       VARCHAR,              -- '177-01-06-12-17'
    chorus_activity_label VARCHAR,
    functional_domain     VARCHAR,              -- '0177-12-17'
    programming_activity  VARCHAR,              -- '217'
    first_year            INTEGER NOT NULL,     -- the annex's "année 1"
    last_year             INTEGER NOT NULL,
    payment_due           VARCHAR               -- e.g. '30/11' each year
);

CREATE TABLE payment (
    convention_id VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    amount        DECIMAL(14, 2) NOT NULL,
    note          VARCHAR,
    PRIMARY KEY (convention_id, year)
);

-- One row per action of the annex, with every annex column; `number` is canonical (1..n in annex
-- order), `signed_number` is the n° as written in the signed annex (blank or duplicated there).
CREATE TABLE action (
    convention_id    VARCHAR NOT NULL,
    number           INTEGER NOT NULL,
    annex_row        INTEGER NOT NULL,
    signed_number    VARCHAR NOT NULL,
    title            VARCHAR NOT NULL,
    category         VARCHAR,
    description      VARCHAR,
    objective        VARCHAR,
    leverage         VARCHAR,
    expected_results VARCHAR,
    calendar         VARCHAR,
    deliverables     VARCHAR,
    PRIMARY KEY (convention_id, number)
);

-- The annex's total row as signed (it may disagree with the sum of its rows).
CREATE TABLE annex_total (
    convention_id VARCHAR PRIMARY KEY,
    signed_number VARCHAR,
    cost_y1       DECIMAL(14, 2),
    ami_y1        DECIMAL(14, 2),
    cofunding_y1  DECIMAL(14, 2),
    cost_y2       DECIMAL(14, 2),
    cofunding_y2  DECIMAL(14, 2)
);

-- Budget per action and year: year 1 from "Dépenses / Financement AMI / Financement année 1",
-- year 2 from the two "Estimation ... année 2" columns (no AMI amount is stated for year 2).
CREATE TABLE budget_line (
    convention_id VARCHAR NOT NULL,
    action_number INTEGER NOT NULL,
    year          INTEGER NOT NULL,
    cost          DECIMAL(14, 2),
    ami           DECIMAL(14, 2),
    cofunding     DECIMAL(14, 2),
    PRIMARY KEY (convention_id, action_number, year)
);

CREATE TABLE indicator (
    convention_id VARCHAR NOT NULL,
    action_number INTEGER NOT NULL,
    code          VARCHAR NOT NULL,
    label         VARCHAR NOT NULL,
    unit          VARCHAR NOT NULL,
    mode          VARCHAR NOT NULL CHECK (mode IN ('somme', 'cumul_annuel', 'stock', 'taux', 'jalon')),
    baseline      DECIMAL(20, 6),
    weight        DECIMAL(10, 4) NOT NULL DEFAULT 1,
    position      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (convention_id, action_number, code)
);

CREATE TABLE target (
    convention_id VARCHAR NOT NULL,
    action_number INTEGER NOT NULL,
    code          VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    target        DECIMAL(20, 6),
    PRIMARY KEY (convention_id, action_number, code, year)
);

CREATE TABLE figure (
    convention_id VARCHAR NOT NULL,
    action_number INTEGER NOT NULL,
    code          VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    quarter       INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    value         DECIMAL(24, 6),
    numerator     BIGINT,
    denominator   BIGINT,
    comment       VARCHAR NOT NULL DEFAULT '',
    status        VARCHAR NOT NULL CHECK (status IN ('draft', 'submitted', 'validated', 'returned')),
    return_reason VARCHAR,
    author        VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    updated_by    VARCHAR NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    is_demo       BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (convention_id, action_number, code, year, quarter)
);

-- Append-only: the code only ever inserts here.
CREATE SEQUENCE history_id START 1;
CREATE TABLE history (
    id            BIGINT PRIMARY KEY DEFAULT nextval('history_id'),
    changed_at    TIMESTAMP NOT NULL,
    author        VARCHAR NOT NULL,
    entity        VARCHAR NOT NULL,      -- figure, target, weight, allocation, decision, setting...
    convention_id VARCHAR,
    item          VARCHAR NOT NULL,      -- what changed, e.g. 'action 2 · CAPT · 2021 T1'
    old_value     VARCHAR,
    new_value     VARCHAR,
    reason        VARCHAR
);

CREATE TABLE setting (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

INSERT INTO setting VALUES ('watch_threshold', '0.85'), ('clawback_threshold', '1.0');
