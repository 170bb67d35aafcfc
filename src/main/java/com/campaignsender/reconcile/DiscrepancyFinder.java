package com.campaignsender.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.Gateways;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.RecipientLedger;
import com.campaignsender.ledger.RecipientLedger.Recorded;

/**
 * Compares the ledger with the provider's own listing of what the account created since the run
 * began. Messages to addresses outside the run (other campaigns on the account) are none of its
 * business. Each page is checked against the ledger with one query, and the messages found are
 * marked seen in the ledger, so that those never seen are found by a query too, not in memory.
 */
@Component
public class DiscrepancyFinder {

    private static final int PAGE = 1000;

    private final Gateways gateways;
    private final RecipientLedger ledger;
    private final TransactionTemplate ownTransaction;

    public DiscrepancyFinder(Gateways gateways, RecipientLedger ledger, TransactionTemplate ownTransaction) {
        this.gateways = gateways;
        this.ledger = ledger;
        this.ownTransaction = ownTransaction;
    }

    public List<Discrepancy> find(CampaignRun run, CampaignDefinition definition) {
        MessageGateway gateway = gateways.forCampaign(definition.provider(), definition.channel(),
                Envelope.from(definition.sender().address(), definition.sender().name()));
        List<Discrepancy> found = new ArrayList<>();
        gateway.listCreated(StatusReconciler.listingStart(run), page -> ownTransaction.executeWithoutResult(tx -> {
            Set<String> addresses = page.stream().map(ProviderStatus::address).filter(a -> a != null).collect(Collectors.toSet());
            Map<String, Recorded> rows = ledger.rowsByAddress(run.id(), addresses);
            List<String> seen = new ArrayList<>();
            for (ProviderStatus message : page) {
                Recorded row = rows.get(message.address());
                if (row == null) {
                    continue;
                }
                if (message.providerMessageId().equals(row.providerMessageId())) {
                    seen.add(message.providerMessageId());
                }
                else {
                    found.add(new Discrepancy(row.providerMessageId() == null ? Discrepancy.Kind.UNKNOWN_TO_US
                            : Discrepancy.Kind.DUPLICATE, row.row(), row.address(), row.providerMessageId(),
                            message.providerMessageId(), message.status()));
                }
            }
            ledger.markSeen(run.id(), seen);
        }));
        int after = 0;
        List<Recorded> unseen;
        do {
            // In a transaction of its own: the step's may hold a snapshot from before the marks above (MySQL).
            int from = after;
            unseen = ownTransaction.execute(tx -> ledger.unseenAfter(run.id(), from, PAGE));
            unseen.forEach(row -> found.add(new Discrepancy(Discrepancy.Kind.UNKNOWN_AT_PROVIDER, row.row(), row.address(),
                    row.providerMessageId(), null, null)));
            after = unseen.isEmpty() ? after : unseen.get(unseen.size() - 1).row();
        } while (unseen.size() == PAGE);
        found.sort((a, b) -> Integer.compare(a.row(), b.row()));
        return found;
    }
}
