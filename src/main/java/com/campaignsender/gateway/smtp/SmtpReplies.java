package com.campaignsender.gateway.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import com.campaignsender.gateway.SendOutcome;

/**
 * A relay's reply to one message, as every provider's answer is classified (SPEC section 21):
 * 250 ACCEPTED, with the Message-ID we gave it as the message's id and the reply (its queue id)
 * as its status; 4xx a refusal for now, retried; 5xx a refusal for good, in the relay's words;
 * 535 (or any refused AUTH) the account's credential, which stops the run; no final reply after the
 * message's data ended: no answer, the relay may have it.
 */
final class SmtpReplies {

    /** "Got bad greeting from SMTP host: h, port: 25, response: 421": Angus says a refused connection's code only so. */
    /** The ledger's provider_status. */
    static final int STATUS_CHARS = 255;
    private static final Pattern GREETING = Pattern.compile("response: (\\d{3})");

    private SmtpReplies() {
    }

    static SendOutcome outcome(SmtpRelay.Reply reply, String account, String messageId) {
        if (reply.failure() == null) {
            return SendOutcome.accepted(messageId, status(reply.response()), null);
        }
        MessagingException failure = reply.failure();
        if (failure instanceof AuthenticationFailedException) {
            return SendOutcome.failed(SendOutcome.Kind.UNAUTHORIZED, "the " + account
                    + " relay refused the account's username and password: " + words(failure), null);
        }
        int code = code(failure);
        if (code >= 500) {
            return SendOutcome.failed(SendOutcome.Kind.PERMANENT_FAILURE, words(failure), null);
        }
        if (code >= 400) {
            return SendOutcome.failed(SendOutcome.Kind.TRANSIENT_FAILURE, words(failure), null);
        }
        if (reply.dataEnded()) {
            return SendOutcome.failed(SendOutcome.Kind.NO_ANSWER, "the connection to the " + account
                    + " relay was lost after the message's data, before its final reply: " + words(failure), null);
        }
        return SendOutcome.failed(SendOutcome.Kind.TRANSIENT_FAILURE, "the " + account + " relay could not be reached or"
                + " the connection failed before the message left: " + words(failure), null);
    }

    /** A reply or bounce as the ledger keeps it: one line, at most {@value #STATUS_CHARS} characters. */
    static String status(String words) {
        String line = oneLine(words);
        return line.length() <= STATUS_CHARS ? line : line.substring(0, STATUS_CHARS - 1) + "…";
    }

    private static String oneLine(String words) {
        return words.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The reply code the relay gave, found wherever Angus put it; -1 when it gave none. */
    static int code(MessagingException failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (cause instanceof SMTPSenderFailedException sender) {
                return sender.getReturnCode();
            }
            if (cause instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
            Matcher greeting = GREETING.matcher(String.valueOf(cause.getMessage()));
            if (greeting.find()) {
                return Integer.parseInt(greeting.group(1));
            }
        }
        return -1;
    }

    /**
     * The relay's own words where it refused a recipient or the sender ({@code 550 5.1.1 <x@y>: no
     * such user}), else the innermost failure's; one line.
     */
    static String words(MessagingException failure) {
        List<Throwable> chain = chain(failure);
        Throwable said = chain.stream().filter(cause -> cause instanceof SMTPAddressFailedException
                || cause instanceof SMTPSenderFailedException).findFirst().orElse(chain.get(chain.size() - 1));
        return oneLine(said.getMessage() == null ? said.getClass().getSimpleName() : said.getMessage());
    }

    /** The failure and what it wraps: Jakarta Mail's next exceptions, then causes. */
    private static List<Throwable> chain(MessagingException failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause) && chain.size() < 10;
                cause = cause instanceof MessagingException mail && mail.getNextException() != null ? mail.getNextException()
                        : cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
