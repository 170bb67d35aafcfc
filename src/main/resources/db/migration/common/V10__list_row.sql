-- A list's rows as loaded (address and fields) move to a table of their own, which nothing
-- updates. H2 rewrites every index entry of a row it updates (V9) and the send step updates each
-- recipient row twice: the address index now sits where no update reaches it, and the row that
-- is updated is narrower. recipient keeps what happens to each row.
CREATE TABLE list_row (
    run_id  BIGINT       NOT NULL,
    row_no  INT          NOT NULL,
    address VARCHAR(320) NULL,
    fields  TEXT         NOT NULL,
    PRIMARY KEY (run_id, row_no),
    CONSTRAINT list_row_run FOREIGN KEY (run_id) REFERENCES campaign_run (id)
);
INSERT INTO list_row (run_id, row_no, address, fields) SELECT run_id, row_no, address, fields FROM recipient;
-- Address first: the load step's duplicate check looks up a chunk's addresses with IN (...).
CREATE INDEX list_row_address ON list_row (address, run_id);
