package com.campaignsender.cli;

import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.cluster.ClusterMembership;
import com.campaignsender.system.ShutdownSignal;

/**
 * {@code worker}: a cluster's worker (SPEC section 14). It takes send partitions from the broker,
 * one at a time, and sends them with the campaign's own send step until stopped. At SIGTERM the
 * partition in flight finishes its chunk, records every answer, and goes back to the broker for
 * another worker; then the process exits.
 */
@Command(name = "worker", description = "Send a cluster's partitions (campaign.cluster.enabled=true), until stopped.")
class WorkerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final Optional<ClusterMembership> cluster;
    private final ShutdownSignal shutdown;

    WorkerCommand(Optional<ClusterMembership> cluster, ShutdownSignal shutdown) {
        this.cluster = cluster;
        this.shutdown = shutdown;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (cluster.isEmpty()) {
            spec.commandLine().getErr().println("worker works a cluster's partitions: set campaign.cluster.enabled=true,"
                    + " with spring.rabbitmq.* and the manager's spring.datasource.url");
            return ExitCodes.REFUSED;
        }
        Optional<String> refused = cluster.get().join(true);
        if (refused.isPresent()) {
            spec.commandLine().getErr().println("refused, nothing sent: " + refused.get());
            return ExitCodes.REFUSED;
        }
        spec.commandLine().getOut().println("Working the cluster's partitions; stop with SIGTERM (the partition in flight"
                + " goes back to the broker after its chunk).");
        spec.commandLine().getOut().flush();
        shutdown.awaitStop();
        spec.commandLine().getOut().printf("Stopped; %d partition(s) in flight handed back to the broker, every answer"
                + " recorded.%n", shutdown.handedBack());
        return ExitCodes.OK;
    }
}
