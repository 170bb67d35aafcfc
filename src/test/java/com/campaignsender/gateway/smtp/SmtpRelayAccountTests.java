package com.campaignsender.gateway.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.campaignsender.gateway.AccountSettings;
import com.campaignsender.gateway.AccountSetup;
import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.gateway.Unanswered;
import com.campaignsender.sandbox.SandboxRelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An SMTP account against a real SMTP server (GreenMail), SPEC section 21: the MIME it sends as
 * another implementation reads it, a DKIM signature another implementation verifies, and each
 * kind of reply a relay gives, classified as every provider's answers are.
 */
class SmtpRelayAccountTests {

    private static final String PASSWORD = "relay-password-never-shown";

    @TempDir
    Path dir;

    private SandboxRelay relay;

    @BeforeEach
    void startRelay() {
        relay = new SandboxRelay();
        relay.start();
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    @Test
    void aCampaignsMessageIsRealMimeWithBlindCopiesOnTheEnvelopeOnly() throws Exception {
        MessageGateway gateway = gateway(Map.of("bounces.return-path", "bounces@news.example.com"),
                new Envelope("news@example.com", "Example Nëws", List.of("archive@example.com"), List.of("audit@example.com"),
                        List.of(new Envelope.Attachment("terms.pdf", "application/pdf", "%PDF-1.4 terms".getBytes(StandardCharsets.US_ASCII))),
                        Map.of()));

        SendOutcome outcome = gateway.send(new SendRequest("spring-7-12", "jane@example.org", "Grüße, Jane", "<p>Hello Jane</p>",
                "Hello Jane", "https://campaigns.example.com/unsubscribe/7.12.abc"));

        assertThat(outcome.kind()).as(outcome.detail()).isEqualTo(SendOutcome.Kind.ACCEPTED);
        assertThat(outcome.providerStatus()).as("the relay's reply is kept").startsWith("250");
        MimeMessage received = receivedBy("jane@example.org");
        assertThat(received.getMessageID()).as("the ledger's message id is the message's").isEqualTo(outcome.providerMessageId())
                .matches("<spring-7-12\\.[0-9a-f]{12}@news\\.example\\.com>");
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("news@example.com");
        assertThat(from.getPersonal()).isEqualTo("Example Nëws");
        assertThat(received.getHeader("From", null)).as("encoded as RFC 2047 says").startsWith("=?UTF-8?");
        assertThat(received.getHeader("Subject", null)).as("encoded as RFC 2047 says").startsWith("=?UTF-8?");
        assertThat(received.getSubject()).isEqualTo("Grüße, Jane");
        assertThat(received.getSentDate()).isNotNull();
        assertThat(received.getRecipients(Message.RecipientType.CC)).extracting(Address::toString).containsExactly("archive@example.com");
        assertThat(received.getHeader("Bcc")).as("a blind copy is never a header").isNull();
        assertThat(raw(received)).doesNotContain("audit@example.com");
        assertThat(receivedBy("audit@example.com").getMessageID()).as("the blind copy went on the envelope").isEqualTo(outcome.providerMessageId());
        assertThat(receivedBy("archive@example.com").getMessageID()).isEqualTo(outcome.providerMessageId());
        assertThat(received.getHeader("List-Unsubscribe", null)).isEqualTo("<https://campaigns.example.com/unsubscribe/7.12.abc>");
        assertThat(received.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(received.getHeader("Return-Path", null)).as("the message's own return path (VERP)")
                .isEqualTo("<bounces+" + outcome.providerMessageId().substring(1, outcome.providerMessageId().indexOf('@')) + "@news.example.com>");

        assertThat(received.isMimeType("multipart/mixed")).isTrue();
        Multipart mixed = (Multipart) received.getContent();
        assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternative.getBodyPart(0).getContent().toString().strip()).isEqualTo("Hello Jane");
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("terms.pdf");
        assertThat(mixed.getBodyPart(1).getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(mixed.getBodyPart(1).isMimeType("application/pdf")).isTrue();
    }

    @Test
    void everyMessageHasAMessageIdOfItsOwnAndTheConnectionsAreKept() throws Exception {
        MessageGateway gateway = gateway(Map.of(), Envelope.from("news@example.com", "News"));
        Set<Integer> connections = ConcurrentHashMap.newKeySet();
        relay.recipients = (state, recipient) -> {
            connections.add(System.identityHashCode(state));
            return null;
        };

        SendOutcome first = gateway.send(request("one@example.org"));
        SendOutcome second = gateway.send(request("two@example.org"));
        for (int i = 0; i < 8; i++) {
            assertThat(gateway.send(request("more" + i + "@example.org")).kind()).isEqualTo(SendOutcome.Kind.ACCEPTED);
        }

        assertThat(first.providerMessageId()).isNotEqualTo(second.providerMessageId()).endsWith("@example.com>");
        assertThat(connections).as("ten messages one after another, over one kept connection").hasSize(1);
        assertThat(receivedBy("two@example.org").isMimeType("text/html")).as("html alone is the message's body").isTrue();
    }

    @Test
    void aDkimSignatureIsVerifiedByAnotherImplementationAndATamperedBodyFails() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").genKeyPair();
        Path key = Files.writeString(dir.resolve("dkim.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        MessageGateway gateway = gateway(Map.of("dkim.domain", "example.com", "dkim.selector", "news2026",
                "dkim.private-key", key.toString()), Envelope.from("news@example.com", "News"));

        assertThat(gateway.send(new SendRequest("dkim-1-1", "jane@example.org", "Hello", "<p>Hello Jane</p>", "Hello Jane",
                "https://campaigns.example.com/u/1")).kind()).isEqualTo(SendOutcome.Kind.ACCEPTED);

        String signed = raw(receivedBy("jane@example.org"));
        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        List<SignatureRecord> verified = verifier(record).verify(new ByteArrayInputStream(signed.getBytes(StandardCharsets.UTF_8)));
        assertThat(verified).hasSize(1);
        assertThat(verified.get(0).getDToken().toString()).isEqualTo("example.com");
        assertThat(verified.get(0).getSelector().toString()).isEqualTo("news2026");
        assertThat(verified.get(0).getHeaders().stream().map(Object::toString).map(String::toLowerCase))
                .contains("from", "subject", "message-id", "list-unsubscribe", "list-unsubscribe-post");
        assertThatThrownBy(() -> verifier(record).verify(new ByteArrayInputStream(
                signed.replace("Hello Jane", "Hello Eve").getBytes(StandardCharsets.UTF_8)))).isInstanceOf(FailException.class);
    }

    @Test
    void aRecipientTheRelayRefusesForGoodFailsInTheRelaysWords() {
        relay.recipients = (state, recipient) -> recipient.getEmail().startsWith("nobody")
                ? "550 5.1.1 <" + recipient.getEmail() + ">: Recipient address rejected: no such user" : null;

        SendOutcome outcome = gateway(Map.of(), Envelope.from("news@example.com", "News")).send(request("nobody@example.org"));

        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.PERMANENT_FAILURE);
        assertThat(outcome.detail()).isEqualTo("550 5.1.1 <nobody@example.org>: Recipient address rejected: no such user");
    }

