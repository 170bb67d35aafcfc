package com.campaignsender.send;

import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import com.campaignsender.ledger.RowRange;
import com.campaignsender.system.Failures;
import com.campaignsender.system.ProcessName;
import com.campaignsender.system.ShutdownSignal;

/**
 * A cluster worker's step (SPEC section 14): sends one partition of a run, the rows its step
 * execution names, with the send step a single process uses. Built anew for each partition from
 * the run's snapshot in the database (SPEC section 20): a worker needs none of the campaign's files.
 */
@Component
public class SendPartitionStep implements Step {

    public static final String NAME = "sendPartitionStep";
    private static final String FIRST_ROW = "firstRow";
    private static final String LAST_ROW = "lastRow";
    private static final String WORKER = "worker";
    private static final String FAILED_BECAUSE = "failedBecause";

    private final SendStepFactory steps;
    private final RunContexts contexts;
    private final JobRepository jobRepository;
    private final ShutdownSignal shutdown;

    SendPartitionStep(SendStepFactory steps, RunContexts contexts, JobRepository jobRepository, ShutdownSignal shutdown) {
        this.steps = steps;
        this.contexts = contexts;
        this.jobRepository = jobRepository;
        this.shutdown = shutdown;
    }

    /** A partition's execution context: the rows it sends. */
    public static ExecutionContext partition(RowRange range) {
        ExecutionContext context = new ExecutionContext();
        context.putInt(FIRST_ROW, range.first());
        context.putInt(LAST_ROW, range.last());
        return context;
    }

    public static RowRange rangeOf(StepExecution partition) {
        ExecutionContext context = partition.getExecutionContext();
        return new RowRange(context.getInt(FIRST_ROW), context.getInt(LAST_ROW));
    }

    /** The process ({@code host:pid}) that took the partition last, if one did. */
    public static Optional<String> workerOf(StepExecution partition) {
        return Optional.ofNullable(partition.getExecutionContext().getString(WORKER, null));
    }

    /**
     * Why a failed partition failed, in its worker's words, once the worker has recorded it: just
     * after the partition's FAILED status (Spring Batch saves the status before its listeners run).
     */
    public static Optional<String> failureOf(StepExecution partition) {
        return Optional.ofNullable(partition.getExecutionContext().getString(FAILED_BECAUSE, null));
    }

    /** The run a partition belongs to. */
    public static long runOf(StepExecution partition) {
        return RunParameters.from(partition.getJobParameters()).runId();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isAllowStartIfComplete() {
        return true;
    }

    @Override
    public void execute(StepExecution partition) throws JobInterruptedException {
        partition.getExecutionContext().putString(WORKER, ProcessName.SELF);
        RunContext run = contexts.partition(RunParameters.from(partition.getJobParameters()));
        steps.partition(NAME, run, rangeOf(partition), () -> atStop(partition), new StepExecutionListener() {
            /** The stack trace in the partition's exit description is cut short before its causes: the reason is kept apart. */
            @Override
            public ExitStatus afterStep(StepExecution ended) {
                if (ended.getStatus() == BatchStatus.FAILED && !ended.getFailureExceptions().isEmpty()) {
                    ended.getExecutionContext().putString(FAILED_BECAUSE,
                            Failures.innermostMessage(ended.getFailureExceptions().get(0)));
                }
                return ended.getExitStatus();
            }
        }).execute(partition);
    }

    /**
     * This process is stopping: a partition of a run that its manager is stopping too ends here,
     * to be sent again when the run resumes; any other is handed back, for another worker.
     */
    private void atStop(StepExecution partition) {
        JobExecution job = jobRepository.getJobExecution(partition.getJobExecutionId());
        if (job == null || job.getStatus() == BatchStatus.STOPPING || job.getStatus() == BatchStatus.STOPPED) {
            shutdown.checkpoint();
        }
        shutdown.handBack();
    }
}
