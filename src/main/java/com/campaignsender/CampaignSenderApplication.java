package com.campaignsender;

import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import com.campaignsender.gateway.InvalidAccountSetting;
import com.campaignsender.security.InvalidServerSetting;
import com.campaignsender.system.WorkerProcess;

/**
 * Boot entry point. The command line (picocli) runs once the context is up, see
 * {@link com.campaignsender.cli.CommandLineEntry}; its exit code becomes the process's.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CampaignSenderApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CampaignSenderApplication.class);
        String command = args.length > 0 ? args[0] : "";
        if (command.equals("serve") || command.equals("worker")) {
            // Only the long-running commands have a web server; every other command runs without one.
            // (a system property, because application.properties says none for every other command)
            System.setProperty("spring.main.web-application-type", "servlet");
        }
        if (command.equals("serve")) {
            portOption(args).ifPresent(port -> System.setProperty("server.port", port));
        }
        if (command.equals("worker")) {
            // A worker's web server answers the Actuator only: serve's API, pages and schedules stay off.
            System.setProperty(WorkerProcess.PROPERTY, "true");
            System.setProperty("server.port", portOption(args).orElse(WorkerProcess.DEFAULT_PORT));
        }
        try {
            System.exit(SpringApplication.exit(application.run(args)));
        }
        catch (RuntimeException ex) {
            // A setting that cannot be bound or used (campaign.providers.voipbin.rate=fast, a short token): Boot has
            // printed which key and why; it is bad usage, and nothing was sent.
            if (causedBy(ex, BindException.class) || causedBy(ex, InvalidAccountSetting.class)
                    || causedBy(ex, InvalidServerSetting.class)) {
                System.exit(2);
            }
            throw ex;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** {@code serve --port N}, {@code worker --port N}: the port must be known before the web server starts, so before picocli runs. */
    private static Optional<String> portOption(String[] args) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals("--port")) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }
}
