package com.campaignsender.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.messaging.Message;

import com.campaignsender.send.SendPartitionStep;
import com.campaignsender.system.ShutdownSignal;

/**
 * A worker's end of the queue: each request names a partition's step execution, which Spring
 * Batch's {@link StepExecutionRequestHandler} runs with the send step. Before that it looks at
 * the partition: a request delivered again after its partition ended (its worker died after
 * the end, before the acknowledgement) or after its run stopped is done with, not run again.
 */
class PartitionWork {

    private static final Logger log = LoggerFactory.getLogger(PartitionWork.class);

    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler handler;
    private final ShutdownSignal shutdown;

    PartitionWork(JobRepository jobRepository, SendPartitionStep step, ShutdownSignal shutdown) {
        this.jobRepository = jobRepository;
        this.shutdown = shutdown;
        this.handler = new StepExecutionRequestHandler();
        handler.setJobRepository(jobRepository);
        handler.setStepLocator(name -> {
            if (!name.equals(SendPartitionStep.NAME)) {
                throw new IllegalArgumentException("a worker runs " + SendPartitionStep.NAME + ", not " + name);
            }
            return step;
        });
    }

    public void handle(Message<StepExecutionRequest> message) {
        StepExecutionRequest request = message.getPayload();
        StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
        if (partition == null) {
            log.warn("Partition request for step execution {}: no such step execution in this database; dropped"
                    + " (is this worker on the manager's database?)", request.getStepExecutionId());
            return;
        }
        long runId = SendPartitionStep.runOf(partition);
        JobExecution job = partition.getJobExecution();
        if (!partition.getStatus().isRunning() || job.getStatus() != BatchStatus.STARTED) {
            log.info("Run {} {}: {} and its run {}; nothing to send", runId, SendPartitionStep.rangeOf(partition),
                    partition.getStatus().name().toLowerCase(), job.getStatus().name().toLowerCase());
            return;
        }
        if (Boolean.TRUE.equals(message.getHeaders().get(AmqpHeaders.REDELIVERED))) {
            log.info("Run {} {}: taken over from a worker that stopped before ending it", runId,
                    SendPartitionStep.rangeOf(partition));
        }
        else {
            log.info("Run {} {}: sending", runId, SendPartitionStep.rangeOf(partition));
        }
        try (ShutdownSignal.Work work = shutdown.enter()) {
            StepExecution ended = handler.handle(request);
            log.info("Run {} {}: {}", runId, SendPartitionStep.rangeOf(partition), ended.getStatus().name().toLowerCase());
        }
    }
}
