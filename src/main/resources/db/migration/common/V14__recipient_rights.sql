-- Recipient rights (SPEC section 15).
-- Where a suppression came from, when a campaign's run made it (an unsubscribe link names both).
ALTER TABLE suppression ADD COLUMN campaign VARCHAR(100) NULL;
ALTER TABLE suppression ADD COLUMN run_id BIGINT NULL;

-- Keys the service signs with (the unsubscribe links), made on first use by whichever instance
-- needs one first: every instance on this database signs and checks with the same key.
CREATE TABLE signing_key (
    name       VARCHAR(50)  NOT NULL PRIMARY KEY,
    secret     VARCHAR(100) NOT NULL,
    created_at TIMESTAMP(6) NOT NULL
);

-- Texts recipients sent to the account's numbers (SMS STOP), each once, with what was done.
CREATE TABLE inbound_message (
    provider    VARCHAR(20)   NOT NULL,
    message_id  VARCHAR(100)  NOT NULL,
    source      VARCHAR(32)   NOT NULL,
    body        VARCHAR(2000) NOT NULL,
    action      VARCHAR(20)   NOT NULL,
    received_at TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (provider, message_id)
);

-- Send windows: the zone a row's local time is read in (null: the window's own zone), and how
-- many of a run's rows wait for their window and until when, as the sending process last saw.
ALTER TABLE recipient ADD COLUMN time_zone VARCHAR(64) NULL;
ALTER TABLE campaign_run ADD COLUMN waiting INT NULL;
ALTER TABLE campaign_run ADD COLUMN waiting_until TIMESTAMP(6) NULL;
