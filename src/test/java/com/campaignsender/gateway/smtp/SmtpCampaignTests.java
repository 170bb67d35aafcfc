package com.campaignsender.gateway.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerLine;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.LedgerRows;
import com.campaignsender.operate.CampaignReconciliation;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;
import com.campaignsender.reconcile.StatusRecorder;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.sandbox.SandboxRelay;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campaigns through an SMTP relay, whole (SPEC section 21), against GreenMail: refusals for now
 * retried, a message whose final reply was lost never sent again (UNKNOWN) unless the account says
 * so, a refused password stopping the run, and bounces read back from the bounce mailbox.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
// Its accounts point at this class's relay.
@DirtiesContext
class SmtpCampaignTests {

    private static final String PASSWORD = "a-password-the-relay-refuses";
    private static final SandboxRelay RELAY = started();
    /** A port nothing listens on until a test starts a relay there. */
    private static final int LATER_PORT = freePort();

    @DynamicPropertySource
    static void accounts(DynamicPropertyRegistry registry) {
        for (String account : List.of("relay", "resending", "locked", "ascii-relay")) {
            String prefix = "campaign.providers." + account + ".";
            registry.add(prefix + "type", () -> "smtp");
            registry.add(prefix + "host", () -> "127.0.0.1");
            registry.add(prefix + "port", () -> RELAY.getSmtp().getPort());
            registry.add(prefix + "security", () -> "none");
        }
        registry.add("campaign.providers.later-relay.type", () -> "smtp");
        registry.add("campaign.providers.later-relay.host", () -> "127.0.0.1");
        registry.add("campaign.providers.later-relay.port", () -> LATER_PORT);
        registry.add("campaign.providers.later-relay.security", () -> "none");
        registry.add("campaign.providers.relay.bounces.return-path", () -> "bounces@news.example.com");
        registry.add("campaign.providers.relay.bounces.imap-url",
                () -> "imap://bounces:bounce-box-password@127.0.0.1:" + RELAY.getImap().getPort() + "/INBOX");
        registry.add("campaign.providers.resending.in-doubt", () -> "resend");
        registry.add("campaign.providers.locked.username", () -> "relay-user");
        registry.add("campaign.providers.locked.password", () -> PASSWORD);
    }

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private CampaignReconciliation reconciliation;

    @Autowired
    private LedgerReadings ledger;

    @Autowired
    private SuppressionList suppression;

    @Autowired
    private ProviderRegistry providers;

    @Autowired
    private StatusRecorder recorder;

    @TempDir
    Path dir;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static SandboxRelay started() {
        SandboxRelay relay = new SandboxRelay();
        relay.start();
        relay.setUser("bounces@news.example.com", "bounces", "bounce-box-password");
        relay.setUser("relay@news.example.com", "relay-user", "the-right-password");
        return relay;
    }

    @AfterEach
    void plainRelay() {
        RELAY.recipients = (state, recipient) -> null;
        RELAY.data = state -> null;
        RELAY.loseAnswer = state -> false;
        RELAY.announcesSmtpUtf8 = true;
    }

    @Test
    void aCampaignThroughARelayIsSentOnceEachAndARefusalForNowIsRetried() throws Exception {
        Map<String, Integer> tries = new ConcurrentHashMap<>();
        RELAY.data = state -> state.getMessage().getToAddresses().stream().map(to -> to.getEmail())
                .filter(to -> to.startsWith("busy")).anyMatch(to -> tries.merge(to, 1, Integer::sum) == 1)
                ? "451 4.7.1 greylisted, try again" : null;

        RunOutcome outcome = runner.run(campaign("relayed", "relay", List.of("ann", "busy-bob", "cat", "busy-dan")), Optional.empty());

        assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(copiesPerRecipient("relayed")).containsOnly(Map.entry("ann@relayed.example.org", 1L),
                Map.entry("busy-bob@relayed.example.org", 1L), Map.entry("cat@relayed.example.org", 1L),
                Map.entry("busy-dan@relayed.example.org", 1L));
        Map<Integer, LedgerLine> rows = LedgerRows.of(ledger, outcome.run().id());
        assertThat(rows.values()).extracting(LedgerLine::state).containsOnly(DeliveryState.ACCEPTED);
        assertThat(rows.get(2).attempts()).as("greylisted once, then taken").isEqualTo(2);
        assertThat(rows.get(1).providerStatus()).startsWith("250");
        assertThat(rows.get(1).providerMessageId()).matches("<relayed-\\d+-1\\.[0-9a-f]{12}@news\\.example\\.com>");
    }