    @Test
    void aRefusalForNowIsTransientAndTheNextMessageGoesOut() throws Exception {
        MessageGateway gateway = gateway(Map.of(), Envelope.from("news@example.com", "News"));
        relay.data = state -> "451 4.3.0 try again later";

        SendOutcome refused = gateway.send(request("busy@example.org"));
        relay.data = state -> null;

        assertThat(refused.kind()).isEqualTo(SendOutcome.Kind.TRANSIENT_FAILURE);
        assertThat(refused.detail()).contains("451 4.3.0 try again later");
        assertThat(gateway.send(request("busy@example.org")).kind()).isEqualTo(SendOutcome.Kind.ACCEPTED);
        assertThat(relay.getReceivedMessages()).hasSize(1);
    }

    /** The relay took the message and the connection ended before its 250: it may have it, and it is not known. */
    @Test
    void aConnectionLostBeforeTheFinalReplyIsNoAnswerAndThisAccountLeavesSuchMessagesUnknown() throws Exception {
        MessageGateway gateway = gateway(Map.of(), Envelope.from("news@example.com", "News"));
        relay.loseAnswer = state -> true;

        SendOutcome lost = gateway.send(request("lost@example.org"));

        assertThat(lost.kind()).as(lost.detail()).isEqualTo(SendOutcome.Kind.NO_ANSWER);
        assertThat(lost.detail()).contains("after the message's data, before its final reply");
        assertThat(relay.getReceivedMessages()).as("the relay has it").hasSize(1);
        assertThat(gateway.unanswered()).isEqualTo(Unanswered.LEFT_UNKNOWN);
        assertThat(gateway(Map.of("in-doubt", "resend"), Envelope.from("news@example.com", "News")).unanswered())
                .isEqualTo(Unanswered.RESENT);

        relay.loseAnswer = state -> false;
        assertThat(gateway.send(request("next@example.org")).kind()).as("a new connection for the next").isEqualTo(SendOutcome.Kind.ACCEPTED);
    }

