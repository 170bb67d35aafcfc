package com.campaignsender.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.Gateways;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.ProviderStatus.Feedback;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RecipientLedger;
import com.campaignsender.ledger.StatusChange;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.system.ShutdownSignal;

/**
 * Reconcile step: polls the provider for the status of every message the run created until none
 * is in flight or {@code reconcile.timeout} passes. Each page of statuses is committed before the
 * next is read, so nothing read is lost if the run stops half way (Infobip returns a delivery
 * report once only). A page may hold other runs' messages too; they are applied as well.
 */
@Component
public class StatusReconciler {

    private static final Logger log = LoggerFactory.getLogger(StatusReconciler.class);
    /** Listing starts a little before the run was created, in case the provider's clock is behind ours. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Gateways gateways;
    private final RecipientLedger ledger;
    private final TransactionTemplate ownTransaction;
    private final SuppressionList suppression;
    private final Clock clock;
    private final ShutdownSignal shutdown;

    public StatusReconciler(Gateways gateways, RecipientLedger ledger, SuppressionList suppression,
            TransactionTemplate ownTransaction, Clock clock, ShutdownSignal shutdown) {
        this.gateways = gateways;
        this.ledger = ledger;
        this.suppression = suppression;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
        this.shutdown = shutdown;
    }

    /** Returns how many messages are still in flight when it stops. */
    public long reconcile(CampaignRun run, CampaignDefinition definition) throws InterruptedException {
        MessageGateway gateway = gateways.forCampaign(definition.provider(), definition.channel(),
                Envelope.from(definition.sender().address(), definition.sender().name()));
        Instant deadline = clock.instant().plus(definition.reconcile().timeout());
        Instant since = listingStart(run);
        while (true) {
            long inFlight = inFlight(run);
            if (inFlight == 0) {
                return 0;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                log.info("Run {}: {} messages still in flight after {}; `reconcile {}` polls again later",
                        run.id(), inFlight, definition.reconcile().timeout(), run.id());
                return inFlight;
            }
            gateway.readStatuses(since, page -> apply(page, gateway.provider() + ", run " + run.id()));
            if (inFlight(run) > 0) {
                shutdown.pause(min(definition.reconcile().pollInterval(), Duration.between(clock.instant(), deadline)));
            }
        }
    }

    /** Where a provider's listing of the run's messages starts: a little before the run, for clock skew. */
    public static Instant listingStart(CampaignRun run) {
        return run.createdAt().minus(CLOCK_SKEW);
    }

    /**
     * Counted in a transaction of its own: the step's transaction may hold a snapshot from before
     * the status pages were committed (MySQL's REPEATABLE READ), and would never see them.
     */
    private long inFlight(CampaignRun run) {
        return ownTransaction.execute(status -> ledger.countByState(run.id()).getOrDefault(DeliveryState.ACCEPTED, 0L));
    }

    /**
     * Applies statuses read from a provider (a poll's page or a webhook's push) in a transaction
     * of their own: the ledger rows with those message ids move on (unknown ids and repeats change
     * nothing), and the bounces, unsubscribes and complaints of our messages go to the suppression
     * list (another sender's on the same account are not ours to judge).
     */
    public void apply(List<ProviderStatus> statuses, String source) {
        ownTransaction.executeWithoutResult(status -> {
            ledger.applyStatuses(changes(statuses));
            Set<String> ours = ledger.knownMessageIds(statuses.stream().map(ProviderStatus::providerMessageId).toList());
            suppress(statuses.stream().filter(known -> ours.contains(known.providerMessageId())).toList(), source);
        });
    }

    /** Bounces, unsubscribes and complaints keep their addresses out of every later campaign. */
    private void suppress(List<ProviderStatus> page, String source) {
        page.stream().filter(status -> status.feedback() != Feedback.NONE && status.address() != null)
                .collect(Collectors.groupingBy(ProviderStatus::feedback,
                        Collectors.mapping(ProviderStatus::address, Collectors.toList())))
                .forEach((feedback, addresses) -> suppression.add(addresses, reason(feedback), source));
    }

    private static SuppressionList.Reason reason(Feedback feedback) {
        return switch (feedback) {
            case BOUNCE -> SuppressionList.Reason.BOUNCE;
            case UNSUBSCRIBE -> SuppressionList.Reason.UNSUBSCRIBE;
            case COMPLAINT, NONE -> SuppressionList.Reason.COMPLAINT;
        };
    }

    private static List<StatusChange> changes(List<ProviderStatus> page) {
        return page.stream().map(status -> new StatusChange(status.providerMessageId(), state(status.outcome()),
                status.status())).toList();
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

    private static Duration min(Duration a, Duration b) {
        Duration smaller = a.compareTo(b) <= 0 ? a : b;
        return smaller.isNegative() ? Duration.ZERO : smaller;
    }
}
