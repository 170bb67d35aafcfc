package com.campaignsender.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cluster (SPEC section 14): with {@code campaign.cluster.enabled}, every run's send step is
 * split into {@code partitions} ranges of rows, handed through RabbitMQ ({@code spring.rabbitmq.*},
 * queue {@code queue}) to whichever workers are connected; {@code local-worker}: the process that
 * runs the job works partitions too. A worker that stops answering is found within
 * {@code worker-timeout}, by the broker's connection heartbeat, and its partition handed on.
 */
@ConfigurationProperties("campaign.cluster")
public record ClusterSettings(boolean enabled, @DefaultValue("16") int partitions, @DefaultValue("true") boolean localWorker,
        @DefaultValue("30s") Duration workerTimeout, @DefaultValue("campaign-sender.partitions") String queue) {

    public ClusterSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("campaign.cluster.partitions must be at least 1, not " + partitions);
        }
        if (workerTimeout.toSeconds() < 2) {
            throw new IllegalArgumentException("campaign.cluster.worker-timeout must be at least 2s, not " + workerTimeout);
        }
    }
}
