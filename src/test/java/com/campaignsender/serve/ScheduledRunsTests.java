package com.campaignsender.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/** A cron firing every two seconds and a slow provider: firings overlap, the campaign never runs twice at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.sandbox.latency=40ms", "campaign.server.schedule-poll=200ms" })
// Its own database, web server and jobs folder.
@DirtiesContext
class ScheduledRunsTests {

    private static final Path DIR = temporaryFolder();

    @DynamicPropertySource
    static void jobs(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(DIR.resolve("jobs"));
        StringBuilder list = new StringBuilder("email,first_name,last_name,plan,city,start_date\n");
        for (int row = 1; row <= 200; row++) {
            list.append("cron").append(row).append("@example.com,R,N,Plus,Delft,2027-01-01\n");
        }
        Files.writeString(DIR.resolve("list.csv"), list);
        Files.writeString(DIR.resolve("jobs/every-two-seconds.yml"), """
                name: every-two-seconds
                channel: email
                provider: voipbin
                sender: { address: news@example.com }
                recipients: { file: %s }
                template: { subject: %s, html: %s }
                schedule: { cron: "*/2 * * * * *", zone: UTC, grace: 1m }
                limits: { rate: 100/s, burst: 10, concurrency: 2, chunk: 20 }
                reconcile: { poll-interval: 100ms, timeout: 30s }
                """.formatted(DIR.resolve("list.csv"), Path.of("samples/templates/welcome/subject.ftl").toAbsolutePath(),
                Path.of("samples/templates/welcome/body.html.ftl").toAbsolutePath()));
        registry.add("campaign.server.jobs-dir", () -> DIR.resolve("jobs").toString());
    }

    @Autowired
    private CampaignRuns runs;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void overlappingFiringsNeverSendTwice() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (jdbc.queryForObject("SELECT COUNT(*) FROM schedule_firing", Integer.class) < 4
                || runs.list(Optional.of("every-two-seconds")).stream().anyMatch(run -> run.finishedAt().isEmpty())) {
            assertThat(Instant.now()).as("four firings and a finished run within a minute").isBefore(deadline);
            Thread.sleep(100);
        }

        assertThat(runs.list(Optional.of("every-two-seconds"))).singleElement()
                .satisfies(run -> assertThat(run.rowsIn()).contains(200));
        Map<String, Long> perRecipient = sandbox.store().created(message -> message.to().startsWith("cron")).stream()
                .collect(Collectors.groupingBy(SandboxMessage::to, Collectors.counting()));
        assertThat(perRecipient).hasSize(200);
        assertThat(perRecipient.values()).allMatch(count -> count == 1);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("schedule-test");
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
