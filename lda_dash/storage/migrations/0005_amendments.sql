-- Amendments (avenants, DOMAIN.md section 13): dated, referenced changes to a year's payment,
-- targets, weights or allocation. The current values stay in payment/target/indicator/allocation;
-- these rows say which amendment set them and what they were before, so that any date can be
-- read back. Ids are text (uuid) so a restore needs no sequence to be advanced.
CREATE TABLE amendment (
    id            VARCHAR PRIMARY KEY,
    convention_id VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    amended_on    DATE NOT NULL,
    reference     VARCHAR NOT NULL,
    reason        VARCHAR NOT NULL DEFAULT '',
    author        VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE amendment_change (
    amendment_id  VARCHAR NOT NULL,
    position      INTEGER NOT NULL,
    kind          VARCHAR NOT NULL CHECK (kind IN ('payment', 'target', 'weight', 'allocation')),
    action_number INTEGER,
    code          VARCHAR,
    before_value  DECIMAL(20, 6),
    after_value   DECIMAL(20, 6),
    PRIMARY KEY (amendment_id, position)
);
