package com.campaignsender.operate;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import com.campaignsender.ledger.CampaignLocks;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.send.CampaignJobConfiguration;
import com.campaignsender.system.ProcessName;

/**
 * Who is sending a run. A run starts only with its campaign's lock ({@link CampaignLocks}): one
 * run of a campaign sends at a time, across processes and service instances. A process that
 * sends a run beats every few seconds into its {@code campaign_run} row and renews the lock. A run that Spring Batch still records as running, but whose owner
 * stopped beating (or, on this host, whose owner process is gone), was killed: its execution is
 * recovered (marked FAILED) so that the same command restarts it. A run whose owner still beats
 * is left alone.
 */
@Component
class RunLease {

    private static final Logger log = LoggerFactory.getLogger(RunLease.class);
    static final Duration BEAT = Duration.ofSeconds(5);
    static final Duration STALE = BEAT.multipliedBy(6);

    private final CampaignRuns runs;
    private final CampaignLocks locks;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final Clock clock;
    private final String self = ProcessName.SELF;

    RunLease(CampaignRuns runs, CampaignLocks locks, JobRepository jobRepository, JobOperator jobOperator, Clock clock) {
        this.runs = runs;
        this.locks = locks;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.clock = clock;
    }

    /**
     * Takes the run for this process and keeps beating until the returned handle is closed.
     * Throws {@link RunBusyException} when another live process is sending it.
     */
    Beating take(CampaignRun run, JobParameters parameters) {
        Optional<CampaignLocks.Holder> holder = locks.acquire(run.campaign(), self, run.id(), STALE);
        if (holder.isPresent() && deadOnThisHost(holder.get().owner())
                && locks.takeOver(run.campaign(), holder.get().owner(), self, run.id(), STALE)) {
            log.info("Campaign {}: its lock was held by {}, a process that is gone; taken over", run.campaign(),
                    holder.get().owner());
            holder = Optional.empty();
        }
        if (holder.isPresent()) {
            throw new RunBusyException(busy(run.campaign(), holder.get()));
        }
        try {
            return beat(run, parameters);
        }
        catch (RuntimeException ex) {
            locks.release(run.campaign(), self);
            throw ex;
        }
    }

    /** Why a run of the campaign cannot start now, if another live process is sending one. */
    Optional<String> sendingElsewhere(String campaign) {
        return holderElsewhere(campaign).map(holder -> busy(campaign, holder));
    }

    boolean sentElsewhere(CampaignRun run) {
        return holderElsewhere(run.campaign()).filter(holder -> holder.runId() == run.id()).isPresent();
    }

    private Optional<CampaignLocks.Holder> holderElsewhere(String campaign) {
        return locks.holder(campaign).filter(holder -> !holder.owner().equals(self) && !deadOnThisHost(holder.owner()));
    }

    private static String busy(String campaign, CampaignLocks.Holder holder) {
        return "campaign " + campaign + " is sending run " + holder.runId() + " in " + holder.owner()
                + "; one run of a campaign sends at a time; nothing was sent";
    }

    private Beating beat(CampaignRun run, JobParameters parameters) {
        JobExecution last = jobRepository.getLastJobExecution(CampaignJobConfiguration.JOB_NAME, parameters);
        if (last != null && last.isRunning()) {
            Optional<CampaignRuns.Lease> lease = runs.lease(run.id());
            if (lease.isPresent() && alive(lease.get())) {
                throw new RunBusyException("run " + run.id() + " is being sent by " + lease.get().owner()
                        + " (last seen " + lease.get().heartbeatAt() + "); nothing was sent");
            }
            log.info("Run {}: its last process ({}) stopped without finishing; resuming it",
                    run.id(), lease.map(CampaignRuns.Lease::owner).orElse("unknown"));
            jobOperator.recover(last);
        }
        else if (last != null) {
            takeOverStepsLeftRunning(run, last);
        }
        runs.heartbeat(run.id(), self);
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "run-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        beats.scheduleAtFixedRate(() -> {
            runs.heartbeat(run.id(), self);
            locks.acquire(run.campaign(), self, run.id(), STALE);
        }, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            beats.shutdownNow();
            locks.release(run.campaign(), self);
        };
    }

    /**
     * A cluster's manager that stopped (or was killed and recovered) can leave partitions recorded
     * as running: a worker was killed holding one, or still works one of the stopped execution.
     * Spring Batch refuses to restart a job while any of its steps is recorded running, so they are
     * marked FAILED: their rows still SENDING are found in doubt as the next pass starts, and a
     * worker still sending one of them claims no row the next pass has claimed.
     */
    private void takeOverStepsLeftRunning(CampaignRun run, JobExecution last) {
        List<StepExecution> running = last.getStepExecutions().stream()
                .filter(step -> step.getStatus().isRunning() || step.getStatus() == BatchStatus.STOPPING)
                .toList();
        if (running.isEmpty()) {
            return;
        }
        log.info("Run {}: {} step(s) of its last execution were still recorded running (a partition whose worker or"
                + " manager stopped before ending it); taken over", run.id(), running.size());
        for (StepExecution step : running) {
            step.setStatus(BatchStatus.FAILED);
            step.setEndTime(LocalDateTime.now());
            jobRepository.update(step);
        }
    }

    private boolean alive(CampaignRuns.Lease lease) {
        if (onThisHost(lease.owner())) {
            return !deadOnThisHost(lease.owner());
        }
        return Duration.between(lease.heartbeatAt(), clock.instant()).compareTo(STALE) < 0;
    }

    private static boolean onThisHost(String owner) {
        String[] parts = owner.split(":");
        return parts.length == 2 && parts[0].equals(ProcessName.HOST);
    }

    /** True only for an owner on this host whose process is gone; of other hosts nothing is known here. */
    private static boolean deadOnThisHost(String owner) {
        return onThisHost(owner) && !ProcessHandle.of(Long.parseLong(owner.split(":")[1])).map(ProcessHandle::isAlive)
                .orElse(false);
    }

    /** Stops the heartbeat. */
    interface Beating extends AutoCloseable {

        @Override
        void close();
    }
}
