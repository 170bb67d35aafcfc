package com.campaignsender.send;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.campaignsender.definition.RunIdentity;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerLine;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample campaigns through the whole job (validate, load, send, reconcile, report) against
 * the in-process sandbox over HTTP: every row of the list ends in the state its address calls
 * for, and the sandbox holds exactly one message per sendable row.
 */
@SpringBatchTest
@SpringBootTest
class CampaignJobTests {

    @TempDir
    private Path dir;

    @Autowired
    private JobOperatorTestUtils jobOperator;

    @Autowired
    private CampaignRuns runs;

    @Autowired
    private LedgerReadings ledger;

    @Autowired
    private SandboxServer sandbox;

    /** A finished job. (A test helper returning a JobExecution would be taken by @SpringBatchTest for its scopes.) */
    private record Finished(BatchStatus status, long runId) {
    }

    private Finished run(String job, String list) throws Exception {
        Path definition = Path.of(job);
        Path recipients = Path.of(list);
        CampaignRun run = runs.findOrCreate(RunIdentity.of(Path.of(job).getFileName().toString(), recipients), definition,
                recipients, List.of());
        JobExecution execution = jobOperator.startJob(RunParameters.jobParameters(run, definition, recipients));
        return new Finished(execution.getStatus(), run.id());
    }

    private Map<Integer, LedgerLine> ledgerOf(Finished execution) {
        Map<Integer, LedgerLine> rows = new HashMap<>();
        ledger.forEachRow(execution.runId(), line -> rows.put(line.row(), line));
        return rows;
    }

    @Test
    void welcomeEmailEndsEveryRowInItsFinalState() throws Exception {
        Finished execution = run("jobs/welcome-email.yml", "samples/recipients/welcome.csv");

        assertThat(execution.status()).isEqualTo(BatchStatus.COMPLETED);
        Map<Integer, LedgerLine> rows = ledgerOf(execution);
        assertThat(rows).hasSize(56);
        Map<Integer, String> rejected = Map.of(
                15, "invalid email address 'not-an-address' (no @) in column 'email'",
                20, "invalid email address 'missing-at.example.com' (no @) in column 'email'",
                25, "no address in column 'email'",
                30, "duplicate of row 3",
                35, "duplicate of row 8",
                56, "malformed row: 3 fields where the header has 6");
        for (LedgerLine line : rows.values()) {
            DeliveryState expected = rejected.containsKey(line.row()) ? DeliveryState.REJECTED
                    : line.row() == 5 ? DeliveryState.BOUNCED
                    : line.row() == 10 ? DeliveryState.FAILED
                    : DeliveryState.DELIVERED;
            assertThat(line.state()).as("row %d (%s)", line.row(), line.address()).isEqualTo(expected);
            if (expected == DeliveryState.REJECTED) {
                assertThat(line.error()).isEqualTo(rejected.get(line.row()));
            }
        }
        assertSandboxHoldsOneMessagePerSentRow(rows, "VOIPBIN_EMAIL");
        SandboxMessage first = sandboxMessage(rows.get(1).providerMessageId());
        assertThat(first.subject()).isEqualTo("Welcome to Example News, Grace!");
        assertThat(first.content()).contains("Hello Grace Thompson,", "<strong>Plus</strong> plan from Utrecht");
        assertThat(runs.find(execution.runId())).get()
                .satisfies(run -> {
                    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
                    assertThat(run.rowsIn()).contains(56);
                });
    }

    @Test
    void reminderSmsEndsEveryRowInItsFinalState() throws Exception {
        Finished execution = run("jobs/reminder-sms.yml", "samples/recipients/reminders.csv");

        assertThat(execution.status()).isEqualTo(BatchStatus.COMPLETED);
        Map<Integer, LedgerLine> rows = ledgerOf(execution);
        assertThat(rows).hasSize(55);
        Map<Integer, DeliveryState> special = Map.of(5, DeliveryState.FAILED, 11, DeliveryState.EXPIRED,
                15, DeliveryState.REJECTED, 20, DeliveryState.REJECTED, 30, DeliveryState.REJECTED,
                40, DeliveryState.REJECTED);
        for (LedgerLine line : rows.values()) {
            assertThat(line.state()).as("row %d (%s)", line.row(), line.address())
                    .isEqualTo(special.getOrDefault(line.row(), DeliveryState.DELIVERED));
        }
        assertThat(rows.get(1).address()).isEqualTo("+12025551001");
        assertThat(rows.get(1).segments()).isEqualTo(1);
        assertThat(rows.get(30).error()).isEqualTo("duplicate of row 3");
        assertThat(rows.get(15).error()).isEqualTo("invalid phone number '12345' in column 'phone'");
        assertSandboxHoldsOneMessagePerSentRow(rows, "VOIPBIN_SMS");
        assertThat(sandboxMessage(rows.get(1).providerMessageId()).content())
                .isEqualTo("Hi Grace, a reminder of your eye appointment on 2026-12-02 at 10:30. Reply C to cancel. - Example Clinic");
    }

