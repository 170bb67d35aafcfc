package com.campaignsender.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.report.ReportSettings;
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Each case of samples/bad, as a user meets it (samples/bad/README.md lists them). */
@SpringBootTest
// Its own database: runs of the same list and the suppression list are state the next class must not see.
@DirtiesContext
class BadSamplesTests {

    @Autowired
    private SpringCommandFactory factory;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private ReportSettings reports;

    private Terminal terminal;

    @BeforeEach
    void terminal() {
        terminal = new Terminal(factory);
    }

    private int command(String... args) {
        return terminal.run(args);
    }

    private static String job(String sample) {
        return "samples/bad/" + sample + "/job.yml";
    }

    @Nested
    class RefusedBeforeSending {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "missing-address-column | list.csv: no column 'email' (recipients.address-column) in header [mail, first_name, plan]",
                "template-syntax-error  | body.html.ftl line 3, column 29: Unexpected end of file reached. You have an unclosed #if.",
                "unknown-variable       | list.csv: the templates use 'coupon_code', which is not a column of the list (columns: email, first_name, plan)",
                "not-utf8               | list.csv line 3: not UTF-8 text; save the list as UTF-8",
                "empty-file             | list.csv is empty: a recipient list starts with a header row",
                "unterminated-quote     | list.csv line 3: a quote opens a field and is never closed",
                "send-window-bad-hour   | job.yml: send-window.from: '25:00' is not a time of day like \"09:00\" (00:00 to 23:59)",
                "send-window-unknown-zone | job.yml: send-window.zone: 'Europe/Amstredam' is not a time zone like Europe/Amsterdam",
                "unsubscribe-without-public-url | job.yml: unsubscribe: true needs campaign.server.public-url, the address recipients reach this service at",
                "unsubscribe-link-missing | body.html.ftl: does not use ${unsubscribe_url}, which" })
        void withTheFileAndTheReason(String sample, String message) {
            int created = sandbox.store().created(m -> true).size();

            assertThat(command("run", job(sample))).isEqualTo(ExitCodes.REFUSED);

            assertThat(terminal.err()).contains("Campaign refused, nothing sent:", "samples/bad/" + sample + "/", message);
            assertThat(sandbox.store().created(m -> true)).hasSize(created);
        }

        @Test
        void aDefinitionWithEveryFieldProblemAtOnce() {
            assertThat(command("validate", job("bad-definition"))).isEqualTo(ExitCodes.REFUSED);
            assertThat(terminal.err()).contains(
                    "job.yml: name: 'Bad Definition' may hold only a-z, 0-9 and '-'",
                    "job.yml: recipients.adress-column: unknown field",
                    "job.yml: limits.rate: 'lots' is not a rate like 50/s, 3000/m or 100000/h",
                    "job.yml: limits.concurrency: must be at least 1, was 0");
        }
    }

    @Nested
    class RowsRejectedAndTheRunGoesOn {

        @Test
        void invalidAddresses() throws Exception {
            Ran ran = run("invalid-addresses");
            assertThat(ran.rejected()).containsExactly(
                    Map.entry(2, "invalid email address 'not-an-address' (no @) in column 'email'"),
                    Map.entry(3, "invalid email address 'bob@@example.com' (more than one @) in column 'email'"),
                    Map.entry(4, "invalid email address 'cy@example' (a domain that is not a domain name) in column 'email'"),
                    Map.entry(5, "no address in column 'email'"));
            assertThat(ran.sent()).containsExactly("ann@example.com");
        }

        @Test
        void duplicatesOnceNormalised() throws Exception {
            Ran ran = run("duplicates");
            assertThat(ran.rejected()).containsExactly(
                    Map.entry(2, "duplicate of row 1"), Map.entry(4, "duplicate of row 3"));
            assertThat(ran.sent()).containsExactlyInAnyOrder("ann@example.com", "bob@example.com");
        }

        @Test
        void raggedRows() throws Exception {
            Ran ran = run("ragged-rows");
            assertThat(ran.rejected()).containsExactly(
                    Map.entry(2, "malformed row: 2 fields where the header has 3"),
                    Map.entry(3, "malformed row: 4 fields where the header has 3"));
            assertThat(ran.sent()).containsExactlyInAnyOrder("ann@example.com", "dee@example.com");
        }

        @Test
        void anAddressLongerThanTheLedgerHolds() throws Exception {
            Ran ran = run("long-address");
            assertThat(ran.rejected()).containsExactly(Map.entry(2, "address longer than 320 characters in column 'email'"));
            assertThat(ran.sent()).containsExactlyInAnyOrder("ann@example.com", "dee@example.com");
        }

        @Test
        void anEmptyCellATemplateNeeds() throws Exception {
            Ran ran = run("empty-cell");
            assertThat(ran.rejected()).containsOnlyKeys(2);
            assertThat(ran.rejected().get(2)).contains("line 1: variable 'first_name' is missing (an empty cell)");
            assertThat(ran.sent()).containsExactly("ann@example.com");
        }

        @Test
        void invalidPhoneNumbers() throws Exception {
            Ran ran = run("bad-phone-numbers");
            assertThat(ran.rejected()).containsExactly(
                    Map.entry(2, "invalid phone number '12345' in column 'phone'"),
                    Map.entry(3, "invalid phone number 'call me' in column 'phone'"),
                    Map.entry(5, "invalid phone number '+1 999 555 0100' in column 'phone'"));
            assertThat(ran.sent()).containsExactlyInAnyOrder("+12025551001", "+442079460958");
        }

        @Test
        void aTemplateThatReachesForJavaRunsNothingAndSendsNothing() throws Exception {
            Ran ran = run("template-reaches-java");
            assertThat(ran.rejected()).containsOnlyKeys(1, 2);
            assertThat(ran.rejected().get(1)).contains("body.html.ftl line 1", "security reasons");
            assertThat(ran.sent()).isEmpty();
        }
    }

    @Test
    void recipientDataCannotInjectHtml() throws Exception {
        Ran ran = run("html-injection");
        assertThat(ran.rejected()).isEmpty();
        SandboxMessage message = sandbox.store().created(m -> m.subject().contains("alert")).get(0);
        assertThat(message.content()).isEqualTo("<p>Dear &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;, your plan is "
                + "&lt;a href=&quot;http://evil.example&quot;&gt;Plus&lt;/a&gt;.</p>\n");
    }

    @Test
    void backslashesAreSentAsTheListHasThem() throws Exception {
        Ran ran = run("backslashes");
        assertThat(ran.rejected()).isEmpty();
        assertThat(ran.sent()).containsExactlyInAnyOrder("ann@example.com", "bob@example.com", "cy@example.com");
        assertThat(sandbox.store().created(m -> m.to().equals("ann@example.com")).get(0).content())
                .isEqualTo("<p>Dear Ann, your files are at Share, \\\\fileserver\\ann\\.</p>\n");
        assertThat(sandbox.store().created(m -> m.to().equals("bob@example.com")).get(0).content())
                .isEqualTo("<p>Dear Bob, your files are at C:\\Users\\bob\\.</p>\n");
        assertThat(sandbox.store().created(m -> m.to().equals("cy@example.com")).get(0).content())
                .isEqualTo("<p>Dear Cy &quot;the \\\\ one&quot;, your files are at \\\\nas\\cy.</p>\n");
    }

    /** A sample's run: its rejected rows (row number to reason, in row order) and the addresses it sent to. */
    private record Ran(Map<Integer, String> rejected, List<String> sent) {
    }

    private Ran run(String sample) throws IOException, CsvException {
        int before = sandbox.store().created(m -> true).size();
        assertThat(command("run", job(sample))).as(() -> terminal.err() + terminal.out()).isEqualTo(ExitCodes.OK);
        List<String> sent = sandbox.store().created(m -> true).stream().skip(before).map(SandboxMessage::to).toList();
        String runId = terminal.out().replaceAll("(?s).*Run (\\d+) of bad-" + sample + " completed.*", "$1");
        Path report = reports.dir().resolve("bad-" + sample).resolve(runId);
        Map<Integer, String> rejected = new LinkedHashMap<>();
        try (CSVReader reader = new CSVReaderBuilder(Files.newBufferedReader(report.resolve("rejected.csv")))
                .withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            reader.skip(1);
            for (String[] row : reader) {
                rejected.put(Integer.parseInt(row[0]), row[1]);
            }
        }
        List<String> recipients = Files.readAllLines(report.resolve("recipients.csv"));
        assertThat(recipients.stream().skip(1).filter(line -> line.contains(",REJECTED,"))).hasSize(rejected.size());
        return new Ran(rejected, sent);
    }
}
