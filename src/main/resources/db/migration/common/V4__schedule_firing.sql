-- Each cron firing of a campaign's schedule, recorded before it runs. The primary key makes a
-- firing happen once, whichever service instance (or restart) gets to it first.
CREATE TABLE schedule_firing (
    campaign   VARCHAR(100) NOT NULL,
    fire_time  TIMESTAMP(6) NOT NULL,
    claimed_by VARCHAR(200) NOT NULL,
    claimed_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (campaign, fire_time)
);
