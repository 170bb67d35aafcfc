-- A provider account's token bucket (SPEC section 12), one row per account, kept by Bucket4j's
-- select-for-update proxy manager: every process on this database takes its tokens from here.
CREATE TABLE account_budget (
    id    VARCHAR(100) NOT NULL PRIMARY KEY,
    state BYTEA        NULL
);

-- Run control (SPEC section 13): PAUSE or CANCEL, asked through any instance or the command
-- line, obeyed by whichever process sends the run, before its next chunk.
ALTER TABLE campaign_run ADD COLUMN control VARCHAR(10) NULL;
