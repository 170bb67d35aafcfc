package com.campaignsender.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.opencsv.CSVReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.operate.CampaignReconciliation;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/** The report files against the provider's own record: every final state, and every kind of disagreement. */
@SpringBootTest
// Its own database: the suppression list and the runs are state other classes must not see.
@DirtiesContext
class ReportTests {

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private CampaignReconciliation reconciliation;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private SuppressionList suppression;

    @Autowired
    private JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyFinalStateCountedAsTheProviderRecordsIt() throws Exception {
        suppression.add(List.of("suppressed@example.com"), SuppressionList.Reason.UNSUBSCRIBE, "test");
        Path job = job("every-state", "infobip", """
                email,name
                ann@example.com,Ann
                bounce.bob@example.com,Bob
                drop.cy@example.com,Cy
                expire.dee@example.com,Dee
                not-an-address,Eve
                suppressed@example.com,Sup
                fred@example.com,Fred
                """);

        RunOutcome outcome = runner.run(job, Optional.empty());

        assertThat(outcome.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        Path report = outcome.reportDirectory();
        JsonNode summary = json.readTree(report.resolve("summary.json").toFile());
        assertThat(summary.path("rowsIn").asInt()).isEqualTo(7);
        assertThat(summary.path("rowsAccountedFor").asInt()).isEqualTo(7);

        Map<DeliveryState, Integer> fromProvider = new EnumMap<>(DeliveryState.class);
        for (SandboxMessage message : sandbox.store().created(m -> m.id().startsWith("every-state-"))) {
            fromProvider.merge(switch (message.fate()) {
                case DELIVERED -> DeliveryState.DELIVERED;
                case BOUNCED -> DeliveryState.BOUNCED;
                case EXPIRED -> DeliveryState.EXPIRED;
                default -> DeliveryState.FAILED;
            }, 1, Integer::sum);
        }
        assertThat(fromProvider).containsExactlyInAnyOrderEntriesOf(Map.of(DeliveryState.DELIVERED, 2,
                DeliveryState.BOUNCED, 1, DeliveryState.FAILED, 1, DeliveryState.EXPIRED, 1));
        fromProvider.forEach((state, count) -> assertThat(summary.path("states").path(state.name()).asInt())
                .as(state.name()).isEqualTo(count));
        assertThat(summary.path("states").path("REJECTED").asInt()).isEqualTo(2);

        List<String[]> rows = csv(report.resolve("recipients.csv"));
        for (String[] row : rows) {
            if (!row[4].isEmpty()) {
                // Infobip's final status name, of the group its state was read from
                String group = switch (DeliveryState.valueOf(row[2])) {
                    case DELIVERED -> "DELIVERED_";
                    case BOUNCED -> "UNDELIVERABLE_";
                    case EXPIRED -> "EXPIRED_";
                    default -> "REJECTED_";
                };
                assertThat(row[5]).as("row %s's provider status", row[0]).startsWith(group);
            }
        }
        assertThat(rows.get(4)[2]).isEqualTo("REJECTED");
        assertThat(rows.get(5)[8]).startsWith("suppressed: unsubscribe (test, ");
        for (String[] row : rows) {
            if (List.of("BOUNCED", "FAILED", "EXPIRED").contains(row[2])) {
                assertThat(row[8]).as("row %s's reason: words, then the provider's code", row[0])
                        .matches("[A-Za-z].* \\(" + row[5] + "\\)");
            }
        }
        String page = Files.readString(report.resolve("report.html"));
        assertThat(page).contains("Every row is accounted for", "<svg", ">DELIVERED<", ">BOUNCED<", ">FAILED<", ">EXPIRED<",
                ">REJECTED<", "REJECTED: suppressed: unsubscribe (test, …)");
        assertThat(page).as("what to do, by class").contains("What to do next", "the address is suppressed now",
                "try again another day", "send rejected.csv as a new list");
        assertThat(page).as("the rows not delivered, listed").contains("Rows the provider did not deliver",
                "bounce.bob@example.com", "drop.cy@example.com", "expire.dee@example.com");
        assertThat(page).as("the files beside it, linked").contains("<a href=\"recipients.csv\">",
                "<a href=\"rejected.csv\">", "<a href=\"discrepancies.csv\">", "<a href=\"summary.json\">");
    }

    /** SPEC section 22: reasons are counted without the row's own values, and keep every other word as written. */
    @Test
    void reasonGroupsLeaveOutTheRowsOwnValuesAndKeepTheirWords() throws Exception {
        Path job = job("reason-groups", "voipbin", """
                email,name
                c@(Chris's host.)public.example,Chris
                o'brien@@example.com,Ob
                ann@example.com,
                ann@example.com,Ann again
                """);

        RunOutcome outcome = runner.run(job, Optional.empty());

        List<String[]> rows = csv(outcome.reportDirectory().resolve("recipients.csv"));
        assertThat(rows.get(0)[8]).isEqualTo(
                "invalid email address 'c@(Chris's host.)public.example' (a comment in brackets) in column 'email'");
        assertThat(rows.get(3)[8]).isEqualTo("duplicate of row 3");
        JsonNode reasons = json.readTree(outcome.reportDirectory().resolve("summary.json").toFile()).path("topRejectReasons");
        assertThat(reasons.path("invalid email address '…' (a comment in brackets) in column 'email'").asInt()).isEqualTo(1);
        assertThat(reasons.path("invalid email address '…' (more than one @) in column 'email'").asInt()).isEqualTo(1);
        assertThat(reasons.path("duplicate of row …").asInt()).isEqualTo(1);
        assertThat(reasons.propertyNames()).as("the template's error keeps its file and variable")
                .anySatisfy(reason -> assertThat(reason).contains("subject.ftl line 1", "variable 'name' is missing"))
                .hasSize(4);
    }

    /**
     * SPEC section 23: an internationalised domain is one address however it is written, and goes
     * out in A-labels; an address as a mail client exports it is sent to its address.
     */
    @Test
    void internationalAndNamedAddressesAreSentAsProvidersTakeThem() throws Exception {
        Path job = job("international", "voipbin", """
                email,name
                test@Bücher.ch,Unicode
                test@xn--bcher-kva.ch,A-labels
                Joe A Smith <joe.named@example.com>,Joe
                Pelé@example.com,Pele
                """);

        RunOutcome outcome = runner.run(job, Optional.empty());

        List<String[]> rows = csv(outcome.reportDirectory().resolve("recipients.csv"));
        assertThat(rows.get(0)[1]).isEqualTo("test@bücher.ch");
        assertThat(rows.get(0)[2]).isEqualTo("DELIVERED");
        assertThat(rows.get(1)[8]).isEqualTo("duplicate of row 1");
        assertThat(rows.get(2)[2]).isEqualTo("DELIVERED");
        assertThat(rows.get(3)[8]).contains("a local part that is not ASCII (RFC 6531), which account 'voipbin' (voipbin) does"
                + " not carry; an SMTP relay that announces SMTPUTF8 does");
        assertThat(sandbox.store().created(message -> message.to().contains("bcher") || message.to().startsWith("joe.named@")))
                .as("once each, the domain in A-labels").extracting(SandboxMessage::to)
                .containsExactlyInAnyOrder("test@xn--bcher-kva.ch", "joe.named@example.com");
    }

    /** The list's own column names reach rejected.csv: a header that is a formula is opened as text. */
    @Test
    void rejectedCsvsHeaderIsFormulaSafe() throws Exception {
        Path job = job("formula-header", "voipbin", """
                email,name,=2+5,@SUM(A1)
                not-an-address,Ann,x,y
                """);

        RunOutcome outcome = runner.run(job, Optional.empty());

        String header = Files.readAllLines(outcome.reportDirectory().resolve("rejected.csv")).get(0);
        assertThat(header.split(",")).containsExactly("row", "reason", "email", "name", "'=2+5", "'@SUM(A1)");
    }

    @Test
    void reportsWhatTheProviderHasBehindTheLedgersBack() throws Exception {
        Path job = job("discrepancy", "voipbin", """
                email,name
                ann@example.com,Ann
                bob@example.com,Bob
                cy@example.com,Cy
                not-an-address@,Dee
                """);
        RunOutcome outcome = runner.run(job, Optional.empty());
        assertThat(outcome.summary().discrepancies()).containsEntry("DUPLICATE", 0L).containsEntry("UNKNOWN_TO_US", 0L)
                .containsEntry("UNKNOWN_AT_PROVIDER", 0L);

        createBehindTheLedgersBack("ann@example.com");
        createBehindTheLedgersBack("not-an-address@");
        jdbc.update("UPDATE recipient SET provider_message_id = 'lost-id', seen_at = NULL WHERE run_id = ? AND row_no = 3",
                outcome.run().id());

        RunOutcome reconciled = reconciliation.reconcile(outcome.run().id());

        // Row 3's recorded id was lost: its id is unknown to the provider, and its real message is not ours.
        assertThat(reconciled.summary().discrepancies()).containsEntry("DUPLICATE", 2L).containsEntry("UNKNOWN_TO_US", 1L)
                .containsEntry("UNKNOWN_AT_PROVIDER", 1L);
        List<String[]> discrepancies = csv(reconciled.reportDirectory().resolve("discrepancies.csv"));
        assertThat(discrepancies).extracting(row -> row[0] + " " + row[1] + " " + row[2]).containsExactly(
                "1 ann@example.com DUPLICATE", "3 cy@example.com DUPLICATE", "3 cy@example.com UNKNOWN_AT_PROVIDER",
                "4 not-an-address@ UNKNOWN_TO_US");
        assertThat(Files.readString(reconciled.reportDirectory().resolve("report.html")))
                .contains("more than one message for one recipient", "accepted by us, unknown to the provider");
    }

    /** A message the run did not send: as if someone used the account by hand. */
    private void createBehindTheLedgersBack(String to) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl("voipbin") + "/emails")).POST(HttpRequest.BodyPublishers.ofString("""
                        {"destinations": [{"type": "email", "target": "%s"}], "subject": "By hand", "content": "Hi"}"""
                        .formatted(to))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private Path job(String name, String provider, String list) throws IOException {
        Files.writeString(dir.resolve(name + ".csv"), list);
        Files.writeString(dir.resolve("subject.ftl"), "Hello ${name}");
        Files.writeString(dir.resolve("body.html.ftl"), "<p>Hello ${name}</p>");
        return Files.writeString(dir.resolve(name + ".yml"), String.join("\n", List.of(
                "name: " + name,
                "channel: email",
                "provider: " + provider,
                "sender: { address: news@example.com }",
                "recipients: { file: " + name + ".csv }",
                "template: { subject: subject.ftl, html: body.html.ftl }",
                "reconcile: { poll-interval: 100ms, timeout: 30s }")));
    }

    private static List<String[]> csv(Path file) throws Exception {
        try (CSVReader reader = new CSVReader(Files.newBufferedReader(file))) {
            reader.skip(1);
            return reader.readAll();
        }
    }
}
