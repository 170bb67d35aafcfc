package com.campaignsender.gateway.smtp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.StatusFeed;
import com.campaignsender.system.Failures;

/**
 * An SMTP account's bounces (SPEC section 21): delivery status notifications (RFC 3464) that
 * arrive in the mailbox at {@code bounces.imap-url}, read over IMAP with Angus's DSN support.
 * Each names its message by the Return-Path it came back to (VERP) or else by the Message-ID of the
 * returned headers. A failed delivery with a 5.x.x status is a hard bounce: BOUNCED, and its address
 * suppressed; a 4.x.x failure is BOUNCED without suppression; a delay changes nothing; a reported
 * delivery is DELIVERED. Every message read is marked seen, so each is read once; those that are
 * no bounce of ours, or cannot be read as one, are counted and left in the mailbox, not guessed.
 */
final class BounceMailbox implements StatusFeed.Bounces {

    private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);

    private final String account;
    private final String url;
    private final Optional<ReturnPath> returnPath;
    private final Session session;

    BounceMailbox(String account, String url, Optional<ReturnPath> returnPath, Duration timeout) {
        this.account = account;
        this.url = url == null || url.isBlank() ? null : url;
        this.returnPath = returnPath;
        Properties properties = new Properties();
        for (String protocol : List.of("imap", "imaps")) {
            properties.put("mail." + protocol + ".connectiontimeout", String.valueOf(timeout.toMillis()));
            properties.put("mail." + protocol + ".timeout", String.valueOf(timeout.toMillis()));
        }
        this.session = Session.getInstance(properties);
    }

    /** Whether it has a mailbox to read. */
    boolean reads() {
        return url != null;
    }

    /** Where the messages it reads bounces of return to, if each has its own (VERP). */
    Optional<ReturnPath> returnPath() {
        return returnPath;
    }

    @Override
    public void drain(Consumer<List<ProviderStatus>> pages) {
        if (url == null) {
            return;
        }
        URLName name = new URLName(url);
        try (Store store = session.getStore(name)) {
            store.connect();
            Folder folder = store.getFolder(name.getFile() == null || name.getFile().isBlank() ? "INBOX" : name.getFile());
            folder.open(Folder.READ_WRITE);
            try {
                read(folder, pages);
            }
            finally {
                folder.close(false);
            }
        }
        catch (MessagingException ex) {
            throw new ProviderException("the " + account + " account's bounce mailbox (bounces.imap-url) could not be read: "
                    + Failures.innermostMessage(ex));
        }
    }

    private void read(Folder folder, Consumer<List<ProviderStatus>> pages) throws MessagingException {
        Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        List<ProviderStatus> bounces = new ArrayList<>();
        int unreadable = 0;
        for (Message message : unread) {
            // Read whole, as sent, and parsed here: a server's own view of a report's parts is not needed, nor always right.
            List<ProviderStatus> read = bounce(new MimeMessage((MimeMessage) message));
            if (read.isEmpty()) {
                unreadable++;
            }
            bounces.addAll(read);
            message.setFlag(Flags.Flag.SEEN, true);
        }
        if (unreadable > 0) {
            log.warn("The {} account's bounce mailbox held {} message(s) that are no delivery status notification of"
                    + " one of its messages; kept there, marked seen", account, unreadable);
        }
        if (!bounces.isEmpty()) {
            pages.accept(bounces);
        }
    }

    /** The statuses one notification gives of our message; none when it is not a notification of ours. */
    List<ProviderStatus> bounce(MimeMessage message) {
        try {
            if (!message.isMimeType("multipart/report") || !(message.getContent() instanceof MultipartReport report)) {
                return List.of();
            }
            Optional<String> messageId = messageId(message, report);
            DeliveryStatus status = report.getReport() instanceof DeliveryStatus delivery ? delivery
                    : new DeliveryStatus(report.getBodyPart(1).getInputStream());
            if (messageId.isEmpty()) {
                return List.of();
            }
            List<ProviderStatus> statuses = new ArrayList<>();
            for (int i = 0; i < status.getRecipientDSNCount(); i++) {
                toStatus(messageId.get(), status.getRecipientDSN(i)).ifPresent(statuses::add);
            }
            return statuses;
        }
        catch (MessagingException | IOException | RuntimeException ex) {
            log.debug("Not a bounce the {} account can read", account, ex);
            return List.of();
        }
    }

    /** The message it reports on: by the Return-Path it came back to, else by the returned headers' Message-ID. */
    private Optional<String> messageId(MimeMessage bounce, MultipartReport report) throws MessagingException, IOException {
        if (returnPath.isPresent()) {
            for (String header : List.of("Delivered-To", "X-Original-To", "To")) {
                String[] values = bounce.getHeader(header);
                for (String value : values == null ? new String[0] : values) {
                    for (Address address : InternetAddress.parseHeader(value, false)) {
                        Optional<String> token = returnPath.get().tokenOf(((InternetAddress) address).getAddress());
                        if (token.isPresent()) {
                            return token.map(returnPath.get()::messageId);
                        }
                    }
                }
            }
        }
        MimeMessage returned = report.getReturnedMessage();
        if (returned != null && returned.getMessageID() != null) {
            return Optional.of(returned.getMessageID().strip());
        }
        if (report.getCount() > 2) {
            String id = new InternetHeaders(report.getBodyPart(2).getInputStream()).getHeader("Message-ID", null);
            return Optional.ofNullable(id).map(String::strip);
        }
        return Optional.empty();
    }

    private static Optional<ProviderStatus> toStatus(String messageId, InternetHeaders recipient) {
        String action = String.valueOf(recipient.getHeader("Action", null)).strip().toLowerCase(Locale.ROOT);
        String code = String.valueOf(recipient.getHeader("Status", null)).strip();
        String diagnostic = recipient.getHeader("Diagnostic-Code", null);
        String finalRecipient = recipient.getHeader("Final-Recipient", null);
        String address = finalRecipient == null ? null : finalRecipient.substring(finalRecipient.indexOf(';') + 1).strip();
        String words = SmtpReplies.status(action + " " + code + (diagnostic == null ? "" : ": " + diagnostic));
        return switch (action) {
            case "failed" -> Optional.of(new ProviderStatus(messageId, address, words, DeliveryOutcome.BOUNCED,
                    code.startsWith("5") ? ProviderStatus.Feedback.BOUNCE : ProviderStatus.Feedback.NONE));
            case "delivered", "relayed", "expanded" -> Optional.of(new ProviderStatus(messageId, address, words,
                    DeliveryOutcome.DELIVERED));
            default -> Optional.empty();
        };
    }
}
