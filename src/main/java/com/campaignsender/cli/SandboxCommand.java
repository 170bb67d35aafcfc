package com.campaignsender.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;

import com.campaignsender.sandbox.SandboxRelay;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.sandbox.SandboxSettings;
import com.campaignsender.sandbox.SandboxStore;
import com.campaignsender.system.ShutdownSignal;

/**
 * {@code sandbox --port N}: the provider simulator on its own, for trying the APIs with curl or
 * for pointing another run's base-url at it. Runs until stopped. Options override the
 * {@code campaign.sandbox.*} settings.
 */
@Command(name = "sandbox", description = "Run the built-in provider simulator on its own until stopped.")
class SandboxCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8089", description = "loopback port to listen on (default ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--latency", description = "delay before every answer, e.g. 20ms")
    private String latency;

    @Option(names = "--status-step", description = "how long each status lasts, e.g. 2s")
    private String statusStep;

    @Option(names = "--token", description = "VoIPBIN credential to demand (token or accesskey)")
    private String token;

    @Option(names = "--api-key", description = "Infobip key to demand (Authorization: App <key>)")
    private String apiKey;

    @Option(names = "--failure-rate", description = "fraction of calls answered 500 (a create so answered creates nothing)")
    private Double failureRate;

    @Option(names = "--rate-limit", description = "creates per second above which the answer is 429")
    private Integer rateLimit;

    @Option(names = "--reset-rate", description = "fraction of calls dropped unanswered (a create so dropped creates nothing)")
    private Double resetRate;

    @Option(names = "--lost-answer-rate", description = "fraction of creates created, then dropped unanswered")
    private Double lostAnswerRate;

    @Option(names = "--late-create-rate", description = "fraction of creates dropped unanswered and created --late-create-delay later")
    private Double lateCreateRate;

    @Option(names = "--late-create-delay", description = "how long after its dropped request a late create happens, e.g. 1s")
    private String lateCreateDelay;

    @Option(names = "--balance", description = "VoIPBIN messages the account can pay for; every create after them is 402")
    private Long balance;

    @Option(names = "--read-limit", description = "Infobip report and log reads per minute above which the answer is 429")
    private Integer readLimit;

    @Option(names = "--webhook-secret", description = "the VoIPBIN account's webhook secret: pushes are signed with it")
    private String webhookSecret;

    private final SandboxSettings configured;
    private final Clock clock;
    private final JsonMapper json;
    private final ShutdownSignal shutdown;

    SandboxCommand(SandboxSettings configured, Clock clock, JsonMapper json, ShutdownSignal shutdown) {
        this.configured = configured;
        this.clock = clock;
        this.json = json;
        this.shutdown = shutdown;
    }

    @Override
    public Integer call() throws InterruptedException {
        SandboxSettings settings = new SandboxSettings(
                Optional.ofNullable(latency).map(DurationStyle.SIMPLE::parse).orElse(configured.latency()),
                Optional.ofNullable(statusStep).map(DurationStyle.SIMPLE::parse).orElse(configured.statusStep()),
                Optional.ofNullable(token).orElse(configured.token()),
                Optional.ofNullable(apiKey).orElse(configured.apiKey()),
                Optional.ofNullable(failureRate).orElse(configured.failureRate()),
                Optional.ofNullable(rateLimit).orElse(configured.rateLimit()),
                Optional.ofNullable(resetRate).orElse(configured.resetRate()),
                Optional.ofNullable(lostAnswerRate).orElse(configured.lostAnswerRate()),
                Optional.ofNullable(lateCreateRate).orElse(configured.lateCreateRate()),
                Optional.ofNullable(lateCreateDelay).map(DurationStyle.SIMPLE::parse).orElse(configured.lateCreateDelay()),
                Optional.ofNullable(balance).orElse(configured.balance()),
                Optional.ofNullable(readLimit).orElse(configured.readLimit()),
                Optional.ofNullable(webhookSecret).orElse(configured.webhookSecret()));
        SandboxServer server = new SandboxServer(port, settings, new SandboxStore(clock), json);
        spec.commandLine().getOut().printf("Sandbox provider on %s (statuses step every %s)%n", server.baseUrl(),
                describe(settings.statusStep()));
        server.types().stream().filter(type -> !type.equals(SandboxRelay.TYPE))
                .forEach(type -> spec.commandLine().getOut().printf("  %s base-url: %s%n", type, server.baseUrl(type)));
        spec.commandLine().getOut().printf("  smtp relay: host 127.0.0.1, port %d, security none (reject...@ refused 550,"
                + " bounce...@ bounced); its bounce mailbox: %s%n", server.relay().getSmtp().getPort(), server.relay().bounceMailbox());
        spec.commandLine().getOut().printf("  a recipient texting STOP: POST %s/sandbox/inbound"
                + " {\"source\": \"+15551230001\", \"text\": \"STOP\", \"webhook\": \"<the service's VoIPBIN webhook URL>\"}%n"
                + "Ctrl-C stops it.%n", server.baseUrl());
        spec.commandLine().getOut().flush();
        try {
            shutdown.awaitStop();
        }
        finally {
            server.close();
        }
        return ExitCodes.OK;
    }

    private static String describe(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
