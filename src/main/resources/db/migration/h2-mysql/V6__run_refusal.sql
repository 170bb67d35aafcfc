-- Starts refused because the campaign was sending another run: one campaign sends one run at a
-- time, and a refused start is recorded where the API and the web page show it, not only logged.
CREATE TABLE run_refusal (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_id       BIGINT        NOT NULL,
    started_by   VARCHAR(200)  NOT NULL,
    reason       VARCHAR(1000) NOT NULL,
    refused_at   TIMESTAMP(6)  NOT NULL
);

CREATE INDEX run_refusal_run ON run_refusal (run_id);
