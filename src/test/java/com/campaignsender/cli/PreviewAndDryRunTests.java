package com.campaignsender.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.report.ReportSettings;
import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Looking before sending: {@code preview} and {@code run --dry-run} render and count, and send nothing. */
@SpringBootTest
// Its own database: runs of the same list and the suppression list are state the next class must not see.
@DirtiesContext
class PreviewAndDryRunTests {

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
