package com.campaignsender.send;

import org.springframework.batch.core.step.Step;

/**
 * A cluster's send step (SPEC section 14): present only with {@code campaign.cluster.enabled},
 * it answers the manager step that hands a run's PENDING rows to workers in partitions.
 */
public interface PartitionedSending {

    /** The manager step named {@code name} for one send pass of run {@code runId}. */
    Step managerStep(String name, long runId);
}
