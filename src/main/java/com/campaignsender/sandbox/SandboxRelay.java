package com.campaignsender.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The sandbox's SMTP relay and bounce mailbox (SPEC sections 9 and 21): GreenMail's SMTP and IMAP
 * servers on free loopback ports, holding what they are sent in memory, with the faults of the
 * sandbox's HTTP providers. Its replies are the hooks below: {@link #recipients} may refuse a
 * recipient (RCPT), {@link #data} may refuse a message once its data has ended, or throw
 * {@link Reset} to drop the connection unanswered, and {@link #loseAnswer} keeps a message, then
 * drops the connection before its 250 (the relay took it; the client cannot know).
 */
public class SandboxRelay extends GreenMail {

    /** Thrown by a hook: the connection is dropped, with no reply, and the message is not kept. */
    public static final class Reset extends RuntimeException {

        public Reset() {
            super("the sandbox relay dropped the connection");
        }
    }

    /** Thrown past GreenMail's own handling (it answers any exception 451): the connection just ends. */
    private static final class AnswerLost extends Error {

        AnswerLost() {
            super("the sandbox relay kept the message and dropped the connection before its reply");
        }
    }

    /** A recipient's reply at RCPT: null to accept it, or a whole reply line ({@code 550 5.1.1 ...}). */
    public volatile BiFunction<SmtpState, MailAddress, String> recipients = (state, recipient) -> null;
    /** A message's reply once its data has ended: null to take it, a reply line to refuse it. */
    public volatile Function<SmtpState, String> data = state -> null;
    /** Whether the message is kept and its reply lost. */
    public volatile Function<SmtpState, Boolean> loseAnswer = state -> false;

    public SandboxRelay() {
        super(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        this.managers = new HookedManagers();
    }

    /**
     * The sandbox's relay with the sandbox's faults: {@code failureRate} of messages refused 451
     * for now, {@code resetRate} dropped unanswered and not kept, {@code lostAnswerRate} kept and
     * their replies lost, {@code latency} before each message's reply; and its magic recipients:
     * {@code reject...@} refused 550 5.1.1 (no such user).
     */
    public static SandboxRelay of(SandboxSettings settings) {
        SandboxRelay relay = new SandboxRelay();
        relay.recipients = (state, recipient) -> recipient.getEmail().startsWith("reject")
                ? "550 5.1.1 <" + recipient.getEmail() + ">: Recipient address rejected: no such user (sandbox)" : null;
        relay.data = state -> {
            pause(settings.latency());
            double draw = ThreadLocalRandom.current().nextDouble();
            if (draw < settings.failureRate()) {
                return "451 4.3.0 the sandbox relay failed this message for now (campaign.sandbox.failure-rate)";
            }
            if (draw < settings.failureRate() + settings.resetRate()) {
                throw new Reset();
            }
            return null;
        };
        relay.loseAnswer = state -> ThreadLocalRandom.current().nextDouble() < settings.lostAnswerRate();
        return relay;
    }

    /** Where an account sends to it: {@code smtp://127.0.0.1:<port>}. */
    public URI smtpUrl() {
        return URI.create("smtp://127.0.0.1:" + getSmtp().getPort());
    }

    private static void pause(Duration latency) {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class HookedManagers extends Managers {

        private final SmtpManager smtp = new SmtpManager(getImapHostManager(), getUserManager()) {
            @Override
            public String checkRecipient(SmtpState state, MailAddress recipient) {
                return recipients.apply(state, recipient);
            }

            @Override
            public String checkData(SmtpState state) {
                return data.apply(state);
            }

            @Override
            public synchronized void send(SmtpState state) {
                super.send(state);
                if (loseAnswer.apply(state)) {
                    throw new AnswerLost();
                }
            }
        };

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }
    }
}
