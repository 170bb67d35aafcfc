package com.campaignsender.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.AuthCommand;
import com.icegreen.greenmail.smtp.commands.HeloCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The sandbox's SMTP relay and bounce mailbox (SPEC sections 9 and 21): GreenMail's SMTP and IMAP
 * servers on free loopback ports, holding what they are sent in memory, with the faults of the
 * sandbox's HTTP providers. Its replies are the hooks below: {@link #recipients} may refuse a
 * recipient (RCPT), {@link #data} may refuse a message once its data has ended, or throw
 * {@link Reset} to drop the connection unanswered, and {@link #loseAnswer} keeps a message, then
 * drops the connection before its 250 (the relay took it; the client cannot know). It announces
 * SMTPUTF8 (RFC 6531), as Postfix does by default, unless {@link #announcesSmtpUtf8} is turned off.
 */
public class SandboxRelay extends GreenMail {

    /** The provider type it plays. */
    public static final String TYPE = "smtp";
    /** The login and password of its bounce mailbox. */
    public static final String BOUNCE_MAILBOX = "sandbox-bounces";

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
    /** Whether its EHLO reply announces SMTPUTF8: off, it plays a relay that carries no address whose local part is not ASCII. */
    public volatile boolean announcesSmtpUtf8 = true;
    /** After a message is kept: the sandbox's bounces of its magic recipients. */
    private volatile Consumer<SmtpState> afterKept = state -> { };
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sandbox-bounces");
        thread.setDaemon(true);
        return thread;
    });

    public SandboxRelay() {
        super(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        this.managers = new HookedManagers();
    }

    @Override
    public synchronized void start() {
        super.start();
        setUser(BOUNCE_MAILBOX + "@sandbox.invalid", BOUNCE_MAILBOX, BOUNCE_MAILBOX);
    }

    @Override
    public synchronized void stop() {
        later.shutdownNow();
        super.stop();
    }

    /**
     * The sandbox's relay with the sandbox's faults: {@code failureRate} of messages refused 451
     * for now, {@code resetRate} dropped unanswered and not kept, {@code lostAnswerRate} kept and
     * their replies lost, {@code latency} before each message's reply; and its magic recipients:
     * {@code reject...@} refused 550 5.1.1 (no such user), {@code bounce...@} taken and bounced a
     * status step later: a delivery status notification (RFC 3464) to the message's return path,
     * in the bounce mailbox.
     */
    public static SandboxRelay of(SandboxSettings settings) {
        SandboxRelay relay = new SandboxRelay();
        relay.afterKept = state -> {
            MovingMessage message = state.getMessage();
            String returnPath = message.getReturnPath().getEmail();
            String messageId = messageId(message);
            message.getToAddresses().stream().filter(to -> to.getEmail().startsWith("bounce"))
                    .forEach(to -> relay.later.schedule(() -> relay.bounce(returnPath, messageId, to.getEmail()),
                            settings.statusStep().toMillis(), TimeUnit.MILLISECONDS));
        };
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

    /**
     * Where an account sends to it: {@code smtp://127.0.0.1:<port>}, naming its bounce mailbox
     * ({@code ?bounces=<its IMAP URL>}) for an account that reads bounces on the sandbox.
     */
    public URI smtpUrl() {
        return URI.create("smtp://127.0.0.1:" + getSmtp().getPort() + "?bounces="
                + URLEncoder.encode(bounceMailbox(), StandardCharsets.UTF_8));
    }

    /** Its bounce mailbox, over IMAP. */
    public String bounceMailbox() {
        return "imap://" + BOUNCE_MAILBOX + ":" + BOUNCE_MAILBOX + "@127.0.0.1:" + getImap().getPort() + "/INBOX";
    }

    /** A bounce as Postfix writes one, to the message's return path, in the bounce mailbox. */
    private void bounce(String returnPath, String messageId, String recipient) {
        try {
            String raw = String.join("\r\n",
                    "From: MAILER-DAEMON@sandbox.invalid (Mail Delivery System)",
                    "To: " + returnPath,
                    "Subject: Undelivered Mail Returned to Sender",
                    "MIME-Version: 1.0",
                    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"sandbox-bounce\"",
                    "",
                    "--sandbox-bounce",
                    "Content-Type: text/plain; charset=us-ascii",
                    "",
                    "The sandbox bounces every message to a bounce...@ address.",
                    "",
                    "--sandbox-bounce",
                    "Content-Type: message/delivery-status",
                    "",
                    "Reporting-MTA: dns; sandbox.invalid",
                    "",
                    "Final-Recipient: rfc822; " + recipient,
                    "Action: failed",
                    "Status: 5.1.1",
                    "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: the sandbox bounces this address",
                    "",
                    "--sandbox-bounce",
                    "Content-Type: text/rfc822-headers",
                    "",
                    "Message-ID: " + messageId,
                    "",
                    "--sandbox-bounce--",
                    "");
            MimeMessage dsn = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
            getUserManager().getUser(BOUNCE_MAILBOX).deliver(dsn);
        }
        catch (Exception ex) {
            // a simulator's bounce that could not be made: the message simply stays taken
        }
    }

    private static String messageId(MovingMessage message) {
        try {
            return message.getMessage().getMessageID();
        }
        catch (MessagingException ex) {
            return "<unknown@sandbox.invalid>";
        }
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

    /** Its SMTP server answers EHLO through {@link Ehlo}. */
    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(config, managers);
        ServerSetup smtp = services.get(ServerSetup.PROTOCOL_SMTP).getServerSetup();
        services.put(ServerSetup.PROTOCOL_SMTP, new SmtpServer(smtp, managers) {
            @Override
            protected ProtocolHandler createProtocolHandler(Socket client) {
                return new SmtpHandler(new SmtpCommandRegistry() {
                    @Override
                    public SmtpCommand getCommand(String name) {
                        return name.equals("EHLO") ? new Ehlo() : super.getCommand(name);
                    }
                }, managers.getSmtpManager(), client);
            }
        });
        return services;
    }

    /** GreenMail's EHLO reply, or the same reply without SMTPUTF8 while {@link #announcesSmtpUtf8} is off. */
    private final class Ehlo extends SmtpCommand {

        private final SmtpCommand greenMails = new HeloCommand();

        @Override
        public void execute(SmtpConnection connection, SmtpState state, SmtpManager manager, String line) throws IOException {
            if (announcesSmtpUtf8) {
                greenMails.execute(connection, state, manager, line);
                return;
            }
            connection.setHeloName(line.length() > 5 ? line.substring(5) : null);
            state.clearMessage();
            connection.send("250-" + connection.getServerGreetingsName());
            connection.send("250 AUTH " + AuthCommand.SUPPORTED_AUTH_MECHANISM);
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
                afterKept.accept(state);
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