    @Test
    void aConnectionDroppedBeforeTheDataEndedSentNothingAndIsTransient() {
        relay.recipients = (state, recipient) -> {
            throw new SandboxRelay.Reset();
        };

        SendOutcome dropped = gateway(Map.of(), Envelope.from("news@example.com", "News")).send(request("reset@example.org"));

        assertThat(dropped.kind()).as(dropped.detail()).isEqualTo(SendOutcome.Kind.TRANSIENT_FAILURE);
        assertThat(relay.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedPasswordIsTheAccountsCredentialAndIsNeverShown() {
        relay.setUser("relay@example.com", "relay-user", "the-right-password");

        SendOutcome refused = gateway(Map.of("username", "relay-user", "password", PASSWORD),
                Envelope.from("news@example.com", "News")).send(request("jane@example.org"));

        assertThat(refused.kind()).isEqualTo(SendOutcome.Kind.UNAUTHORIZED);
        assertThat(refused.detail()).contains("refused the account's username and password", "535").doesNotContain(PASSWORD);
        assertThat(relay.getReceivedMessages()).isEmpty();
    }

    /** A relay at its limit of connections answers 421 at the greeting: the account keeps one fewer from then on. */
    @Test
    void aRelayThatRefusesAConnectionWith421GetsOneFewer() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread greeter = new Thread(() -> {
                while (!full.isClosed()) {
                    try (Socket client = full.accept()) {
                        client.getOutputStream().write("421 4.7.0 too many connections from you\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    catch (Exception closed) {
                        return;
                    }
                }
            });
            greeter.setDaemon(true);
            greeter.start();
            Map<String, String> prefixed = new HashMap<>();
            Map.of("host", "127.0.0.1", "port", String.valueOf(full.getLocalPort()), "security", "none", "connections", "3")
                    .forEach((key, value) -> prefixed.put("campaign.providers.relay." + key, value));
            SmtpSettings settings = new Binder(new MapConfigurationPropertySource(prefixed))
                    .bindOrCreate("campaign.providers.relay", SmtpSettings.class);
            SmtpRelay busy = new SmtpRelay("127.0.0.1", full.getLocalPort(), settings, Duration.ofSeconds(5), false);
            MimeMessage message = new MimeMessage(busy.session(false));
            message.setText("hello");

            SmtpRelay.Reply refused = busy.send(message, new Address[] {new InternetAddress("jane@example.org")}, false);

            assertThat(SmtpReplies.outcome(refused, "relay", "<id@example.com>").kind()).isEqualTo(SendOutcome.Kind.TRANSIENT_FAILURE);
            assertThat(busy.connections()).isEqualTo(2);
            busy.send(message, new Address[] {new InternetAddress("jane@example.org")}, false);
            busy.send(message, new Address[] {new InternetAddress("jane@example.org")}, false);
            assertThat(busy.connections()).as("never fewer than one").isEqualTo(1);
        }
    }

    /**
     * SPEC section 23: an address whose local part is not ASCII (RFC 6531) goes to a relay that
     * announces SMTPUTF8, its MAIL FROM asking for it and its headers in UTF-8; a message to any other
     * address asks for nothing, over connections of its own kind, within the connections allowed.
     */
    @Test
    void anAddressWhoseLocalPartIsNotAsciiGoesWithSmtpUtf8AndNoOtherMessageAsksForIt() throws Exception {
        Map<String, Boolean> smtpUtf8 = new ConcurrentHashMap<>();
        Set<Integer> connections = ConcurrentHashMap.newKeySet();
        relay.recipients = (state, recipient) -> {
            smtpUtf8.put(recipient.getEmail(), state.getMessage().isSmtpUtf8());
            connections.add(System.identityHashCode(state));
            return null;
        };
        SmtpAccount account = account(Map.of("connections", "1"));
        MessageGateway gateway = account.gateway(Channel.EMAIL, Envelope.from("news@example.com", "Nëws"));

        assertThat(account.unicodeLocalPartsRefused()).as("the relay announces SMTPUTF8").isEmpty();
        for (String to : List.of("ann@example.org", "pelé@example.org", "二ノ宮@xn--5rtw95l.xn--wgv71a", "bob@example.org")) {
            SendOutcome outcome = gateway.send(request(to));
            assertThat(outcome.kind()).as(to + ": " + outcome.detail()).isEqualTo(SendOutcome.Kind.ACCEPTED);
        }

        assertThat(smtpUtf8).containsOnly(Map.entry("ann@example.org", false), Map.entry("pelé@example.org", true),
                Map.entry("二ノ宮@xn--5rtw95l.xn--wgv71a", true), Map.entry("bob@example.org", false));
        assertThat(raw(receivedBy("pelé@example.org"))).as("the address as it is, in UTF-8").contains("To: pelé@example.org");
        assertThat(raw(receivedBy("ann@example.org"))).as("RFC 2047 as before").contains("From: =?UTF-8?");
        assertThat(connections).as("one connection allowed: each kind opened in turn, the other closed").hasSize(3);
    }

    /** Many senders at once share the connections the account allows, and open no more. */
    @Test
    void concurrentSendersShareTheConnectionsAllowedAndOpenNoMore() throws Exception {
        Set<Integer> connections = ConcurrentHashMap.newKeySet();
        relay.recipients = (state, recipient) -> {
            connections.add(System.identityHashCode(state));
            return null;
        };
        MessageGateway gateway = account(Map.of("connections", "2")).gateway(Channel.EMAIL, Envelope.from("news@example.com", "News"));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<SendOutcome>> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String to = "ann" + i + "@example.org";
                sent.add(senders.submit(() -> gateway.send(request(to))));
            }
            for (Future<SendOutcome> outcome : sent) {
                assertThat(outcome.get().kind()).isEqualTo(SendOutcome.Kind.ACCEPTED);
            }
        }
        finally {
            senders.shutdownNow();
        }

