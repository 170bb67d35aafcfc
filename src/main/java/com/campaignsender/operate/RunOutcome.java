package com.campaignsender.operate;

import java.nio.file.Path;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.report.RunSummary;

/** How a {@code run} command ended, with the run, its report folder and summary where there is one. */
public record RunOutcome(Result result, CampaignRun run, Path reportDirectory, RunSummary summary, String message) {

    public enum Result {
        /** The job ran to its end: every row is accounted for in the report. */
        COMPLETED,
        /** This list was sent to this campaign before; nothing was sent now. */
        ALREADY_COMPLETED,
        /** The job stopped; running the same command again resumes it. */
        FAILED,
        /** Not started: the campaign was sending another run; nothing was sent. */
        REFUSED,
        /** Paused by an operator; {@code resume <run-id>} goes on. */
        PAUSED,
        /** Cancelled by an operator: the rows never sent are CANCELLED; the report accounts for every row. */
        CANCELLED,
        /** Loaded and counted, waiting for an operator's review (SPEC section 22): Send starts it; nothing was sent. */
        READY
    }
}
