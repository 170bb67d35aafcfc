package com.campaignsender.gateway.smtp;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * One account's relay (SPEC section 21): Jakarta Mail sessions over at most {@code connections}
 * connections, kept open and reused across messages, chunks and runs. A connection the relay
 * closed while it was kept (its idle timeout) fails before anything of the next message left:
 * that message is tried once more on a new connection. A relay that refuses a connection with
 * 421 (too many) is given one fewer from then on, down to one. A message to an address whose
 * local part is not ASCII (RFC 6531, SPEC section 23) goes over connections of its own, whose
 * commands and headers are UTF-8 and whose MAIL FROM asks for SMTPUTF8; every other message's
 * connections speak ASCII as before, so that no relay downstream is asked for SMTPUTF8 it is not needed for.
 */
final class SmtpRelay implements AutoCloseable {

    /** A 421 at connect: the relay has too many connections, or is closing down. */
    private static final int SERVICE_NOT_AVAILABLE = 421;
    /** Angus's SMTP transport, as {@link RelayTransport} tells apart when a message's data has ended. */
    private static final Provider TRANSPORT = new Provider(Provider.Type.TRANSPORT, "smtp", RelayTransport.class.getName(),
            "campaign-sender", null);

    /** What the relay answered one message: its final reply, or why not and whether the message's data had ended. */
    record Reply(String response, MessagingException failure, boolean dataEnded) {
    }

    private final Session session;
    /** Angus reads {@code mail.mime.allowutf8} per session: a message and a connection are UTF-8 or not for good. */
    private final Session utf8Session;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final Shrinkable permits;
    /** Kept connections, ASCII and UTF-8: together never more than the connections allowed. */
    private final BlockingDeque<RelayTransport> idle = new LinkedBlockingDeque<>();
    private final BlockingDeque<RelayTransport> idleUtf8 = new LinkedBlockingDeque<>();
    /** Whether the relay announced SMTPUTF8 in its EHLO reply on the latest connection opened; null before the first. */
    private volatile Boolean smtpUtf8;

    /** {@code sandbox}: the built-in relay on this machine, spoken to in plain text whatever the account's security. */
    SmtpRelay(String host, int port, SmtpSettings settings, Duration timeout, boolean sandbox) {
        this.host = host;
        this.port = port;
        this.username = settings.username();
        this.password = settings.password();
        this.permits = new Shrinkable(Math.max(1, settings.connections()));
        this.session = Session.getInstance(properties(settings, timeout, sandbox, false));
        this.utf8Session = Session.getInstance(properties(settings, timeout, sandbox, true));
    }

    /** The session a message is made in: {@code utf8} for one to an address whose local part is not ASCII. */
    Session session(boolean utf8) {
        return utf8 ? utf8Session : session;
    }

