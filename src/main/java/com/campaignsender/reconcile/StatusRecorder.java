package com.campaignsender.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.ProviderStatus.Feedback;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.StatusChange;
import com.campaignsender.ledger.StatusLedger.OurMessage;
import com.campaignsender.ledger.StatusLedger.Recorded;
import com.campaignsender.ledger.StatusLedger.Unmatched;
import com.campaignsender.ledger.StatusLedger;
import com.campaignsender.recipients.AddressRules;
import com.campaignsender.recipients.SuppressionList;

/**
 * Records what a provider says of its messages in the ledger, each batch in a transaction of its
 * own, so that nothing read is lost if the run stops half way (Infobip returns a delivery report
 * once only). The ledger rows with those message ids move on, in whichever run they are (unknown
 * ids and repeats change nothing), and the bounces, unsubscribes and complaints of our messages go
 * to the suppression list (another sender's on the same account are not ours to judge).
 */
@Component
public class StatusRecorder {

    private final StatusLedger ledger;
    private final SuppressionList suppression;
    private final TransactionTemplate ownTransaction;

    public StatusRecorder(StatusLedger ledger, SuppressionList suppression, TransactionTemplate ownTransaction) {
        this.ledger = ledger;
        this.suppression = suppression;
        this.ownTransaction = ownTransaction;
    }

    /** Statuses pushed to us (a webhook) or reported once (Infobip's delivery reports). */
    public void record(List<ProviderStatus> statuses, String source) {
        if (!statuses.isEmpty()) {
            ownTransaction.executeWithoutResult(tx -> apply(statuses, source));
        }
    }

    /**
     * A page of the provider's listing, read for run {@code runId}: recorded as above, and the
     * messages on it to a recipient of the run that are not the run's own are kept as unmatched,
     * for the discrepancy check. Answers the ids of the run's messages the page shows in flight.
     */
    public Set<String> recordListed(long runId, List<ProviderStatus> page, String source) {
        if (page.isEmpty()) {
            return Set.of();
        }
        return ownTransaction.execute(tx -> {
            Map<String, Long> runs = apply(page, source);
            List<ProviderStatus> others = page.stream().filter(status -> !runs.containsKey(status.providerMessageId())).toList();
            keepUnmatched(runId, others);
            return page.stream()
                    .filter(status -> !status.isFinal() && Long.valueOf(runId).equals(runs.get(status.providerMessageId())))
                    .map(ProviderStatus::providerMessageId)
                    .collect(Collectors.toSet());
        });
    }

    /** Runs in the caller's transaction; answers the run each of our messages among them is of. */
    private Map<String, Long> apply(List<ProviderStatus> statuses, String source) {
        Map<String, OurMessage> messages = ledger.ourMessages(statuses.stream().map(ProviderStatus::providerMessageId).toList());
        List<ProviderStatus> ours = statuses.stream().filter(status -> messages.containsKey(status.providerMessageId())).toList();
        ledger.applyStatuses(ours.stream().map(status -> new StatusChange(status.providerMessageId(),
                state(status.outcome()), status.status())).toList());
        suppress(ours, messages, source);
        Map<String, Long> runs = new HashMap<>();
        messages.forEach((id, message) -> runs.put(id, message.runId()));
        return runs;
    }

    private void keepUnmatched(long runId, List<ProviderStatus> others) {
        // listed as sent: an internationalised domain in A-labels, which the ledger keeps in Unicode
        Set<String> addresses = others.stream().map(ProviderStatus::address).filter(a -> a != null)
                .map(AddressRules::asKept).collect(Collectors.toSet());
        if (addresses.isEmpty()) {
            return;
        }
        Map<String, Recorded> rows = ledger.rowsByAddress(runId, addresses);
        List<Unmatched> unmatched = new ArrayList<>();
        for (ProviderStatus message : others) {
            Recorded row = message.address() == null ? null : rows.get(AddressRules.asKept(message.address()));
            if (row != null) {
                unmatched.add(new Unmatched(row.row(), message.providerMessageId(), message.status()));
            }
        }
        ledger.keepUnmatched(runId, unmatched);
    }

    /**
     * Bounces, unsubscribes and complaints keep their addresses out of every later campaign: the
     * address the ledger sent the message to, whatever the status names (SPEC section 19), so that
     * a status cannot suppress someone who never had the message.
     */
    private void suppress(List<ProviderStatus> ours, Map<String, OurMessage> messages, String source) {
        ours.stream().filter(status -> status.feedback() != Feedback.NONE)
                .filter(status -> messages.get(status.providerMessageId()).address() != null)
                .collect(Collectors.groupingBy(ProviderStatus::feedback, Collectors.mapping(
                        status -> messages.get(status.providerMessageId()).address(), Collectors.toList())))
                .forEach((feedback, addresses) -> suppression.add(addresses, reason(feedback), source));
    }

    private static SuppressionList.Reason reason(Feedback feedback) {
        return switch (feedback) {
            case BOUNCE -> SuppressionList.Reason.BOUNCE;
            case UNSUBSCRIBE -> SuppressionList.Reason.UNSUBSCRIBE;
            case COMPLAINT, NONE -> SuppressionList.Reason.COMPLAINT;
        };
    }

    static DeliveryState state(DeliveryOutcome outcome) {
        return switch (outcome) {
            case IN_FLIGHT -> DeliveryState.ACCEPTED;
            case DELIVERED -> DeliveryState.DELIVERED;
            case BOUNCED -> DeliveryState.BOUNCED;
            case FAILED -> DeliveryState.FAILED;
            case EXPIRED -> DeliveryState.EXPIRED;
        };
    }
}
