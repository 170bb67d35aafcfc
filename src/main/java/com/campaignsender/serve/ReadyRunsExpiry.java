package com.campaignsender.serve;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.operate.RunControls;

/**
 * A READY run nobody sent within {@code campaign.server.ready-ttl} (default 7 days) is cancelled
 * like any other (SPEC section 22): its rows CANCELLED, its report written, its list not sent
 * again unless uploaded again. A list reviewed a week ago is no longer the list anyone meant to send.
 */
@Component
@ServeOnly
class ReadyRunsExpiry {

    private static final Logger log = LoggerFactory.getLogger(ReadyRunsExpiry.class);

    private final CampaignRuns runs;
    private final ServedRunControls controls;
    private final ServerSettings settings;
    private final Clock clock;

    ReadyRunsExpiry(CampaignRuns runs, ServedRunControls controls, ServerSettings settings, Clock clock) {
        this.runs = runs;
        this.controls = controls;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${campaign.server.ready-check-every:1m}")
    void cancelExpired() throws InterruptedException {
        for (CampaignRun run : runs.readyBefore(clock.instant().minus(settings.readyTtl()))) {
            String why = "its review waited longer than campaign.server.ready-ttl (" + settings.readyTtl() + ")";
            log.info("Run {} of {}: cancelled, {}", run.id(), run.campaign(), why);
            controls.ask(run.id(), RunControls.Action.CANCEL, why);
        }
    }
}