        assertThat(relay.getReceivedMessages()).hasSize(200);
        assertThat(connections).as("eight senders, two connections").hasSizeLessThanOrEqualTo(2);
    }

    /** A relay that does not announce SMTPUTF8 carries no such address: refused at load, and failed for good at sending. */
    @Test
    void aRelayThatDoesNotAnnounceSmtpUtf8IsNotSentSuchAnAddress() throws Exception {
        relay.announcesSmtpUtf8 = false;
        SmtpAccount account = account(Map.of());

        assertThat(account.unicodeLocalPartsRefused())
                .contains("which the relay of account 'relay' does not carry: it does not announce SMTPUTF8");
        SendOutcome refused = account.gateway(Channel.EMAIL, Envelope.from("news@example.com", "News")).send(request("pelé@example.org"));

        assertThat(refused.kind()).isEqualTo(SendOutcome.Kind.PERMANENT_FAILURE);
        assertThat(refused.detail()).isEqualTo("the relay relay no longer announces SMTPUTF8, which an address whose local part"
                + " is not ASCII needs (RFC 6531)");
        assertThat(relay.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRelayThatCannotBeAskedWhetherItAnnouncesSmtpUtf8SaysSo() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        SmtpAccount account = account(Map.of("port", String.valueOf(closed)));

        assertThatThrownBy(account::unicodeLocalPartsRefused).isInstanceOf(ProviderException.class).hasMessageStartingWith(
                "the relay of account 'relay' could not be asked whether it carries addresses whose local part is not ASCII"
                        + " (SMTPUTF8): ");
    }

    @Test
    void anAccountsProblemsNameItsKeys() {
        assertThat(account(Map.of("username", "relay-user")).problems())
                .containsExactly("campaign.providers.relay.username and campaign.providers.relay.password are set together (or neither)");
        assertThat(account(Map.of("dkim.domain", "example.com")).problems()).singleElement().asString()
                .startsWith("campaign.providers.relay.dkim: domain, selector and private-key are set together");
        assertThat(account(Map.of("bounces.return-path", "bounces+x@example.com")).problems()).singleElement().asString()
                .contains("bounces.return-path 'bounces+x@example.com' is not an address such as bounces@example.com");
        assertThat(account(Map.of()).problems()).isEmpty();
    }

    private MessageGateway gateway(Map<String, String> settings, Envelope envelope) {
        return account(settings).gateway(Channel.EMAIL, envelope);
    }

    private SmtpAccount account(Map<String, String> settings) {
        Map<String, String> keys = new HashMap<>(Map.of("host", "127.0.0.1", "port", String.valueOf(relay.getSmtp().getPort()),
                "security", "none"));
        settings.forEach((key, value) -> keys.put(key, value));
        Map<String, String> prefixed = new HashMap<>();
        keys.forEach((key, value) -> prefixed.put("campaign.providers.relay." + key, value));
        AccountSettings account = new AccountSettings("smtp", AccountSettings.SANDBOX, Duration.ofSeconds(5), Duration.ofSeconds(5),
                null, null, null, null, null, null);
        return new SmtpAccount(new SmtpProvider(), new AccountSetup("relay", account,
                new Binder(new MapConfigurationPropertySource(prefixed)), relay::smtpUrl, null, null));
    }

    private static SendRequest request(String to) {
        return new SendRequest("news-1-" + to.hashCode(), to, "News", "<p>News</p>", null, null);
    }

    private MimeMessage receivedBy(String address) {
        return relay.findReceivedMessages(user -> user.getEmail().equals(address), message -> true).findFirst().orElseThrow();
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static DKIMVerifier verifier(String record) {
        return new DKIMVerifier((method, selector, domain) -> List.of(record));
    }
}
