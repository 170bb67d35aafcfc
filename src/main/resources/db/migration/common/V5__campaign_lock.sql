-- One sending run per campaign at a time, across processes and service instances: the holder
-- renews locked_until while it sends; a lock past locked_until was left by a process that died.
CREATE TABLE campaign_lock (
    campaign     VARCHAR(100) NOT NULL PRIMARY KEY,
    owner        VARCHAR(200) NOT NULL,
    run_id       BIGINT       NOT NULL,
    locked_until TIMESTAMP(6) NOT NULL
);
