-- Evidence (pièces justificatives): documents a partner attaches to a figure, kept in the
-- database itself so that backup/restore carry them, and the coordination's setting saying
-- which indicators need one before a « produit » milestone can be submitted.
CREATE TABLE document (
    id            VARCHAR PRIMARY KEY,      -- uuid: no sequence to advance after a restore
    convention_id VARCHAR NOT NULL,
    action_number INTEGER NOT NULL,
    code          VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    quarter       INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    file_name     VARCHAR NOT NULL,         -- sanitised base name, never a path
    media_type    VARCHAR NOT NULL,         -- from the content, not from the name
    size_bytes    BIGINT NOT NULL,
    sha256        VARCHAR NOT NULL,
    content       BLOB NOT NULL,
    uploaded_by   VARCHAR NOT NULL,
    uploaded_at   TIMESTAMP NOT NULL
);

CREATE TABLE evidence_requirement (
    convention_id VARCHAR NOT NULL,
    action_number INTEGER NOT NULL,
    code          VARCHAR NOT NULL,
    required      BOOLEAN NOT NULL,
    set_by        VARCHAR NOT NULL,
    set_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (convention_id, action_number, code)
);
