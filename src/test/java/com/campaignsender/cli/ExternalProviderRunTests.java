package com.campaignsender.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.campaignsender.report.ReportSettings;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.sandbox.SandboxSettings;
import com.campaignsender.sandbox.SandboxStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application pointed at a provider URL of the user's choosing (here a separate simulator
 * that demands a token): the token travels as a query parameter and appears in no output or
 * report file.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class ExternalProviderRunTests {

    private static final String TOKEN = "tok-7f3a9c1e5b";
    private static final SandboxServer PROVIDER = new SandboxServer(0,
            new SandboxSettings(Duration.ZERO, Duration.ofMillis(50), TOKEN, null, 0, 0, 0, 0, 0, Duration.ofSeconds(1), null, 0, null), new SandboxStore(Clock.systemUTC()),
            JsonMapper.builder().build());

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("campaign.providers.voipbin.base-url", () -> PROVIDER.baseUrl("voipbin").toString());
        registry.add("campaign.providers.voipbin.token", () -> TOKEN);
        // A stand-in for VoIPBIN: paced by the campaign's limits.rate, not VoIPBIN's documented 16/s.
        registry.add("campaign.providers.voipbin.rate", () -> "unlimited");
    }

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    @Autowired
    private SpringCommandFactory factory;

    @Autowired
    private ReportSettings reports;

    @Test
    void sendsWithTheTokenAndNeverPrintsIt(CapturedOutput output) throws IOException {
        Terminal terminal = new Terminal(factory);

        int exit = terminal.run("run", "jobs/reminder-sms.yml");

        assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(PROVIDER.store().created(message -> true)).hasSize(51);
        assertThat(terminal.out() + terminal.err() + output).doesNotContain(TOKEN);
        try (Stream<Path> files = Files.walk(reports.dir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(TOKEN);
            }
        }
    }
}
