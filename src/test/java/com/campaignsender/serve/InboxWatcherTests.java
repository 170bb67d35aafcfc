package com.campaignsender.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.operate.RunControls;
import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists dropped into a campaign's inbox folder, as a file transfer or a person drops them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.inbox-settle=400ms", "campaign.server.inbox-poll=100ms" })
// Its own database, web server and jobs folder.
@DirtiesContext
class InboxWatcherTests {

    private static final Path DIR = temporaryFolder();
    private static final Path INBOX = DIR.resolve("inbox");
    private static final Path REVIEWED_INBOX = DIR.resolve("inbox-reviewed");

    @DynamicPropertySource
    static void jobs(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(DIR.resolve("jobs"));
        campaign("inbox-email", INBOX, "");
        campaign("inbox-reviewed", REVIEWED_INBOX, "review: true\n");
        registry.add("campaign.server.jobs-dir", () -> DIR.resolve("jobs").toString());
    }

    /** A welcome email campaign reading its lists from {@code inbox}; {@code more}: definition lines of its own. */
    private static void campaign(String name, Path inbox, String more) throws IOException {
        Files.createDirectories(inbox);
        Files.writeString(DIR.resolve("jobs/" + name + ".yml"), """
                name: %s
                channel: email
                provider: voipbin
                sender: { address: news@example.com }
                recipients: { inbox: %s }
                template: { subject: %s, html: %s }
                reconcile: { poll-interval: 100ms, timeout: 30s }
                """.formatted(name, inbox, Path.of("samples/templates/welcome/subject.ftl").toAbsolutePath(),
                Path.of("samples/templates/welcome/body.html.ftl").toAbsolutePath()) + more);
    }

    @Autowired
    private CampaignRuns runs;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private ServedRunControls controls;

    @Test
    void takesAFileOnlyOnceItIsCompleteAndOnlyOnce() throws Exception {
        Path file = INBOX.resolve("december.csv");
        String list = Files.readString(Path.of("samples/recipients/welcome.csv"));
        byte[] bytes = list.getBytes();
        try (OutputStream out = Files.newOutputStream(file)) {
            // A slow writer: a piece every 150 ms for about two seconds, each well within the 400 ms to settle.
            for (int at = 0; at < bytes.length; at += bytes.length / 14) {
                out.write(bytes, at, Math.min(bytes.length / 14, bytes.length - at));
                out.flush();
                Thread.sleep(150);
                assertThat(runs.list(Optional.of("inbox-email"))).as("a half-written file is not taken").isEmpty();
            }
        }

        await(() -> Files.exists(INBOX.resolve("processed/december.csv")), Duration.ofSeconds(30));

        assertThat(file).doesNotExist();
        assertThat(runs.list(Optional.of("inbox-email"))).singleElement()
                .satisfies(run -> assertThat(run.rowsIn()).contains(56));
        int sent = sandbox.store().created(message -> true).size();

        Files.copy(INBOX.resolve("processed/december.csv"), INBOX.resolve("december-again.csv"));
        await(() -> Files.exists(INBOX.resolve("processed/december-again.csv")), Duration.ofSeconds(30));
        assertThat(runs.list(Optional.of("inbox-email"))).as("the same list is not sent twice").hasSize(1);
        assertThat(sandbox.store().created(message -> true)).hasSize(sent);
    }

    /** SPEC section 22: a campaign with review: true takes an inbox file as a READY run, and sends it at its Send only. */
    @Test
    void aFileOfACampaignUnderReviewWaitsReadyUntilItsSend() throws Exception {
        Files.writeString(REVIEWED_INBOX.resolve("march.csv.part"), "email,first_name,last_name,plan,city,start_date\n"
                + "ann@reviewed.example.com,Ann,Lee,Plus,Delft,2026-12-02\nbo@reviewed.example.com,Bo,Lee,Plus,Delft,2026-12-02\n");
        Files.move(REVIEWED_INBOX.resolve("march.csv.part"), REVIEWED_INBOX.resolve("march.csv"));

        await(() -> runs.list(Optional.of("inbox-reviewed")).stream().anyMatch(run -> run.status() == RunStatus.READY),
                Duration.ofSeconds(30));
        long runId = runs.list(Optional.of("inbox-reviewed")).get(0).id();
        assertThat(REVIEWED_INBOX.resolve("processing/march.csv")).as("waits in processing/ for its Send").exists();
        assertThat(sandbox.store().created(message -> message.to().endsWith("@reviewed.example.com"))).isEmpty();

        assertThat(controls.ask(runId, RunControls.Action.START, "a test's Send").orElseThrow().status().value()).isEqualTo(202);
        // (the file moves to processed/ at the inbox's next look at it, a minute after the last)
        await(() -> runs.find(runId).orElseThrow().status() == RunStatus.COMPLETED, Duration.ofSeconds(60));
        assertThat(sandbox.store().created(message -> message.to().endsWith("@reviewed.example.com"))).hasSize(2);
    }

    @Test
    void movesARefusedFileToFailedWithTheReason() throws Exception {
        Files.writeString(INBOX.resolve("broken.csv.part"), "mail,first_name\nann@example.com,Ann\n");
        Files.move(INBOX.resolve("broken.csv.part"), INBOX.resolve("broken.csv"));

        await(() -> Files.exists(INBOX.resolve("failed/broken.csv.error.txt")), Duration.ofSeconds(30));

        assertThat(Files.readString(INBOX.resolve("failed/broken.csv.error.txt")))
                .contains("no column 'email' (recipients.address-column)");
        assertThat(INBOX.resolve("failed/broken.csv")).exists();
    }

    /** A link to a file of the service's own (its environment, with the token and the keys) is not read as a list. */
    @Test
    void aSymbolicLinkIsMovedToFailedUnreadAndANonTextFileIsNotQuoted() throws Exception {
        Path secrets = Files.writeString(DIR.resolve("secrets.env"), "email\nCAMPAIGN_SERVER_TOKEN=do-not-show-this\n");
        Files.createSymbolicLink(INBOX.resolve("environ.csv"), secrets);
        Files.write(INBOX.resolve("binary.csv"), "TOKEN=do-not-show-this\u0000KEY=nor-this\n".getBytes(StandardCharsets.UTF_8));

        await(() -> Files.exists(INBOX.resolve("failed/environ.csv.error.txt"))
                && Files.exists(INBOX.resolve("failed/binary.csv.error.txt")), Duration.ofSeconds(30));

        assertThat(Files.readString(INBOX.resolve("failed/environ.csv.error.txt")))
                .contains("environ.csv is a symbolic link: the inbox takes regular files only").doesNotContain("do-not-show");
        assertThat(INBOX.resolve("failed/environ.csv")).isSymbolicLink();
        assertThat(secrets).as("the link moved, not what it points to").exists();
        assertThat(Files.readString(INBOX.resolve("failed/binary.csv.error.txt"))).contains("the first line is not text")
                .doesNotContain("do-not-show", "nor-this");
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", timeout).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("inbox-test");
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
