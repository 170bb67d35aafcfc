-- Our own tables. Written in the SQL that H2 and MySQL 8 / MariaDB both accept.

-- One row per run: a campaign and the SHA-256 of its recipient list (SPEC section 6). A dry run
-- has a dry_run_key of its own, so that any number of them leave the real run of a list alone.
CREATE TABLE campaign_run (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    campaign          VARCHAR(100)  NOT NULL,
    recipients_sha256 CHAR(64)      NOT NULL,
    dry_run_key       VARCHAR(40)   DEFAULT '' NOT NULL,
    recipients_file   VARCHAR(1000) NOT NULL,
    definition_file   VARCHAR(1000) NOT NULL,
    columns_json      TEXT          NOT NULL,
    rows_in           INT           NULL,
    send_millis       BIGINT        DEFAULT 0 NOT NULL,
    rate_limited      BIGINT        DEFAULT 0 NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    owner             VARCHAR(200)  NULL,
    heartbeat_at      TIMESTAMP(6)  NULL,
    created_at        TIMESTAMP(6)  NOT NULL,
    finished_at       TIMESTAMP(6)  NULL,
    CONSTRAINT campaign_run_identity UNIQUE (campaign, recipients_sha256, dry_run_key)
);

-- The recipient ledger: one row per input row of the list, whatever became of it. sent_at is
-- when its last request left; seen_at when the provider's own listing last showed its message.
CREATE TABLE recipient (
    run_id              BIGINT        NOT NULL,
    row_no              INT           NOT NULL,
    address             VARCHAR(320)  NULL,
    fields              TEXT          NOT NULL,
    state               VARCHAR(12)   NOT NULL,
    provider            VARCHAR(20)   NULL,
    provider_message_id VARCHAR(100)  NULL,
    provider_status     VARCHAR(40)   NULL,
    attempts            INT           DEFAULT 0 NOT NULL,
    segments            INT           NULL,
    error               VARCHAR(1000) NULL,
    sent_at             TIMESTAMP(6)  NULL,
    seen_at             TIMESTAMP(6)  NULL,
    updated_at          TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (run_id, row_no),
    CONSTRAINT recipient_run FOREIGN KEY (run_id) REFERENCES campaign_run (id)
);

-- Address first: the load step's duplicate check looks up a chunk's addresses with IN (...),
-- which H2 answers from an index only on its leading column.
CREATE INDEX recipient_address ON recipient (address, run_id);
CREATE INDEX recipient_state ON recipient (run_id, state, row_no);
CREATE INDEX recipient_provider_message ON recipient (provider_message_id);
