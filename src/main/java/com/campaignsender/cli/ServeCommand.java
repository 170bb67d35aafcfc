package com.campaignsender.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * {@code serve [--port 8080]}: the long-running service. The web server is already up when this
 * runs (the application starts one for {@code serve} only); the command waits until the process
 * is stopped, and SIGTERM closes the application cleanly.
 */
@Command(name = "serve", description = "Run as a service: HTTP API for uploads, runs and reports, until stopped.")
class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on (default ${DEFAULT-VALUE}; read at start-up)")
    private int port;

    private final ApplicationContext context;

    ServeCommand(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!(context instanceof WebServerApplicationContext web)) {
            spec.commandLine().getErr().println("serve must be the first argument, so that the web server starts");
            return ExitCodes.REFUSED;
        }
        spec.commandLine().getOut().printf("Serving on port %d; stop with Ctrl-C or SIGTERM.%n", web.getWebServer().getPort());
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "serve-stop"));
        stopped.await();
        return ExitCodes.OK;
    }
}
