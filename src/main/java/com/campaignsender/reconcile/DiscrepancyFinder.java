package com.campaignsender.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.campaignsender.account.ProviderAccount;
import com.campaignsender.account.ProviderAccounts;
import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.StatusFeed;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.StatusLedger.Recorded;
import com.campaignsender.ledger.StatusLedger.UnmatchedAt;
import com.campaignsender.ledger.StatusLedger;

/**
 * Compares the ledger with what the provider has shown of the run, after its reconciliation.
 * Nothing is listed again here: reconciling recorded it (the rows the provider showed are marked
 * seen; its messages to the run's recipients that are not the run's own were kept as unmatched).
 * Messages to addresses outside the run (other campaigns on the account) are none of its business.
 * Where the provider's record is its once-only delivery reports (Infobip), the rows no report
 * covered are looked up in its logs before they are called unknown to it.
 */
@Component
public class DiscrepancyFinder {

    private static final Logger log = LoggerFactory.getLogger(DiscrepancyFinder.class);
    private static final int PAGE = 1000;

    private final StatusLedger ledger;
    private final StatusRecorder recorder;
    private final ProviderAccounts accounts;

    public DiscrepancyFinder(StatusLedger ledger, StatusRecorder recorder, ProviderAccounts accounts) {
        this.ledger = ledger;
        this.recorder = recorder;
        this.accounts = accounts;
    }

    /** What the run's ledger and its provider's record, read through {@code feed}, disagree on. */
    public List<Discrepancy> find(CampaignRun run, CampaignDefinition definition, StatusFeed feed) {
        List<Discrepancy> found = new ArrayList<>();
        List<UnmatchedAt> unmatched = ledger.unmatched(run.id());
        // Listed before its answer was recorded, by this run or another one sending to the same recipient: not a stranger.
        Map<String, Long> recordedSince = ledger.runsOf(unmatched.stream().map(UnmatchedAt::providerMessageId).toList());
        for (UnmatchedAt message : unmatched) {
            if (recordedSince.containsKey(message.providerMessageId())) {
                continue;
            }
            Recorded row = message.recorded();
            found.add(new Discrepancy(row.providerMessageId() == null ? Discrepancy.Kind.UNKNOWN_TO_US
                    : Discrepancy.Kind.DUPLICATE, row.row(), row.address(), row.providerMessageId(),
                    message.providerMessageId(), message.providerStatus()));
        }
        if (feed instanceof StatusFeed.Bounces) {
            // A relay keeps no record to compare with: a message it took and never bounced is unseen by nature.
            found.sort(Comparator.comparingInt(Discrepancy::row));
            return found;
        }
        int after = 0;
        List<Recorded> unseen;
        do {
            unseen = ledger.unseenAfter(run.id(), after, PAGE);
            Map<String, ProviderStatus> logged = feed instanceof StatusFeed.Reports reports
                    ? logged(run, reports, unseen, accounts.of(definition.provider())) : Map.of();
            recorder.record(List.copyOf(logged.values()), "logs of run " + run.id());
            unseen.stream().filter(row -> !logged.containsKey(row.providerMessageId()))
                    .forEach(row -> found.add(new Discrepancy(Discrepancy.Kind.UNKNOWN_AT_PROVIDER, row.row(),
                            row.address(), row.providerMessageId(), null, null)));
            after = unseen.isEmpty() ? after : unseen.get(unseen.size() - 1).row();
        } while (unseen.size() == PAGE);
        found.sort(Comparator.comparingInt(Discrepancy::row));
        return found;
    }

    /**
     * Looks the rows up in the provider's logs one by one, each request within the account's
     * budget (Infobip answers 429 to logs read too often). If the logs cannot be read, the rows not
     * looked up stay unseen: the provider has not shown them, which is what the report says.
     */
    private Map<String, ProviderStatus> logged(CampaignRun run, StatusFeed.Reports reports, List<Recorded> rows,
            ProviderAccount account) {
        Map<String, ProviderStatus> logged = new HashMap<>();
        for (Recorded row : rows) {
            try {
                account.awaitReadTurn(() -> false);
                logged.putAll(reports.logged(List.of(row.providerMessageId())));
            }
            catch (ProviderException ex) {
                log.warn("Run {}: looking up its messages in the provider's logs failed ({}); `reconcile {}` looks again",
                        run.id(), ex.getMessage(), run.id());
                break;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return logged;
    }
}
