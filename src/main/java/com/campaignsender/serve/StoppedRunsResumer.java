package com.campaignsender.serve;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.operate.CampaignRunner;

/**
 * Runs that a stopping process left STOPPED (SIGTERM between two chunks) resume when the service
 * starts again, whatever started them: an upload, a schedule firing or an inbox file.
 */
@Component
class StoppedRunsResumer {

    private static final Logger log = LoggerFactory.getLogger(StoppedRunsResumer.class);

    private final CampaignRuns runs;
    private final RunLauncher launcher;

    StoppedRunsResumer(CampaignRuns runs, RunLauncher launcher) {
        this.runs = runs;
        this.launcher = launcher;
    }

    /** Once, as the service starts (scheduled tasks run in {@code serve} only, not under the other commands). */
    @Scheduled(initialDelay = 0)
    void resumeStoppedRuns() {
        for (CampaignRun run : runs.list(Optional.empty())) {
            if (run.status() == RunStatus.STOPPED && !run.dryRun()) {
                log.info("Run {} of {} was stopped by a shutdown; resuming it", run.id(), run.campaign());
                launcher.launch(new CampaignRunner.PreparedRun(run, run.definitionFile(), run.recipientsFile(), null),
                        "the restart of the service");
            }
        }
    }
}
