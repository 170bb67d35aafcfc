-- A run's snapshot (SPEC section 20): the definition, templates and attachments it started with,
-- by the absolute path each was read from, with their SHA-256.
CREATE TABLE run_file (
    run_id   BIGINT        NOT NULL,
    file_no  INT           NOT NULL,
    path     VARCHAR(1000) NOT NULL,
    sha256   CHAR(64)      NOT NULL,
    content  BYTEA         NOT NULL,
    PRIMARY KEY (run_id, file_no),
    CONSTRAINT run_file_run FOREIGN KEY (run_id) REFERENCES campaign_run (id)
);
