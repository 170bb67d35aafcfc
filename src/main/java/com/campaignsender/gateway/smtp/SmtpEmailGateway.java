package com.campaignsender.gateway.smtp;

import java.time.Instant;
import java.util.List;

import jakarta.mail.MessagingException;

import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.gateway.SentSearch;
import com.campaignsender.gateway.StatusFeed;
import com.campaignsender.gateway.Unanswered;

/**
 * A campaign's email through an SMTP relay (SPEC section 21): each request made a MIME message
 * and handed to the relay over the account's kept connections. A relay cannot be asked what it
 * took: an unanswered message is left UNKNOWN or sent again, as the account says; what comes back
 * afterwards is its bounces.
 */
final class SmtpEmailGateway implements MessageGateway {

    private final String account;
    private final SmtpRelay relay;
    private final CampaignMimeMessages messages;
    private final Unanswered unanswered;
    private final StatusFeed.Bounces bounces;

    SmtpEmailGateway(String account, SmtpRelay relay, CampaignMimeMessages messages, Unanswered unanswered,
            StatusFeed.Bounces bounces) {
        this.account = account;
        this.relay = relay;
        this.messages = messages;
        this.unanswered = unanswered;
        this.bounces = bounces;
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public SendOutcome send(SendRequest request) {
        CampaignMimeMessages.Composed composed;
        try {
            composed = messages.compose(request);
        }
        catch (MessagingException | IllegalArgumentException ex) {
            return SendOutcome.failed(SendOutcome.Kind.PERMANENT_FAILURE, "no message could be made for "
                    + request.to() + ": " + ex.getMessage(), null);
        }
        try {
            if (composed.utf8() && !relay.announcesSmtpUtf8()) {
                return SendOutcome.failed(SendOutcome.Kind.PERMANENT_FAILURE, "the " + account + " relay no longer announces"
                        + " SMTPUTF8, which an address whose local part is not ASCII needs (RFC 6531)", null);
            }
            return SmtpReplies.outcome(relay.send(composed.message(), composed.recipients(), composed.utf8()), account,
                    composed.messageId());
        }
        catch (MessagingException unreachable) {
            // asking whether it announces SMTPUTF8 found no relay: nothing left
            return SmtpReplies.outcome(new SmtpRelay.Reply(null, unreachable, false), account, null);
        }
        catch (InterruptedException ex) {
            // Stopped while waiting for a connection: nothing of the message left.
            Thread.currentThread().interrupt();
            return SendOutcome.failed(SendOutcome.Kind.TRANSIENT_FAILURE, "stopped before the message left", null);
        }
    }

    @Override
    public StatusFeed statusFeed() {
        return bounces;
    }

    @Override
    public SentSearch searchSent(List<SendRequest> requests, Instant from, Instant before) {
        throw new UnsupportedOperationException("an SMTP relay cannot be asked what it took; see unanswered()");
    }

    @Override
    public Unanswered unanswered() {
        return unanswered;
    }
}
