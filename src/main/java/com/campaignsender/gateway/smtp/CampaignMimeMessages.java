package com.campaignsender.gateway.smtp;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;

import org.eclipse.angus.mail.smtp.SMTPMessage;

import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.SendRequest;

/**
 * A campaign's messages as real MIME (SPEC section 21): From the campaign's sender, To the
 * recipient, Subject (RFC 2047 encoded where it is not plain ASCII), Date, a Message-ID of our own,
 * the text and html as multipart/alternative when both are given, attachments beside them, the
 * copies on the envelope only where they are blind (Bcc is never a header), RFC 8058's
 * List-Unsubscribe and List-Unsubscribe-Post for a campaign with unsubscribe links, a Return-Path
 * of the message's own (VERP) when bounces are read, and a DKIM signature when configured.
 */
final class CampaignMimeMessages {

    /**
     * A message ready for the relay: what to send, to whom on the envelope, the Message-ID it carries,
     * and whether it is to an address whose local part is not ASCII (RFC 6531), made in UTF-8.
     */
    record Composed(MimeMessage message, Address[] recipients, String messageId, boolean utf8) {
    }

    private final SmtpRelay relay;
    private final Envelope envelope;
    private final InternetAddress from;
    private final List<InternetAddress> cc;
    private final List<InternetAddress> bcc;
    private final Optional<ReturnPath> returnPath;
    private final Optional<DkimSigning> dkim;

    CampaignMimeMessages(SmtpRelay relay, Envelope envelope, Optional<ReturnPath> returnPath, Optional<DkimSigning> dkim) {
        this.relay = relay;
        this.envelope = envelope;
        this.returnPath = returnPath;
        this.dkim = dkim;
        try {
            this.from = new InternetAddress(envelope.fromAddress(), envelope.fromName(), StandardCharsets.UTF_8.name());
            this.cc = addresses(envelope.cc());
            this.bcc = addresses(envelope.bcc());
        }
        catch (UnsupportedEncodingException | MessagingException ex) {
            throw new IllegalArgumentException("the campaign's sender or copies are no email addresses: " + ex.getMessage(), ex);
        }
    }

    Composed compose(SendRequest request) throws MessagingException {
        String token = token(request.reference());
        String messageId = "<" + token + "@" + returnPath.map(ReturnPath::domain).orElse(domainOf(from.getAddress())) + ">";
        boolean utf8 = !isAscii(request.to());
        SMTPMessage message = new OwnIdMessage(relay.session(utf8), messageId);
        message.setFrom(from);
        InternetAddress to = new InternetAddress(request.to(), true);
        message.setRecipient(Message.RecipientType.TO, to);
        if (!cc.isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, cc.toArray(Address[]::new));
        }
        if (request.subject() != null) {
            message.setSubject(request.subject(), StandardCharsets.UTF_8.name());
        }
        message.setSentDate(new Date());
        if (request.unsubscribeUrl() != null) {
            message.setHeader("List-Unsubscribe", "<" + request.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        body(message, request);
        message.saveChanges();
        SMTPMessage sent = dkim.isPresent() ? dkim.get().sign(message) : message;
        returnPath.ifPresent(path -> sent.setEnvelopeFrom(path.forToken(token)));
        List<Address> recipients = new ArrayList<>();
        recipients.add(to);
        recipients.addAll(cc);
        recipients.addAll(bcc);
        return new Composed(sent, recipients.toArray(Address[]::new), messageId, utf8);
    }

    /** The address as sent has its domain in A-labels: only a local part can hold what is not ASCII. */
    private static boolean isAscii(String address) {
        return address.chars().allMatch(c -> c < 128);
    }

    /** The text and html (alternatives of one another), and the attachments beside them. */
    private void body(SMTPMessage message, SendRequest request) throws MessagingException {
        if (envelope.attachments().isEmpty()) {
            content(message, request);
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart content = new MimeBodyPart();
        content(content, request);
        mixed.addBodyPart(content);
        for (Envelope.Attachment attachment : envelope.attachments()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
            part.setFileName(attachment.fileName());
            part.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        message.setContent(mixed);
    }

    private static void content(MimePart part, SendRequest request) throws MessagingException {
        if (request.html() != null && request.text() != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text(request.text(), "plain"));
            alternative.addBodyPart(text(request.html(), "html"));
            part.setContent(alternative);
        }
        else if (request.html() != null) {
            part.setText(request.html(), StandardCharsets.UTF_8.name(), "html");
        }
        else {
            part.setText(request.text() == null ? "" : request.text(), StandardCharsets.UTF_8.name(), "plain");
        }
    }

    private static MimeBodyPart text(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, StandardCharsets.UTF_8.name(), subtype);
        return part;
    }

    /** The request's reference (campaign-run-row) and a random part: unique for every message, and a valid local part. */
    private static String token(String reference) {
        String safe = reference.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return safe + "." + HexFormat.of().formatHex(random);
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    private static List<InternetAddress> addresses(List<String> addresses) throws MessagingException {
        List<InternetAddress> parsed = new ArrayList<>();
        for (String address : addresses) {
            parsed.add(new InternetAddress(address, true));
        }
        return parsed;
    }

    /** A message that keeps the Message-ID it was given: Jakarta Mail would make its own at {@code saveChanges}. */
    private static final class OwnIdMessage extends SMTPMessage {

        private final String messageId;

        OwnIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
