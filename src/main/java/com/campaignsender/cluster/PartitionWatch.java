package com.campaignsender.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

import com.campaignsender.send.SendPartitionStep;
import com.campaignsender.system.ShutdownSignal;

/**
 * Watches one send pass of a cluster's manager step while the workers send it: it logs how the
 * partitions stand, and it stops the run when it cannot go on here, resumably, every answer
 * recorded: when this process is asked to stop, when the broker has been out of reach for
 * {@code worker-timeout}, when partitions have waited that long with no worker sending any
 * ({@link IdleWorkers}), and as soon as a partition fails on a worker, with that worker's reason
 * (whatever failed it there would most likely fail the rest too; the run resumes where it stopped). Stopping is Spring Batch's: the job execution is marked STOPPING, which
 * every worker's partition sees at its next chunk; partitions no worker took yet end at once. The
 * run's summary then says why it stopped.
 */
class PartitionWatch implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionWatch.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final long runId;
    private final JobRepository jobRepository;
    private final BrokerCheck broker;
    private final ShutdownSignal shutdown;
    private final Duration workerTimeout;
    private final Clock clock;
    private ScheduledExecutorService ticks;
    private ShutdownSignal.Work stopHook;
    private Instant brokerLostAt;
    private Instant lastProgress;
    private IdleWorkers idle;
    private volatile String stoppedBecause;
    private final Set<Long> failedSeen = new HashSet<>();

    PartitionWatch(long runId, JobRepository jobRepository, BrokerCheck broker, ShutdownSignal shutdown,
            Duration workerTimeout, Clock clock) {
        this.runId = runId;
        this.jobRepository = jobRepository;
        this.broker = broker;
        this.shutdown = shutdown;
        this.workerTimeout = workerTimeout;
        this.clock = clock;
    }

    @Override
    public void beforeStep(StepExecution manager) {
        stoppedBecause = null;
        brokerLostAt = null;
        lastProgress = clock.instant();
        idle = new IdleWorkers(workerTimeout);
        failedSeen.clear();
        stopHook = shutdown.beforeStop(() -> stop(manager, "this process was asked to stop"));
        ticks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "partitions-" + runId);
            thread.setDaemon(true);
            return thread;
        });
        ticks.scheduleWithFixedDelay(() -> tick(manager), TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A pass that did not complete says why: the reason this watch stopped it for, or else the
     * words of its first failed partition (the worker's exception is in that partition's record,
     * not in the manager's). That is the reason the run's summary gives.
     */
    @Override
    public ExitStatus afterStep(StepExecution manager) {
        ticks.shutdownNow();
        stopHook.close();
        if (manager.getStatus() == BatchStatus.COMPLETED) {
            return manager.getExitStatus();
        }
        String why = stoppedBecause != null ? stoppedBecause : failedPartition(partitions(manager), true).orElse(null);
        if (why != null) {
            manager.getFailureExceptions().add(0, new IllegalStateException(why));
        }
        return manager.getExitStatus();
    }

    /**
     * Why the first failed partition failed, in its worker's words. A worker records them just
     * after the partition's status: a failure seen without them is given one more tick.
     */
    private Optional<String> failedPartition(List<StepExecution> partitions, boolean last) {
        for (StepExecution failed : partitions.stream().filter(partition -> partition.getStatus() == BatchStatus.FAILED).toList()) {
            Optional<String> reason = SendPartitionStep.failureOf(failed);
            if (reason.isPresent() || last || !failedSeen.add(failed.getId())) {
                return Optional.of("a partition (" + SendPartitionStep.rangeOf(failed) + ") failed on worker "
                        + SendPartitionStep.workerOf(failed).orElse("?") + ": "
                        + reason.orElseGet(() -> firstLine(failed.getExitStatus().getExitDescription())));
            }
        }
        return Optional.empty();
    }

    /** The first line of an exit description: its exception, class then message. */
    static String firstLine(String exitDescription) {
        String first = exitDescription.lines().findFirst().orElse("");
        int message = first.indexOf(": ");
        return message < 0 ? first : first.substring(message + 2);
    }

    private void tick(StepExecution manager) {
        try {
            if (broker.reachable()) {
                brokerLostAt = null;
            }
            else if (brokerLostAt == null) {
                brokerLostAt = clock.instant();
                log.warn("Run {}: the broker is out of reach ({}); the run stops if it stays so for {}", runId,
                        broker.describe(), timeout());
            }
            else if (Duration.between(brokerLostAt, clock.instant()).compareTo(workerTimeout) >= 0) {
                stop(manager, "the broker (" + broker.describe() + ") was out of reach for " + timeout());
            }
            List<StepExecution> partitions = partitions(manager);
            failedPartition(partitions, false).or(() -> idle.observe(partitions.stream().map(StepExecution::getStatus).toList(),
                    clock.instant())).ifPresent(why -> stop(manager, why));
            if (stoppedBecause != null) {
                endWaitingPartitions(manager);
            }
            if (Duration.between(lastProgress, clock.instant()).compareTo(PROGRESS_EVERY) >= 0) {
                lastProgress = clock.instant();
                log.info("Run {}: partitions {}", runId, describe(partitions(manager)));
            }
        }
        catch (RuntimeException ex) {
            log.warn("Run {}: watching the partitions failed, to be tried again: {}", runId, ex.toString());
        }
    }

    private String timeout() {
        return "campaign.cluster.worker-timeout (" + workerTimeout.toString().substring(2).toLowerCase() + ")";
    }

    /**
     * Marks the job STOPPING, once: the workers' partitions end after their chunk, and the run is
     * STOPPED, to resume. The mark is written here rather than by {@code JobOperator.stop}, which
     * also looks the job's steps up to stop their tasklets, and this job's send step is job-scoped,
     * out of reach of this thread; its steps are chunk steps, which see the mark at their next chunk.
     */
    private synchronized void stop(StepExecution manager, String why) {
        if (stoppedBecause != null) {
            return;
        }
        stoppedBecause = why;
        log.warn("Run {}: stopping, because {}; the workers end their partitions after their chunk,"
                + " and the run resumes when started again", runId, why);
        JobExecution job = jobRepository.getJobExecution(manager.getJobExecutionId());
        if (job.getStatus().isRunning()) {
            job.setStatus(BatchStatus.STOPPING);
            jobRepository.update(job);
        }
        endWaitingPartitions(manager);
    }

    /** Partitions still waiting for a worker when the run stops are STOPPED here: no worker will take them now. */
    private void endWaitingPartitions(StepExecution manager) {
        for (StepExecution partition : partitions(manager)) {
            if (partition.getStatus() == BatchStatus.STARTING) {
                partition.setStatus(BatchStatus.STOPPED);
                partition.setEndTime(LocalDateTime.now());
                partition.setExitStatus(ExitStatus.STOPPED.addExitDescription("the run stopped before a worker took it"));
                try {
                    jobRepository.update(partition);
                }
                catch (OptimisticLockingFailureException ex) {
                    // a worker took it meanwhile: that worker sees the run stopping at its first chunk
                }
            }
        }
    }

    /** This pass's partitions: created after its manager step execution. */
    private List<StepExecution> partitions(StepExecution manager) {
        JobExecution job = jobRepository.getJobExecution(manager.getJobExecutionId());
        return job.getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith(SendPartitionStep.NAME + ":") && step.getId() > manager.getId())
                .toList();
    }

    private static String describe(List<StepExecution> partitions) {
        Map<String, Long> counts = partitions.stream().collect(Collectors.groupingBy(
                partition -> switch (partition.getStatus()) {
                    case STARTING -> "waiting for a worker";
                    case STARTED, STOPPING -> "sending";
                    case COMPLETED -> "done";
                    default -> partition.getStatus().name().toLowerCase();
                }, Collectors.counting()));
        return counts.entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", ")) + " of " + partitions.size();
    }
}
