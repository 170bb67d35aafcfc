package com.campaignsender.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.batch.core.BatchStatus.COMPLETED;
import static org.springframework.batch.core.BatchStatus.FAILED;
import static org.springframework.batch.core.BatchStatus.STARTED;
import static org.springframework.batch.core.BatchStatus.STARTING;

/** The manager never waits for a partition nobody works: partitions waiting, none sending, for the worker timeout. */
class IdleWorkersTests {

    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    private final IdleWorkers idle = new IdleWorkers(Duration.ofSeconds(30));

    @Test
    void partitionsWaitingWithNoWorkerSendingStopTheRunAfterTheTimeout() {
        List<BatchStatus> stuck = List.of(COMPLETED, COMPLETED, FAILED, STARTING, STARTING);

        assertThat(idle.observe(stuck, START)).isEmpty();
        assertThat(idle.observe(stuck, START.plusSeconds(29))).isEmpty();
        assertThat(idle.observe(stuck, START.plusSeconds(30))).hasValueSatisfying(why -> assertThat(why)
                .startsWith("2 partition(s) waited 30s (campaign.cluster.worker-timeout) while no worker sent any"));
    }

    @Test
    void aWorkerSendingAnyPartitionOrNothingWaitingIsProgress() {
        assertThat(idle.observe(List.of(STARTING, STARTING), START)).isEmpty();
        assertThat(idle.observe(List.of(STARTED, STARTING), START.plusSeconds(20))).as("more partitions than workers")
                .isEmpty();
        assertThat(idle.observe(List.of(COMPLETED, STARTING), START.plusSeconds(40))).as("the wait starts again").isEmpty();
        assertThat(idle.observe(List.of(COMPLETED, COMPLETED), START.plusSeconds(200))).isEmpty();
        assertThat(idle.observe(List.of(COMPLETED, STARTING), START.plusSeconds(230))).as("a new pass waits").isEmpty();
        assertThat(idle.observe(List.of(COMPLETED, STARTING), START.plusSeconds(260))).as("30 s idle again").isPresent();
    }
}
