-- Addresses no campaign sends to: bounced, unsubscribed, complained, or imported by an operator.
-- Email addresses are stored lower-cased and phone numbers in E.164, as the ledger stores them.
CREATE TABLE suppression (
    address    VARCHAR(320)  NOT NULL PRIMARY KEY,
    reason     VARCHAR(20)   NOT NULL,
    source     VARCHAR(200)  NOT NULL,
    created_at TIMESTAMP(6)  NOT NULL
);
