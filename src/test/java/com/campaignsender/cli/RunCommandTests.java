package com.campaignsender.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.report.ReportSettings;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.system.ShutdownSignal;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run} as a user types it: its output, its report files and its exit codes. */
@SpringBootTest
// Its own database: runs of the same list and the suppression list are state the next class must not see.
@DirtiesContext
class RunCommandTests {

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

    private int run(String... args) {
        return terminal.run(args);
    }

    @Test
    void runsTheSampleJobReportsEveryRowAndRefusesToSendTheSameListTwice() throws IOException {
        assertThat(run("run", "jobs/welcome-email.yml")).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).contains("completed", "rows in: 56, accounted for: 56",
                "REJECTED 6  DELIVERED 48  BOUNCED 1  FAILED 1");
        String runId = terminal.out().replaceAll("(?s).*Run (\\d+) of welcome-email completed.*", "$1");
        Path report = reports.dir().resolve("welcome-email").resolve(runId);
        List<String> recipients = Files.readAllLines(report.resolve("recipients.csv"));
        assertThat(recipients).hasSize(1 + 56);
        assertThat(recipients.get(0)).isEqualTo(
                "row,address,state,provider,provider_message_id,provider_status,attempts,segments,error,updated_at");
        assertThat(recipients.get(15)).startsWith("15,not-an-address,REJECTED,").contains("invalid email address");
        assertThat(Files.readAllLines(report.resolve("rejected.csv"))).hasSize(1 + 6);
        assertThat(recipients).as("a row the provider did not deliver says why in words, with the provider's code")
                .anySatisfy(row -> assertThat(row).contains(",BOUNCED,").contains("refused the message for good (a hard bounce) (bounce)"))
                .anySatisfy(row -> assertThat(row).contains(",FAILED,").contains("VoIPBIN dropped the message").contains("(dropped)"));
        assertThat(terminal.out()).as("which rows, not only how many; the column's name kept, the row's values left out")
                .contains("rejected 2: invalid email address '…' (no @) in column 'email' (rows 15, 20)",
                        "rejected 2: duplicate of row … (rows 30, 35)",
                        "rejected 1: malformed row: … fields where the header has 6 (row 56)",
                "every rejected row and its reason: " + report.resolve("rejected.csv"));
        assertThat(Files.readString(report.resolve("summary.json"))).contains("\"rowsIn\" : 56", "\"rowsAccountedFor\" : 56");
        int created = sandbox.store().created(message -> true).size();

