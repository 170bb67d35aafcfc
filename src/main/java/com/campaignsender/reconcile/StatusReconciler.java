package com.campaignsender.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.campaignsender.account.ProviderAccounts;
import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.StatusLedger;
import com.campaignsender.system.ShutdownSignal;

/** Starts runs' reconciliations ({@link RunReconciliation}): the campaign job's, and {@code reconcile <run-id>}'s. */
@Component
public class StatusReconciler {

    /** Listing starts a little before the run was created, in case the provider's clock is behind ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final ProviderAccounts accounts;
    private final StatusRecorder recorder;
    private final LedgerReadings ledger;
    private final StatusLedger statuses;
    private final Clock clock;
    private final ShutdownSignal shutdown;

    public StatusReconciler(ProviderAccounts accounts, StatusRecorder recorder, LedgerReadings ledger, StatusLedger statuses,
            Clock clock, ShutdownSignal shutdown) {
        this.accounts = accounts;
        this.recorder = recorder;
        this.ledger = ledger;
        this.statuses = statuses;
        this.clock = clock;
        this.shutdown = shutdown;
    }

    /** The run's reconciliation through its gateway; the caller closes it when the run's job (or command) is over. */
    public RunReconciliation start(CampaignRun run, CampaignDefinition definition, MessageGateway gateway) {
        return new RunReconciliation(run, definition.reconcile(), gateway.statusFeed(), accounts.of(definition.provider()),
                recorder, ledger, statuses, clock, shutdown, gateway.account() + ", run " + run.id());
    }

    /** Where a provider's listing of the run's messages starts: a little before the run, for clock skew. */
    public static Instant listingStart(CampaignRun run) {
        return run.createdAt().minus(CLOCK_SKEW);
    }
}