    @Test
    void aMessageWhoseFinalReplyWasLostIsUnknownAndNeverSentAgain() throws Exception {
        RELAY.loseAnswer = state -> state.getMessage().getToAddresses().stream().anyMatch(to -> to.getEmail().startsWith("lost"));

        RunOutcome outcome = runner.run(campaign("lossy", "relay", List.of("ann", "lost-lee", "cat")), Optional.empty());

        assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(copiesPerRecipient("lossy")).as("the relay took it once, and it was not sent again")
                .containsEntry("lost-lee@lossy.example.org", 1L).hasSize(3);
        LedgerLine lost = LedgerRows.of(ledger, outcome.run().id()).get(2);
        assertThat(lost.state()).isEqualTo(DeliveryState.UNKNOWN);
        assertThat(lost.error()).contains("no final reply from the relay relay after the message was sent: the relay may have taken it");
        assertThat(outcome.summary().states()).containsEntry("UNKNOWN", 1L);
    }

    @Test
    void anAccountThatSaysResendSendsSuchAMessageAgain() throws Exception {
        Map<String, Integer> tries = new ConcurrentHashMap<>();
        RELAY.loseAnswer = state -> state.getMessage().getToAddresses().stream()
                .anyMatch(to -> to.getEmail().startsWith("lost") && tries.merge(to.getEmail(), 1, Integer::sum) == 1);

        RunOutcome outcome = runner.run(campaign("resent", "resending", List.of("ann", "lost-lee")), Optional.empty());

        assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(copiesPerRecipient("resent")).as("in-doubt: resend risks the second copy it asks for")
                .containsEntry("lost-lee@resent.example.org", 2L).containsEntry("ann@resent.example.org", 1L);
        assertThat(LedgerRows.of(ledger, outcome.run().id()).get(2).state()).isEqualTo(DeliveryState.ACCEPTED);
    }