        terminal.clear();
        assertThat(run("run", "jobs/welcome-email.yml")).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).startsWith("Nothing to do: run " + runId + " already sent this list")
                .contains("nothing was sent");
        assertThat(sandbox.store().created(message -> true)).hasSize(created);
    }

    @ParameterizedTest
    @CsvSource({ "jobs/reminder-sms.yml, reminder-sms, samples/recipients/reminders.csv, 55",
            "jobs/newsletter-infobip.yml, newsletter-infobip, samples/recipients/newsletter.csv, 61" })
    void eachSampleJobReportsDeliveredBouncedOrExpiredFailedAndRejectedRows(String job, String campaign, String list,
            int rows) throws IOException {
        // The sample list plus a blank line: another file (so another run than other tests'), the same rows.
        Path copy = Files.writeString(dir.resolve("list.csv"), Files.readString(Path.of(list)) + "\n");
        assertThat(run("run", job, "--recipients", copy.toString())).as(terminal.err()).isEqualTo(ExitCodes.OK);
        String runId = terminal.out().replaceAll("(?s).*Run (\\d+) of " + campaign + " completed.*", "$1");
        List<String> lines = Files.readAllLines(reports.dir().resolve(campaign).resolve(runId).resolve("recipients.csv"));
        assertThat(lines).hasSize(1 + rows);
        List<String> states = lines.stream().skip(1).map(line -> line.split(",")[2]).distinct().toList();
        assertThat(states).contains("DELIVERED", "FAILED", "REJECTED").containsAnyOf("BOUNCED", "EXPIRED")
                .doesNotContain("PENDING", "SENDING", "ACCEPTED", "IN_DOUBT");
    }

    /** Through the sandbox's SMTP relay: its bounce...@ addresses bounce, read back from its bounce mailbox. */
    @Test
    void theSmtpSampleJobReportsAcceptedBouncedAndRejectedRows() throws IOException {
        // Addresses of their own: the hard bounces it reads are suppressed, and other tests send this list too.
        Path copy = Files.writeString(dir.resolve("list.csv"), Files.readString(Path.of("samples/recipients/newsletter.csv"))
                .replace("@example.", "@smtp-sample.example."));
        assertThat(run("run", "jobs/newsletter-smtp.yml", "--recipients", copy.toString())).as(terminal.err()).isEqualTo(ExitCodes.OK);
        String runId = terminal.out().replaceAll("(?s).*Run (\\d+) of newsletter-smtp completed.*", "$1");
        List<String> lines = Files.readAllLines(reports.dir().resolve("newsletter-smtp").resolve(runId).resolve("recipients.csv"));
        assertThat(lines).hasSize(1 + 61);
        assertThat(lines.stream().skip(1).map(line -> line.split(",")[2]).distinct().toList())
                .containsExactlyInAnyOrder("ACCEPTED", "BOUNCED", "REJECTED");
        assertThat(lines.get(61)).as("a local part that is not ASCII: the sandbox's relay announces SMTPUTF8")
                .startsWith("61,josé.lector61@smtp-sample.example.net,ACCEPTED,");
        assertThat(lines.stream().filter(line -> line.contains(",BOUNCED,")).toList())
                .allSatisfy(line -> assertThat(line).contains("bounce").contains("failed 5.1.1"));
    }

    @Test
    void aCopyOfTheListUnderAnotherNameIsTheSameRun() throws IOException {
        Path copy = Files.copy(Path.of("samples/recipients/reminders.csv"), dir.resolve("copy.csv"));
        assertThat(run("run", "jobs/reminder-sms.yml")).isEqualTo(ExitCodes.OK);
        terminal.clear();
        assertThat(run("run", "jobs/reminder-sms.yml", "--recipients", copy.toString())).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).startsWith("Nothing to do:");
    }

    @Test
    void refusesAnInvalidDefinitionWithExitCode2AndSendsNothing() throws IOException {
        Path job = Files.writeString(dir.resolve("bad.yml"), Files.readString(Path.of("jobs/welcome-email.yml"))
                .replace("channel: email", "channel: pigeon"));
        int created = sandbox.store().created(message -> true).size();

        assertThat(run("run", job.toString())).isEqualTo(ExitCodes.REFUSED);

        assertThat(terminal.err()).contains("Campaign refused, nothing sent:", job + ": channel: 'pigeon' is not one of email, sms");
        assertThat(sandbox.store().created(message -> true)).hasSize(created);
    }

    @Test
    void refusesAListWithoutAColumnTheTemplatesUse() throws IOException {
        Path list = Files.writeString(dir.resolve("list.csv"), "email,first_name\nann@example.com,Ann\n");

        assertThat(run("run", "jobs/welcome-email.yml", "--recipients", list.toString())).isEqualTo(ExitCodes.REFUSED);

        assertThat(terminal.err()).contains(list + ": the templates use 'last_name', which is not a column of the list");
    }

    @Test
    void refusesAMissingListAndBadUsage() {
        assertThat(run("run", "jobs/welcome-email.yml", "--recipients", "no/such.csv")).isEqualTo(ExitCodes.REFUSED);
        assertThat(terminal.err()).contains("no/such.csv: recipient list not found");
        assertThat(run("run")).isEqualTo(ExitCodes.REFUSED);
        assertThat(terminal.err()).contains("Missing required parameter: '<job.yml>'");
    }

    @Test
    void runsListsEveryRunWithItsStatesNewestFirst() {
        assertThat(run("run", "jobs/reminder-sms.yml", "--dry-run")).isEqualTo(ExitCodes.OK);
        assertThat(run("run", "jobs/reminder-sms.yml", "--dry-run")).as("a new dry run each time").isEqualTo(ExitCodes.OK);
        terminal.clear();

        assertThat(run("runs", "--campaign", "reminder-sms")).isEqualTo(ExitCodes.OK);

        assertThat(terminal.out()).contains("run   campaign", "reminder-sms", "completed*", "PENDING 51, REJECTED 4")
                .doesNotContain("welcome-email");
        List<Long> ids = terminal.out().lines().filter(line -> line.contains("reminder-sms"))
                .map(line -> Long.parseLong(line.strip().split("\\s+")[0])).toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(2).isSortedAccordingTo(Comparator.reverseOrder());
        // run, campaign, status, started (date and time), files: the same files, the same snapshot
        List<String> snapshots = terminal.out().lines().filter(line -> line.contains("reminder-sms"))
                .map(line -> line.strip().split("\\s+")[5]).distinct().toList();
        assertThat(snapshots).singleElement().satisfies(digest -> assertThat(digest).matches("[0-9a-f]{12}"));
    }

    @Test
    void reconcileOfARunThatDoesNotExist() {
        assertThat(run("reconcile", "9999")).isEqualTo(ExitCodes.REFUSED);
        assertThat(terminal.err()).contains("No run 9999");
    }

    @Test
    void leavesSpringPropertiesOnTheCommandLineToSpring() {
        CommandLineEntry entry = new CommandLineEntry(factory, new ShutdownSignal());
        entry.run("validate", "jobs/reminder-sms.yml", "--campaign.sandbox.latency=5ms");
        assertThat(entry.getExitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void validateChecksWithoutSending() {
        int created = sandbox.store().created(message -> true).size();
        assertThat(run("validate", "jobs/reminder-sms.yml")).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).contains("reminder-sms is valid (sms through voipbin)");
        assertThat(sandbox.store().created(message -> true)).hasSize(created);
    }
}
