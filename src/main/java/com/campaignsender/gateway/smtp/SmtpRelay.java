package com.campaignsender.gateway.smtp;

import java.time.Duration;
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
 * 421 (too many) is given one fewer from then on, down to one.
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
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final Shrinkable permits;
    private final BlockingDeque<RelayTransport> idle = new LinkedBlockingDeque<>();

    /** {@code sandbox}: the built-in relay on this machine, spoken to in plain text whatever the account's security. */
    SmtpRelay(String host, int port, SmtpSettings settings, Duration timeout, boolean sandbox) {
        this.host = host;
        this.port = port;
        this.username = settings.username();
        this.password = settings.password();
        this.permits = new Shrinkable(Math.max(1, settings.connections()));
        this.session = Session.getInstance(properties(settings, timeout, sandbox));
    }

    Session session() {
        return session;
    }

    private static Properties properties(SmtpSettings settings, Duration timeout, boolean sandbox) {
        Properties properties = new Properties();
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

    /** Sends one message to {@code recipients}, the envelope's (the message's own To, and its copies). */
    Reply send(MimeMessage message, Address[] recipients) throws InterruptedException {
        permits.acquire();
        try {
            RelayTransport kept = idle.pollFirst();
            Reply reply = kept == null ? sendOnNew(message, recipients) : sendOn(kept, message, recipients);
            if (kept != null && reply.failure() != null && !reply.dataEnded() && !(reply.failure() instanceof SMTPSendFailedException)
                    && !kept.isConnected()) {
                // The relay had closed the kept connection: nothing of this message left; once more on a new one.
                reply = sendOnNew(message, recipients);
            }
            return reply;
        }
        finally {
            permits.release();
        }
    }

    private Reply sendOnNew(MimeMessage message, Address[] recipients) {
        RelayTransport transport;
        try {
            transport = (RelayTransport) session.getTransport(TRANSPORT);
            transport.connect(host, port, username, password);
        }
        catch (MessagingException ex) {
            if (SmtpReplies.code(ex) == SERVICE_NOT_AVAILABLE) {
                permits.shrink();
            }
            return new Reply(null, ex, false);
        }
        return sendOn(transport, message, recipients);
    }

    private Reply sendOn(RelayTransport transport, MimeMessage message, Address[] recipients) {
        transport.beginMessage();
        try {
            transport.sendMessage(message, recipients);
            String response = transport.getLastServerResponse();
            idle.offerFirst(transport);
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
                idle.offerFirst(transport);
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
        for (RelayTransport transport = idle.pollFirst(); transport != null; transport = idle.pollFirst()) {
            close(transport);
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
