package com.campaignsender.send;

import java.time.Duration;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** One log line per finished item step: how many rows it read and wrote, and how fast. */
class StepTimer implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StepTimer.class);

    private final long runId;

    StepTimer(long runId) {
        this.runId = runId;
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        LocalDateTime start = step.getStartTime();
        double seconds = start == null ? 0 : Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0;
        if (step.getReadCount() > 0) {
            log.info("Run {} {}: {} rows read, {} written in {} s ({} rows/s)", runId, step.getStepName(),
                    step.getReadCount(), step.getWriteCount(), String.format("%.1f", seconds),
                    seconds > 0 ? Math.round(step.getReadCount() / seconds) : step.getReadCount());
        }
        return step.getExitStatus();
    }
}
