package com.campaignsender.cluster;

import java.time.Clock;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.messaging.MessageChannel;

import com.campaignsender.ledger.RowRange;
import com.campaignsender.ledger.SendingLedger;
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
    private final SendingLedger ledger;
    private final BrokerCheck broker;
    private final ShutdownSignal shutdown;
    private final ClusterSettings settings;
    private final Clock clock;

    ClusterManager(RemotePartitioningManagerStepBuilderFactory managerSteps, MessageChannel requests,
            JobRepository jobRepository, SendingLedger ledger, BrokerCheck broker,
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

    /**
     * As a pass starts, no partition of this execution is sending: a row still SENDING was left by
     * a worker or a manager that died (in this execution or an earlier one), and may have been
     * sent. In doubt, for the settle step; a late answer for it from a worker still alive finds it
     * no longer SENDING and changes nothing. A partition's own start finds only its own range.
     */
    private StepExecutionListener crashFinder(long runId) {
        return new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution stepExecution) {
                ledger.findCrashed(runId, RowRange.ALL);
            }
        };
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
                .listener(crashFinder(runId))
                .allowStartIfComplete(true)
                .build();
    }
}