    private static Properties properties(SmtpSettings settings, Duration timeout, boolean sandbox, boolean utf8) {
        Properties properties = new Properties();
        properties.put("mail.mime.allowutf8", String.valueOf(utf8));
        String millis = String.valueOf(timeout.toMillis());
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.put("mail.smtp.auth", String.valueOf(settings.username() != null && !settings.username().isBlank()));
        switch (sandbox ? SmtpSettings.Security.NONE : settings.security()) {
            case STARTTLS -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true");
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                properties.put("mail.smtp.ssl.enable", "true");
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return properties;
    }

    /**
     * Whether the relay announces SMTPUTF8: as it answered the latest connection opened, or, before
     * any, a new connection's answer (kept for the messages after). Throws when it cannot be reached.
     */
    boolean announcesSmtpUtf8() throws MessagingException, InterruptedException {
        Boolean known = smtpUtf8;
        if (known != null) {
            return known;
        }
        permits.acquire();
        try {
            keep(connect(false));
            return smtpUtf8;
        }
        finally {
            permits.release();
        }
    }

    /**
     * Sends one message to {@code recipients}, the envelope's (the message's own To, and its copies);
     * {@code utf8}: a message made in {@link #session(boolean) the UTF-8 session}.
     */
    Reply send(MimeMessage message, Address[] recipients, boolean utf8) throws InterruptedException {
        permits.acquire();
        try {
            RelayTransport kept = kept(utf8);
            Reply reply = kept == null ? sendOnNew(message, recipients, utf8) : sendOn(kept, message, recipients);
            if (kept != null && reply.failure() != null && !reply.dataEnded() && !(reply.failure() instanceof SMTPSendFailedException)
                    && !kept.isConnected()) {
                // The relay had closed the kept connection: nothing of this message left; once more on a new one.
                reply = sendOnNew(message, recipients, utf8);
            }
            return reply;
        }
        finally {
            permits.release();
        }
    }

    /** A kept connection of the kind asked for; null when none is. */
    private RelayTransport kept(boolean utf8) {
        return (utf8 ? idleUtf8 : idle).pollFirst();
    }

    private void keep(RelayTransport transport) {
        (transport.utf8() ? idleUtf8 : idle).offerFirst(transport);
    }

    private Reply sendOnNew(MimeMessage message, Address[] recipients, boolean utf8) {
        try {
            return sendOn(connect(utf8), message, recipients);
        }
        catch (MessagingException ex) {
            return new Reply(null, ex, false);
        }
    }

    /**
     * A new connection, of a permit held without a connection. One kept of the other kind is closed
     * first, if any is: the connections open, kept or in use, stay within those allowed.
     */
    private RelayTransport connect(boolean utf8) throws MessagingException {
        RelayTransport other = kept(!utf8);
        if (other != null) {
            close(other);
        }
        RelayTransport transport = (RelayTransport) session(utf8).getTransport(TRANSPORT);
        try {
            transport.connect(host, port, username, password);
        }
        catch (MessagingException ex) {
            if (SmtpReplies.code(ex) == SERVICE_NOT_AVAILABLE) {
                permits.shrink();
            }
            throw ex;
        }
        smtpUtf8 = transport.supportsExtension("SMTPUTF8");
        return transport;
    }

    private Reply sendOn(RelayTransport transport, MimeMessage message, Address[] recipients) {
        transport.beginMessage();
        try {
            transport.sendMessage(message, recipients);
            String response = transport.getLastServerResponse();
            keep(transport);
            return new Reply(response, null, false);
        }
        catch (MessagingException ex) {
            boolean dataEnded = transport.dataEnded();
            int code = SmtpReplies.code(ex);
            if (code < 0 || code == SERVICE_NOT_AVAILABLE) {
                // no reply (a lost connection), or the relay closing it: the connection is done with
                close(transport);
            }
            else {
                // A refusal (RCPT 550, 451 after the data): the relay reset the transaction; the connection serves on.
                keep(transport);
            }
            return new Reply(null, ex, dataEnded);
        }
    }

    /** How many connections the relay is given now. */
    int connections() {
        return permits.allowed();
    }

    @Override
    public void close() {
        for (BlockingDeque<RelayTransport> kept : List.of(idle, idleUtf8)) {
            for (RelayTransport transport = kept.pollFirst(); transport != null; transport = kept.pollFirst()) {
                close(transport);
            }
        }
    }

    private static void close(RelayTransport transport) {
        try {
            transport.close();
        }
        catch (MessagingException ex) {
            // closing a connection the relay dropped: nothing to do
        }
    }

    /** A semaphore that can be given fewer permits for good, never fewer than one. */
    private static final class Shrinkable extends Semaphore {

        private int allowed;

        Shrinkable(int permits) {
            super(permits);
            this.allowed = permits;
        }

        synchronized void shrink() {
            if (allowed > 1) {
                allowed--;
                reducePermits(1);
            }
        }

        synchronized int allowed() {
            return allowed;
        }
    }
}
