package com.campaignsender.gateway.smtp;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;

import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, told apart at the one moment that matters (SPEC section 21): once the
 * message's data has ended, the relay may have taken it, and a connection lost before its final
 * reply leaves the message in doubt; a failure any earlier sent nothing. Public, with Angus's
 * constructor, because Jakarta Mail makes it from its class name (a {@link jakarta.mail.Provider}).
 */
public class RelayTransport extends SMTPTransport {

    private final boolean utf8;
    private boolean finalReplyAwaited;

    public RelayTransport(Session session, URLName url) {
        super(session, url);
        this.utf8 = Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"));
    }

    /** Whether it speaks UTF-8 and asks for SMTPUTF8 (RFC 6531): a connection for messages to such addresses. */
    boolean utf8() {
        return utf8;
    }

    /** Whether the last message's data had ended when it failed: the relay may have it. */
    synchronized boolean dataEnded() {
        return finalReplyAwaited;
    }

    /** Before each message: nothing of it has left yet. */
    synchronized void beginMessage() {
        finalReplyAwaited = false;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        finalReplyAwaited = true;
        super.finishData();
    }
}
