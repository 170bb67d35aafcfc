package com.campaignsender.cli;

import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

import com.campaignsender.cluster.ClusterMembership;
import com.campaignsender.system.ShutdownSignal;
import com.campaignsender.system.WorkerProcess;

/**
 * {@code worker}: a cluster's worker (SPEC section 14). It takes send partitions from the broker,
 * one at a time, and sends them with the campaign's own send step until stopped. At SIGTERM the
 * partition in flight finishes its chunk, records every answer, and goes back to the broker for
 * another worker; then the process exits. Its web server answers the Actuator only: health (ready
 * once it takes partitions) and metrics.
 */
@Command(name = "worker", description = "Send a cluster's partitions (campaign.cluster.enabled=true), until stopped.")
class WorkerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = WorkerProcess.DEFAULT_PORT,
            description = "port of its health and metrics (default ${DEFAULT-VALUE}; 0 for any free one; read at start-up)")
    private int port;

    private final ApplicationContext context;
    private final Optional<ClusterMembership> cluster;
    private final ShutdownSignal shutdown;

    WorkerCommand(ApplicationContext context, Optional<ClusterMembership> cluster, ShutdownSignal shutdown) {
        this.context = context;
        this.cluster = cluster;
        this.shutdown = shutdown;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!(context instanceof WebServerApplicationContext web)) {
            spec.commandLine().getErr().println("worker must be the first argument, so that its health and metrics are served");
            return ExitCodes.REFUSED;
        }
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
        spec.commandLine().getOut().printf("Working the cluster's partitions; health and metrics on port %d; stop with SIGTERM"
                + " (the partition in flight goes back to the broker after its chunk).%n", web.getWebServer().getPort());
        spec.commandLine().getOut().flush();
        // Boot marks an application ready once its runners return; this one returns only at the stop.
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        shutdown.awaitStop();
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        spec.commandLine().getOut().printf("Stopped; %d partition(s) in flight handed back to the broker, every answer"
                + " recorded.%n", shutdown.handedBack());
        return ExitCodes.OK;
    }
}
