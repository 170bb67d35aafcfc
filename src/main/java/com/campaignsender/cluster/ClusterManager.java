package com.campaignsender.cluster;

import java.time.Clock;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.messaging.MessageChannel;

import com.campaignsender.ledger.RecipientLedger;
import com.campaignsender.send.PartitionedSending;
import com.campaignsender.send.SendPartitionStep;
import com.campaignsender.system.ShutdownSignal;

/**
 * The manager's send step: Spring Batch Integration's remote partitioning, polling. It cuts the
 * pass's PENDING rows into partitions, sends one request per partition to the broker's queue,
 * and polls the JobRepository until every partition has ended, whichever worker sent it. A
 * partition's request is acknowledged only once its worker has ended it, so a worker that dies
 * leaves it to the broker, which hands it to the next worker.
 */
class ClusterManager implements PartitionedSending {

    /** How often the manager reads the partitions' state: the longest a pass waits after its last partition. */
    private static final long POLL_MILLIS = 1000;

    private final RemotePartitioningManagerStepBuilderFactory managerSteps;
    private final MessageChannel requests;
    private final JobRepository jobRepository;
    private final RecipientLedger ledger;
    private final BrokerCheck broker;
    private final ShutdownSignal shutdown;
    private final ClusterSettings settings;
    private final Clock clock;

    ClusterManager(RemotePartitioningManagerStepBuilderFactory managerSteps, MessageChannel requests,
            JobRepository jobRepository, RecipientLedger ledger, BrokerCheck broker,
            ShutdownSignal shutdown, ClusterSettings settings, Clock clock) {
        this.managerSteps = managerSteps;
        this.requests = requests;
        this.jobRepository = jobRepository;
        this.ledger = ledger;
        this.broker = broker;
        this.shutdown = shutdown;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Step managerStep(String name, long runId) {
        PendingRowPartitioner partitioner = new PendingRowPartitioner(runId, ledger);
        return managerSteps.get(name)
                .partitioner(SendPartitionStep.NAME, partitioner)
                .splitter(new FreshPartitions(jobRepository, SendPartitionStep.NAME, partitioner))
                .gridSize(settings.partitions())
                .outputChannel(requests)
                .pollInterval(POLL_MILLIS)
                .listener(new PartitionWatch(runId, jobRepository, broker, shutdown, settings.workerTimeout(), clock))
                .allowStartIfComplete(true)
                .build();
    }
}
