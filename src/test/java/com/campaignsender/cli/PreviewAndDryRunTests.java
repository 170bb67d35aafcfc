package com.campaignsender.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.campaignsender.report.ReportSettings;
import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Looking before sending: {@code preview} and {@code run --dry-run} render and count, and send nothing. */
@SpringBootTest
// Its own database: runs of the same list and the suppression list are state the next class must not see.
@DirtiesContext
class PreviewAndDryRunTests {

    /** The sample's smtp account, pointed at a relay that is down. */
    @DynamicPropertySource
    static void relayDown(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        int port = closed;
        registry.add("campaign.providers.smtp.host", () -> "127.0.0.1");
        registry.add("campaign.providers.smtp.port", () -> port);
        registry.add("campaign.providers.smtp.security", () -> "none");
    }

    @Autowired
    private SpringCommandFactory factory;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private ReportSettings reports;

    @TempDir
    Path dir;

    private Terminal terminal;

    @BeforeEach
    void terminal() {
        terminal = new Terminal(factory);
    }

    private int command(String... args) {
        return terminal.run(args);
    }

    @Test
    void previewShowsTheFirstMessagesAndCountsTheSegmentsOfTheWholeList() throws IOException {
        Path list = Files.writeString(dir.resolve("list.csv"), "phone,first_name,service,date,time\n"
                + "(202) 555-1001,Ann,dental,2026-12-01,9:00\n"
                + "(202) 555-1002,Zoë Łukasiewicz-Brzęczyszczykiewicz,physiotherapy follow-up,2026-12-01,9:30\n"
                + "12345,Bob,eye,2026-12-01,10:00\n");

        assertThat(command("preview", "jobs/reminder-sms.yml", "--recipients", list.toString(), "--rows", "3",
                "--price-per-segment", "0.05")).isEqualTo(ExitCodes.OK);

        assertThat(terminal.out())
                .contains("Row 1 to +12025551001", "Hi Ann, a reminder of your dental appointment on 2026-12-01 at 9:00.",
                        "--- 1 segment(s), GSM_7, 104 characters counted ---")
                .contains("Row 2 to +12025551002", "--- 3 segment(s), UCS_2, 153 characters counted ---")
                .contains("Row 3 (12345): would be REJECTED: invalid phone number '12345' in column 'phone'")
                .contains("Whole list: 3 rows, 2 would be sent, 1 would be rejected")
                .contains("SMS segments: 4 in all, 2.00 per message.", "Estimated cost: 0.20");
        assertThat(sandbox.store().created(m -> m.to().equals("+12025551001"))).isEmpty();
    }

    /** A preview sends nothing: a relay that cannot be asked about an address is the row's reason, not a failure. */
    @Test
    void previewNamesARelayThatCannotBeAskedAsTheReasonARowWouldNotGo() throws IOException {
        Path list = Files.writeString(dir.resolve("list.csv"), "email;first_name;segment;headline;month\n"
                + "ann@example.net;Ann;student;News;December\n"
                + "José@example.net;José;student;News;December\n");

        assertThat(command("preview", "jobs/newsletter-smtp.yml", "--recipients", list.toString(), "--rows", "2"))
                .as(terminal.err()).isEqualTo(ExitCodes.OK);

        assertThat(terminal.out()).contains("Row 1 to ann@example.net")
                .contains("Row 2 (José@example.net): would be REJECTED: invalid email address 'José@example.net' (a local part"
                        + " that is not ASCII (RFC 6531), which cannot be known now: the relay of account 'smtp' could not be asked"
                        + " whether it carries addresses whose local part is not ASCII (SMTPUTF8): Connection refused)")
                .contains("Whole list: 2 rows, 1 would be sent, 1 would be rejected");
    }

    @Test
    void previewWritesMessagesToFiles() throws IOException {
        assertThat(command("preview", "jobs/welcome-email.yml", "--rows", "1", "--out", dir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(dir.resolve("row-1.subject.txt"))).isEqualTo("Welcome to Example News, Grace!\n");
        assertThat(Files.readString(dir.resolve("row-1.html"))).contains("<p>Hello Grace Thompson,</p>");
    }

    @Test
    void aDryRunReportsWhatWouldBeSentAndLeavesTheRealRunToCome() throws IOException {
        Path list = Files.copy(Path.of("samples/recipients/newsletter.csv"), dir.resolve("newsletter.csv"));
        int before = sandbox.store().created(m -> true).size();

        assertThat(command("run", "jobs/newsletter-infobip.yml", "--recipients", list.toString(), "--dry-run"))
                .isEqualTo(ExitCodes.OK);

        assertThat(terminal.out()).contains("Dry run", "nothing was sent", "rows in: 61, accounted for: 61",
                "PENDING 58  REJECTED 3");
        assertThat(sandbox.store().created(m -> true)).hasSize(before);
        String dryRunId = terminal.out().replaceAll("(?s).*Dry run (\\d+) of .*", "$1");
        List<String> lines = Files.readAllLines(reports.dir().resolve("newsletter-infobip").resolve(dryRunId)
                .resolve("recipients.csv"));
        assertThat(lines).hasSize(1 + 61);

        terminal.clear();
        assertThat(command("run", "jobs/newsletter-infobip.yml", "--recipients", list.toString())).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).startsWith("Run ").contains("DELIVERED 55");
        assertThat(sandbox.store().created(m -> true)).hasSize(before + 58);
    }
}