    @Test
    void aRefusedPasswordStopsTheRunFailingNobodyAndIsNeverShown(CapturedOutput output) throws Exception {
        RunOutcome outcome = runner.run(campaign("locked", "locked", List.of("ann", "bob")), Optional.empty());

        assertThat(outcome.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(outcome.message()).contains("refused the account's username and password");
        assertThat(ledger.countByState(outcome.run().id())).doesNotContainKey(DeliveryState.FAILED);
        assertThat(copiesPerRecipient("locked")).isEmpty();
        assertThat(output.getAll() + outcome.message()).doesNotContain(PASSWORD);
    }

    /**
     * SPEC section 23: a list's address whose local part is not ASCII goes through a relay that
     * announces SMTPUTF8, once however its accents were typed, kept in Unicode, and its bounce as
     * such a relay writes it (RFC 6533) is read; through one that does not, its row is REJECTED
     * saying so, and the rest of the list is sent.
     */
    @Test
    void aLocalPartThatIsNotAsciiIsSentWhereTheRelayAnnouncesSmtpUtf8AndRejectedWhereItDoesNot() throws Exception {
        List<String> people = List.of("Pelé", "Pele\u0301", "二ノ宮", "ann");

        RunOutcome carried = runner.run(campaign("utf8", "relay", people), Optional.empty());

        assertThat(carried.result()).as(carried.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(copiesPerRecipient("utf8")).containsOnly(Map.entry("pelé@utf8.example.org", 1L),
                Map.entry("二ノ宮@utf8.example.org", 1L), Map.entry("ann@utf8.example.org", 1L));
        Map<Integer, LedgerLine> rows = LedgerRows.of(ledger, carried.run().id());
        assertThat(rows.get(1).state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(rows.get(2).error()).as("the same address, its accent typed apart").isEqualTo("duplicate of row 1");
        assertThat(rows.get(3).address()).isEqualTo("二ノ宮@utf8.example.org");
        MimeMessage pele = RELAY.findReceivedMessages(user -> user.getEmail().equals("pelé@utf8.example.org"), m -> true)
                .findFirst().orElseThrow();
        deliverToBounceMailbox(dsn(pele.getHeader("Return-Path", null).replaceAll("[<>]", ""), "pelé@utf8.example.org",
                pele.getMessageID(), true));
        reconciliation.reconcile(carried.run().id());
        assertThat(LedgerRows.of(ledger, carried.run().id()).get(1).state()).isEqualTo(DeliveryState.BOUNCED);
        assertThat(suppression.find(List.of("pelé@utf8.example.org", "pele@utf8.example.org"))).containsOnlyKeys("pelé@utf8.example.org");

        RELAY.announcesSmtpUtf8 = false;
        RunOutcome refused = runner.run(campaign("ascii", "ascii-relay", people), Optional.empty());

        assertThat(refused.result()).as(refused.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(copiesPerRecipient("ascii")).containsOnlyKeys("ann@ascii.example.org");
        assertThat(LedgerRows.of(ledger, refused.run().id()).get(1).error()).isEqualTo("invalid email address 'Pelé@ascii.example.org'"
                + " (a local part that is not ASCII (RFC 6531), which the relay of account 'ascii-relay' does not carry: it does"
                + " not announce SMTPUTF8) in column 'email'");
    }

    /** A relay that cannot be asked whether it announces SMTPUTF8 stops the load, rejecting nobody; the same command goes on. */
    @Test
    void aRelayThatCannotBeAskedStopsTheLoadAndTheSameCommandGoesOnOnceItAnswers() throws Exception {
        Path campaign = campaign("later", "later-relay", List.of("ann", "Pelé"));

        RunOutcome stopped = runner.run(campaign, Optional.empty());

        assertThat(stopped.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(stopped.message()).contains("the relay of account 'later-relay' could not be asked whether it carries"
                + " addresses whose local part is not ASCII (SMTPUTF8)");
        assertThat(ledger.countByState(stopped.run().id())).doesNotContainKey(DeliveryState.REJECTED);
        GreenMail later = new GreenMail(new ServerSetup(LATER_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        later.start();
        try {
            RunOutcome resumed = runner.run(campaign, Optional.empty());

            assertThat(resumed.result()).as(resumed.message()).isEqualTo(RunOutcome.Result.COMPLETED);
            assertThat(resumed.run().id()).isEqualTo(stopped.run().id());
            assertThat(Arrays.stream(later.getReceivedMessages()).map(SmtpCampaignTests::address))
                    .containsExactlyInAnyOrder("ann@later.example.org", "pelé@later.example.org");
        }
        finally {
            later.stop();
        }
    }

    /** Read by `reconcile` after the run, and later by the account's mailbox as `serve` reads it. */
    @Test
    void bouncesInTheBounceMailboxTurnRowsBouncedAndKeepHardBouncedAddressesOut(CapturedOutput output) throws Exception {
        RunOutcome sent = runner.run(campaign("bounced", "relay", List.of("ann", "gone", "late")), Optional.empty());
        assertThat(sent.result()).as(sent.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        String messageId = LedgerRows.of(ledger, sent.run().id()).get(2).providerMessageId();
        MimeMessage original = RELAY.findReceivedMessages(user -> user.getEmail().equals("gone@bounced.example.org"), m -> true)
                .findFirst().orElseThrow();
        String returnPath = original.getHeader("Return-Path", null).replaceAll("[<>]", "");
        deliverToBounceMailbox(dsn(returnPath, "gone@bounced.example.org", messageId));
        deliverToBounceMailbox(notABounce());

        reconciliation.reconcile(sent.run().id());

        Map<Integer, LedgerLine> rows = LedgerRows.of(ledger, sent.run().id());
        assertThat(rows.get(2).state()).isEqualTo(DeliveryState.BOUNCED);
        assertThat(rows.get(2).providerStatus()).contains("failed 5.1.1", "550 5.1.1 The email account that you tried to reach does not exist");
        assertThat(rows.get(1).state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(suppression.find(List.of("gone@bounced.example.org"))).hasEntrySatisfying("gone@bounced.example.org",
                entry -> assertThat(entry.reason()).isEqualTo(SuppressionList.Reason.BOUNCE));
        assertThat(output).contains("1 message(s) that are no delivery status notification of one of its messages");

        MimeMessage late = RELAY.findReceivedMessages(user -> user.getEmail().equals("late@bounced.example.org"), m -> true)
                .findFirst().orElseThrow();
        deliverToBounceMailbox(dsn(late.getHeader("Return-Path", null).replaceAll("[<>]", ""), "late@bounced.example.org",
                late.getMessageID()));
        providers.account("relay").bounces().orElseThrow().drain(page -> recorder.record(page, "a test, as serve reads"));
        assertThat(LedgerRows.of(ledger, sent.run().id()).get(3).state()).isEqualTo(DeliveryState.BOUNCED);
    }

    /**
     * The attack: a bounce forged by someone who has no message of ours, naming another person, to
     * keep them from every campaign. A made-up return path and Message-ID match no message: nothing
     * changes; a bounce of a real message suppresses that message's own recipient, whoever it names.
     */
    @Test
    void aForgedBounceSuppressesNobodyItDidNotComeBackFor() throws Exception {
        RunOutcome sent = runner.run(campaign("forged", "relay", List.of("ann", "victim")), Optional.empty());
        assertThat(sent.result()).as(sent.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        deliverToBounceMailbox(dsn("bounces+forged-1-2.000000000000@news.example.com", "victim@forged.example.org",
                "<forged-1-2.000000000000@news.example.com>"));
        String annsId = LedgerRows.of(ledger, sent.run().id()).get(1).providerMessageId();
        MimeMessage anns = RELAY.findReceivedMessages(user -> user.getEmail().equals("ann@forged.example.org"), m -> true)
                .findFirst().orElseThrow();
        deliverToBounceMailbox(dsn(anns.getHeader("Return-Path", null).replaceAll("[<>]", ""), "victim@forged.example.org", annsId));

        reconciliation.reconcile(sent.run().id());

        Map<Integer, LedgerLine> rows = LedgerRows.of(ledger, sent.run().id());
        assertThat(rows.get(2).state()).as("the victim's own message").isEqualTo(DeliveryState.ACCEPTED);
        assertThat(suppression.find(List.of("victim@forged.example.org"))).isEmpty();
        assertThat(rows.get(1).state()).isEqualTo(DeliveryState.BOUNCED);
        assertThat(suppression.find(List.of("ann@forged.example.org"))).containsKey("ann@forged.example.org");
    }

    private Path campaign(String name, String account, List<String> people) throws Exception {
        Files.writeString(dir.resolve(name + ".csv"), "email,name\n" + people.stream()
                .map(person -> person + "@" + name + ".example.org," + person).collect(Collectors.joining("\n")) + "\n");
        Files.writeString(dir.resolve("subject.ftl"), "News for ${name}");
        Files.writeString(dir.resolve("body.html.ftl"), "<p>Hello ${name}</p>");
        Files.writeString(dir.resolve("body.txt.ftl"), "Hello ${name}");
        return Files.writeString(dir.resolve(name + ".yml"), String.join("\n", List.of(
                "name: " + name,
                "channel: email",
                "provider: " + account,
                "sender: { address: news@news.example.com, name: Example News }",
                "recipients: { file: " + name + ".csv }",
                "template: { subject: subject.ftl, html: body.html.ftl, text: body.txt.ftl }",
                "limits: { rate: 200/s, burst: 20, concurrency: 2, chunk: 10, max-attempts: 3 }",
                "reconcile: { poll-interval: 100ms, timeout: 5s }")));
    }

    private static Map<String, Long> copiesPerRecipient(String campaign) {
        return Arrays.stream(RELAY.getReceivedMessages()).map(SmtpCampaignTests::address).filter(to -> to.endsWith("@" + campaign + ".example.org"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String address(MimeMessage message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void deliverToBounceMailbox(MimeMessage message) throws Exception {
        RELAY.getUserManager().getUserByEmail("bounces@news.example.com").deliver(message);
    }

    private static MimeMessage dsn(String returnPath, String recipient, String messageId) throws Exception {
        return dsn(returnPath, recipient, messageId, false);
    }

    /**
     * A bounce as Postfix writes one (RFC 3464), sent to the message's own return path; {@code global}:
     * of a message sent with SMTPUTF8, its report and returned headers in UTF-8 (RFC 6533).
     */
    private static MimeMessage dsn(String returnPath, String recipient, String messageId, boolean global) throws Exception {
        String raw = String.join("\r\n",
                "From: MAILER-DAEMON@mx.bounced.example.org (Mail Delivery System)",
                "To: " + returnPath,
                "Subject: Undelivered Mail Returned to Sender",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=" + (global ? "global-" : "") + "delivery-status; boundary=\"B0UND\"",
                "",
                "--B0UND",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "I'm sorry to have to inform you that your message could not be delivered.",
                "",
                "--B0UND",
                "Content-Type: message/" + (global ? "global-" : "") + "delivery-status",
                "",
                "Reporting-MTA: dns; mx.bounced.example.org",
                "Arrival-Date: Fri,  4 Dec 2026 10:00:00 +0000 (UTC)",
                "",
                "Final-Recipient: " + (global ? "utf-8; " : "rfc822; ") + recipient,
                "Original-Recipient: " + (global ? "utf-8;" : "rfc822;") + recipient,
                "Action: failed",
                "Status: 5.1.1",
                "Remote-MTA: dns; mx.bounced.example.org",
                "Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach does",
                "    not exist",
                "",
                "--B0UND",
                "Content-Type: " + (global ? "message/global-headers" : "text/rfc822-headers"),
                "",
                "Message-ID: " + messageId,
                "Subject: News for gone",
                "",
                "--B0UND--",
                "");
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static MimeMessage notABounce() throws Exception {
        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom("ann@bounced.example.org");
        reply.setRecipients(jakarta.mail.Message.RecipientType.TO, "bounces@news.example.com");
        reply.setSubject("Re: News for ann");
        reply.setText("Thanks!");
        reply.saveChanges();
        return reply;
    }
}
