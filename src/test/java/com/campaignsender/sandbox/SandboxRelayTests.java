package com.campaignsender.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The sandbox's SMTP relay fails the way its HTTP providers do (SPEC section 9), as a plain
 * Jakarta Mail client sees it, and bounces its magic recipients into its bounce mailbox.
 */
class SandboxRelayTests {

    private SandboxRelay relay;

    @AfterEach
    void stop() {
        relay.stop();
    }

    @Test
    void aFailureRateRefusesMessagesForNowAndKeepsNone() throws Exception {
        start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(50), null, null, 1, 0, 0, 0, 0, Duration.ofSeconds(1), null, 0, null));

        SMTPSendFailedException refused = catchThrowableOfType(SMTPSendFailedException.class, () -> send("ann@example.org"));

        assertThat(refused.getReturnCode()).isEqualTo(451);
        assertThat(relay.getReceivedMessages()).isEmpty();
    }

    @Test
    void aLostAnswerKeepsTheMessageAndEndsTheConnectionWithoutAReply() throws Exception {
        start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(50), null, null, 0, 0, 0, 1, 0, Duration.ofSeconds(1), null, 0, null));

        MessagingException lost = catchThrowableOfType(MessagingException.class, () -> send("ann@example.org"));

        assertThat(lost).isNotNull();
        assertThat(lost instanceof SMTPSendFailedException failed ? failed.getReturnCode() : -1).as("no reply came").isEqualTo(-1);
        assertThat(relay.getReceivedMessages()).as("the relay has it").hasSize(1);
    }

    @Test
    void aResetDropsTheConnectionAndKeepsNothing() throws Exception {
        start(new SandboxSettings(Duration.ZERO, Duration.ofMillis(50), null, null, 0, 0, 1, 0, 0, Duration.ofSeconds(1), null, 0, null));

        assertThat(catchThrowableOfType(MessagingException.class, () -> send("ann@example.org"))).isNotNull();
        assertThat(relay.getReceivedMessages()).isEmpty();
    }

    @Test
    void rejectAddressesAreRefusedAndBounceAddressesBounceIntoItsMailbox() throws Exception {
        start(SandboxSettings.plain(Duration.ofMillis(50)));

        SendFailedException rejected = catchThrowableOfType(SendFailedException.class, () -> send("reject.me@example.org"));
        assertThat(((SMTPAddressFailedException) rejected.getNextException()).getReturnCode()).isEqualTo(550);

        send("bounce.me@example.org");
        Message bounce = awaitBounce();
        assertThat(bounce.isMimeType("multipart/report")).isTrue();
        assertThat(bounce.getHeader("To")[0]).as("to the message's return path").isEqualTo("bounces+abc@news.example.com");
    }

    private void start(SandboxSettings settings) {
        relay = SandboxRelay.of(settings);
        relay.start();
    }

    private void send(String to) throws MessagingException {
        Session session = Session.getInstance(new Properties());
        MimeMessage message = new MimeMessage(session);
        message.setFrom("news@news.example.com");
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("News");
        message.setText("Hello");
        message.saveChanges();
        Properties envelope = new Properties();
        envelope.put("mail.smtp.from", "bounces+abc@news.example.com");
        try (Transport transport = Session.getInstance(envelope).getTransport("smtp")) {
            transport.connect("127.0.0.1", relay.getSmtp().getPort(), null, null);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private Message awaitBounce() throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            try (Store store = Session.getInstance(new Properties()).getStore(new URLName(relay.bounceMailbox()))) {
                store.connect();
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                if (inbox.getMessageCount() > 0) {
                    return new MimeMessage((MimeMessage) inbox.getMessage(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no bounce arrived in " + relay.bounceMailbox());
    }
}
