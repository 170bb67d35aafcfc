package com.campaignsender.serve;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.operate.CampaignRunner;

/**
 * Schedules (SPEC section 11): every campaign with a {@code schedule} runs at each firing of its
 * cron, in its zone. A firing is claimed in the database before it runs, so it runs once, even
 * with two service instances or across a restart; a firing missed while the service was down is
 * run late only within {@code schedule.grace}.
 */
@Component
class CampaignScheduler {

    private static final Logger log = LoggerFactory.getLogger(CampaignScheduler.class);

    private final CampaignCatalog catalog;
    private final CampaignRunner runner;
    private final RunLauncher launcher;
    private final ScheduleFirings firings;
    private final Clock clock;
    private final String self = "serve:" + ProcessHandle.current().pid();

    CampaignScheduler(CampaignCatalog catalog, CampaignRunner runner, RunLauncher launcher, ScheduleFirings firings,
            Clock clock) {
        this.catalog = catalog;
        this.runner = runner;
        this.launcher = launcher;
        this.firings = firings;
        this.clock = clock;
    }

    /** Looks every second for a firing that is due: the latest one within the grace period, not claimed yet. */
    @Scheduled(fixedDelayString = "${campaign.server.schedule-poll:1s}")
    void fireDue() {
        Instant now = clock.instant();
        for (CampaignDefinition campaign : catalog.campaigns()) {
            campaign.schedule().ifPresent(schedule -> latestDue(campaign, now).ifPresent(fireTime -> {
                if (firings.claim(campaign.name(), fireTime, self)) {
                    fire(campaign, fireTime);
                }
            }));
        }
    }

    /** The latest firing at or before now, if it is within the grace period and after the last one claimed. */
    Optional<Instant> latestDue(CampaignDefinition campaign, Instant now) {
        CampaignDefinition.Schedule schedule = campaign.schedule().orElseThrow();
        CronExpression cron = CronExpression.parse(schedule.cron());
        Instant earliest = now.minus(schedule.grace());
        Instant after = firings.last(campaign.name()).filter(last -> last.isAfter(earliest)).orElse(earliest);
        ZonedDateTime next = cron.next(after.atZone(schedule.zone()));
        Instant latest = null;
        while (next != null && !next.toInstant().isAfter(now)) {
            latest = next.toInstant();
            next = cron.next(next);
        }
        return Optional.ofNullable(latest);
    }

    private void fire(CampaignDefinition campaign, Instant fireTime) {
        try {
            CampaignRunner.PreparedRun prepared = runner.prepare(campaign.file(), Optional.empty(), false);
            if (prepared.nothingToDo() != null) {
                log.info("Schedule of {} at {}: {}", campaign.name(), fireTime, prepared.nothingToDo().message());
            }
            else if (launcher.launch(prepared, "the schedule firing of " + fireTime).isEmpty()) {
                log.info("Schedule of {} at {}: run {} started", campaign.name(), fireTime, prepared.run().id());
            }
        }
        catch (InvalidDefinitionException ex) {
            log.warn("Schedule of {} at {}: refused: {}", campaign.name(), fireTime, String.join("; ", ex.problems()));
        }
    }
}
