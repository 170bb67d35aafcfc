-- What the provider's listing showed, while a run was reconciled, to a recipient of the run that
-- is not the run's own message: another message to the same recipient (a duplicate), or one to a
-- row we recorded none for. The report's discrepancies are read from here and from the rows the
-- listing never showed, so that one pass over the provider serves statuses and the comparison,
-- and a report written later, or after a restart, still has them (SPEC section 8).
CREATE TABLE unmatched_message (
    run_id              BIGINT       NOT NULL,
    provider_message_id VARCHAR(100) NOT NULL,
    row_no              INT          NOT NULL,
    provider_status     VARCHAR(40)  NULL,
    PRIMARY KEY (run_id, provider_message_id),
    CONSTRAINT unmatched_message_run FOREIGN KEY (run_id) REFERENCES campaign_run (id)
);