    @Test
    void newsletterThroughInfobipCarriesItsAttachmentAndReachesEveryFinalState() throws Exception {
        Finished execution = run("jobs/newsletter-infobip.yml", "samples/recipients/newsletter.csv");

        assertThat(execution.status()).isEqualTo(BatchStatus.COMPLETED);
        Map<Integer, LedgerLine> rows = ledgerOf(execution);
        assertThat(rows).hasSize(61);
        Map<Integer, DeliveryState> special = Map.of(3, DeliveryState.BOUNCED, 7, DeliveryState.BOUNCED,
                12, DeliveryState.FAILED, 17, DeliveryState.REJECTED, 22, DeliveryState.REJECTED, 61, DeliveryState.REJECTED);
        for (LedgerLine line : rows.values()) {
            assertThat(line.state()).as("row %d (%s)", line.row(), line.address())
                    .isEqualTo(special.getOrDefault(line.row(), DeliveryState.DELIVERED));
        }
        assertThat(rows.get(22).error()).isEqualTo("duplicate of row 1");
        assertThat(rows.get(61).error()).as("Infobip takes no address whose local part is not ASCII")
                .contains("which account 'infobip' (infobip) does not carry");
        assertThat(rows.get(3).providerStatus()).isEqualTo("UNDELIVERABLE_REJECTED_OPERATOR");
        assertThat(rows.get(1).providerMessageId()).isEqualTo("newsletter-infobip-" + execution.runId() + "-1");
        assertSandboxHoldsOneMessagePerSentRow(rows, "INFOBIP_EMAIL");

        SandboxMessage mallory = sandboxMessage(rows.get(27).providerMessageId());
        assertThat(mallory.from()).isEqualTo("Example News <news@example.com>");
        assertThat(mallory.content()).contains("Dear &lt;b&gt;Mallory&lt;/b&gt; &amp; co,");
        assertThat(mallory.fields().get("text").get(0)).contains("Dear <b>Mallory</b> & co,");
        assertThat(mallory.fields().get("bcc")).containsExactly("archive@example.com");
        assertThat(mallory.fields().get("attachment")).containsExactly("guide.pdf");
        assertThat(mallory.fields().get("track")).containsExactly("true");
        assertThat(mallory.fields().get("trackClicks")).containsExactly("false");
    }

    @Test
    void aLongListSendsWhileItLoadsAndEachRowOnce() throws Exception {
        // 20,000 rows and, last, row 2's address again: the first messages go out long before the
        // load reaches the end, and the late duplicate is still caught.
        Path job = GeneratedCampaign.write(dir, "long-list", "reader", "long-list.example.com", 20_000,
                "{ rate: 1000000/s, burst: 1000, concurrency: 16, chunk: 500 }", "{ poll-interval: 1s, timeout: 1m }");
        Files.writeString(dir.resolve("long-list.csv"), "reader2@long-list.example.com,Reader 2 again\n", StandardOpenOption.APPEND);
        Path list = dir.resolve("long-list.csv");
        CampaignRun run = runs.findOrCreate(RunIdentity.of("long-list.yml", list), job, list, List.of());

        JobExecution execution = jobOperator.startJob(RunParameters.jobParameters(run, job, list));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<Integer, LedgerLine> rows = ledgerOf(new Finished(execution.getStatus(), run.id()));
        assertThat(rows).hasSize(20_001);
        assertThat(rows.get(20_001).error()).isEqualTo("duplicate of row 2");
        assertThat(rows.values().stream().filter(line -> line.state() == DeliveryState.DELIVERED).count()).isEqualTo(20_000);
        assertSandboxHoldsOneMessagePerSentRow(rows, "VOIPBIN_EMAIL");
        Instant loaded = execution.getStepExecutions().stream().filter(step -> step.getStepName().equals("loadStep"))
                .map(step -> step.getEndTime().atZone(ZoneId.systemDefault()).toInstant()).findFirst().orElseThrow();
        Instant firstSent = rows.values().stream().map(LedgerLine::sentAt).filter(Objects::nonNull).min(Instant::compareTo).orElseThrow();
        assertThat(firstSent).as("the first message, sent before the load ended at %s", loaded).isBefore(loaded);
    }

    private void assertSandboxHoldsOneMessagePerSentRow(Map<Integer, LedgerLine> rows, String kind) {
        Map<String, LedgerLine> sent = rows.values().stream().filter(line -> line.providerMessageId() != null)
                .collect(Collectors.toMap(LedgerLine::providerMessageId, Function.identity()));
        List<SandboxMessage> created = sandbox.store().created(message -> sent.containsKey(message.id()));
        assertThat(created).hasSameSizeAs(sent.values());
        assertThat(sent.size()).isEqualTo(rows.values().stream().filter(line -> line.state() != DeliveryState.REJECTED).count());
        created.forEach(message -> assertThat(message.to()).isEqualTo(sent.get(message.id()).address()));
        assertThat(created.stream().map(SandboxMessage::to).distinct().count()).isEqualTo(created.size());
        assertThat(created).allMatch(message -> message.kind().equals(kind));
    }

    private SandboxMessage sandboxMessage(String id) {
        return sandbox.store().created(message -> message.id().equals(id)).get(0);
    }
}
