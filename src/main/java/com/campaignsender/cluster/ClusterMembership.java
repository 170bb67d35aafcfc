package com.campaignsender.cluster;

import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;
import org.springframework.integration.dsl.IntegrationFlow;

import com.campaignsender.system.DatabaseProduct;

/**
 * How {@code run}, {@code serve} and {@code worker} join the cluster, before anything is sent:
 * they check what a cluster needs (a database the processes share, not the embedded H2, and a
 * broker that answers), then take partitions from the broker: a {@code worker} always, the
 * others with {@code campaign.cluster.local-worker}. Other commands (those that read runs or
 * reports) never take any.
 */
public class ClusterMembership {

    private final SmartLifecycle partitionRequests;
    private final boolean localWorker;
    private final DataSource dataSource;
    private final BrokerCheck broker;

    ClusterMembership(IntegrationFlow partitionRequests, boolean localWorker, DataSource dataSource, BrokerCheck broker) {
        this.partitionRequests = (SmartLifecycle) partitionRequests;
        this.localWorker = localWorker;
        this.dataSource = dataSource;
        this.broker = broker;
    }

    /** Joins as a {@code worker} or as a process that runs jobs; answers why it cannot, if it cannot. */
    public Optional<String> join(boolean worker) {
        if (DatabaseProduct.of(dataSource).equalsIgnoreCase("H2")) {
            return Optional.of("campaign.cluster.enabled needs a database the cluster's processes share: MySQL/MariaDB or"
                    + " PostgreSQL (spring.datasource.url), not the embedded H2, which only this process can write");
        }
        Optional<String> unreachable = broker.problem();
        if (unreachable.isPresent()) {
            return Optional.of("campaign.cluster.enabled needs RabbitMQ, and the broker does not answer (" + broker.describe()
                    + "): " + unreachable.get());
        }
        if (worker || localWorker) {
            partitionRequests.start();
        }
        return Optional.empty();
    }
}
