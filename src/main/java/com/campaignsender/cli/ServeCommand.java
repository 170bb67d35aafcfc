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

/**
 * {@code serve [--port 8080]}: the long-running service. The web server is already up when this
 * runs (the application starts one for {@code serve} only); the command waits until the process
 * is stopped: at SIGTERM the runs in flight stop after their chunk, then the application closes.
 */
@Command(name = "serve", description = {
        "Run as a service until stopped: the page at http://127.0.0.1:<port>/ (upload a list, review it, send, "
                + "watch runs, find a recipient, read reports), the HTTP API under /api, webhooks, schedules and inboxes.",
        "campaign.server.token (24 characters or more) guards it: /api calls send it as a bearer token, the page asks "
                + "for it once. It must be set when server.address is not a loopback address; without it the service "
                + "listens on this machine only, open to it. README: \"Running as a service\", \"Security\"." })
class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on (default ${DEFAULT-VALUE}; read at start-up)")
    private int port;

    private final ApplicationContext context;
    private final ShutdownSignal shutdown;
    private final Optional<ClusterMembership> cluster;

    ServeCommand(ApplicationContext context, ShutdownSignal shutdown, Optional<ClusterMembership> cluster) {
        this.context = context;
        this.shutdown = shutdown;
        this.cluster = cluster;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!(context instanceof WebServerApplicationContext web)) {
            spec.commandLine().getErr().println("serve must be the first argument, so that the web server starts");
            return ExitCodes.REFUSED;
        }
        Optional<String> refused = cluster.flatMap(member -> member.join(false));
        if (refused.isPresent()) {
            spec.commandLine().getErr().println("refused, nothing sent: " + refused.get());
            return ExitCodes.REFUSED;
        }
        spec.commandLine().getOut().printf("Serving on port %d; stop with Ctrl-C or SIGTERM.%n", web.getWebServer().getPort());
        spec.commandLine().getOut().flush();
        // Boot marks an application ready once its runners return; this one returns only at the stop.
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        shutdown.awaitStop();
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        spec.commandLine().getOut().println("Stopped; runs in flight stopped after their chunk and resume at the next start.");
        return ExitCodes.OK;
    }
}
