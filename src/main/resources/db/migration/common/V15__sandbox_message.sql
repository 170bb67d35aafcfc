-- What the built-in sandbox created (issue 19, point 1): kept in the database, so that a `run` or
-- `serve` stopped and started again finds its earlier messages at the sandbox, as it would at a
-- real provider. Times are microseconds since the epoch, the sandbox's own precision on every vendor.
CREATE TABLE sandbox_message (
    id             VARCHAR(100)  NOT NULL PRIMARY KEY,
    kind           VARCHAR(20)   NOT NULL,
    sender         VARCHAR(320)  NULL,
    recipient      VARCHAR(320)  NOT NULL,
    subject        VARCHAR(2000) NULL,
    content        TEXT          NULL,
    fields         TEXT          NOT NULL,
    created_micros BIGINT        NOT NULL,
    reported       INT           DEFAULT 0 NOT NULL
);
