package com.campaignsender.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;

/**
 * Notices a pass that nobody works (SPEC section 20): partitions waiting for a worker while no
 * worker sends any, for {@code campaign.cluster.worker-timeout}. No worker is running, none
 * reaches this database and broker, or each fails before it can even start a partition: the
 * manager then stops the run saying so, rather than wait for ever.
 */
final class IdleWorkers {

    private final Duration timeout;
    private Instant idleSince;

    IdleWorkers(Duration timeout) {
        this.timeout = timeout;
    }

    /** Looks at the partitions' statuses now; answers why the run must stop once they have been idle too long. */
    Optional<String> observe(List<BatchStatus> partitions, Instant now) {
        long waiting = partitions.stream().filter(status -> status == BatchStatus.STARTING).count();
        boolean sending = partitions.stream().anyMatch(status -> status == BatchStatus.STARTED || status == BatchStatus.STOPPING);
        if (waiting == 0 || sending) {
            idleSince = null;
            return Optional.empty();
        }
        if (idleSince == null) {
            idleSince = now;
        }
        if (Duration.between(idleSince, now).compareTo(timeout) < 0) {
            return Optional.empty();
        }
        return Optional.of(waiting + " partition(s) waited " + timeout.toString().substring(2).toLowerCase()
                + " (campaign.cluster.worker-timeout) while no worker sent any: no worker took them; start workers"
                + " on this database and broker (`worker`), or see their logs for why they fail");
    }
}
