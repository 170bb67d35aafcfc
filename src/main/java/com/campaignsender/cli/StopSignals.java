package com.campaignsender.cli;

import java.util.List;

import sun.misc.Signal;

import com.campaignsender.system.ShutdownSignal;

/**
 * SIGTERM and Ctrl-C (SIGINT), handled so that a run in flight ends cleanly. The JVM's own
 * handling would start every shutdown hook at once, H2's among them, which closes the database
 * under a run still writing its last chunk. Here the first signal asks the runs to stop after
 * their chunk ({@link ShutdownSignal}); the command then ends by itself and the application
 * closes in order. With nothing in flight, or at a second signal, the process exits at once, as
 * it would by default. ({@code sun.misc.Signal} is the JDK's only way to do this; it lives in the
 * {@code jdk.unsupported} module, which every JDK ships.)
 */
final class StopSignals {

    private StopSignals() {
    }

    static void install(ShutdownSignal shutdown) {
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> {
                if (shutdown.requested() || !shutdown.busy()) {
                    System.exit(128 + signal.getNumber());
                }
                shutdown.request();
            });
        }
    }
}
