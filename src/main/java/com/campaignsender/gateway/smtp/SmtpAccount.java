package com.campaignsender.gateway.smtp;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.mail.MessagingException;

import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.AccountSettings;
import com.campaignsender.gateway.AccountSetup;
import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.Provider;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.StatusFeed;
import com.campaignsender.gateway.Unanswered;
import com.campaignsender.gateway.Webhook;

/**
 * One SMTP account: its relay (one set of kept connections for every campaign and run on the
 * account, opened when first sent through), its DKIM key and its bounce mailbox. A relay pushes
 * nothing: its webhook reads nothing.
 */
final class SmtpAccount implements AccountConnection {

    private static final String SANDBOX_RETURN_PATH = "bounces@sandbox.invalid";
    /** The sandbox's relay names its bounce mailbox in its URL's query: {@code ?bounces=imap://...}. */
    private static final String SANDBOX_BOUNCES = "bounces=";

    private final Provider provider;
    private final AccountSetup setup;
    private final SmtpSettings smtp;
    private SmtpRelay relay;
    /** On the sandbox: its bounce mailbox, which an account that names none of its own reads. */
    private Optional<String> sandboxBounces = Optional.empty();

    SmtpAccount(Provider provider, AccountSetup setup) {
        this.provider = provider;
        this.setup = setup;
        this.smtp = setup.bind(SmtpSettings.class);
    }

    @Override
    public String name() {
        return setup.name();
    }

    @Override
    public Provider provider() {
        return provider;
    }

    @Override
    public AccountSettings settings() {
        return setup.settings();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        boolean user = smtp.username() != null && !smtp.username().isBlank();
        boolean password = smtp.password() != null && !smtp.password().isBlank();
        if (user != password) {
            problems.add(setup.prefix() + ".username and " + setup.prefix() + ".password are set together (or neither)");
        }
        if (smtp.dkim().configured()) {
            try {
                DkimSigning.of(smtp.dkim());
            }
            catch (IllegalArgumentException ex) {
                problems.add(setup.prefix() + ".dkim: " + ex.getMessage());
            }
        }
        try {
            returnPath();
        }
        catch (IllegalArgumentException ex) {
            problems.add(setup.prefix() + "." + ex.getMessage());
        }
        return problems;
    }

    @Override
    public MessageGateway gateway(Channel channel, Envelope envelope) {
        SmtpRelay relay = relay();
        BounceMailbox mailbox = mailbox();
        return new SmtpEmailGateway(name(), relay,
                new CampaignMimeMessages(relay, envelope, mailbox.returnPath(),
                        smtp.dkim().configured() ? Optional.of(DkimSigning.of(smtp.dkim())) : Optional.empty()),
                smtp.inDoubt() == SmtpSettings.InDoubt.RESEND ? Unanswered.RESENT : Unanswered.LEFT_UNKNOWN, mailbox);
    }

    /** Its bounce mailbox, when it reads one: its own, or the sandbox's once this account has sent through the sandbox. */
    @Override
    public Optional<StatusFeed.Bounces> bounces() {
        BounceMailbox mailbox = mailbox();
        return mailbox.reads() ? Optional.of(mailbox) : Optional.empty();
    }

    /**
     * Where its bounces return to and are read from. On the sandbox, an account that sets no bounce
     * mailbox reads the sandbox's, its messages returning to {@value #SANDBOX_RETURN_PATH}, so that a
     * new user sees bounces; with neither, its messages return to their sender and nothing is read.
     */
    private synchronized BounceMailbox mailbox() {
        String own = smtp.bounces().imapUrl() == null || smtp.bounces().imapUrl().isBlank() ? null : smtp.bounces().imapUrl();
        Optional<String> sandbox = own == null ? sandboxBounces : Optional.empty();
        Optional<ReturnPath> returnPath = returnPath().or(() -> sandbox.map(url -> ReturnPath.parse(SANDBOX_RETURN_PATH)));
        return new BounceMailbox(name(), own != null ? own : sandbox.orElse(null), returnPath, settings().timeout());
    }

    /** Its relay is asked, once it is needed, whether it announces SMTPUTF8 (SPEC section 23). */
    @Override
    public Optional<String> unicodeLocalPartsRefused() {
        try {
            return relay().announcesSmtpUtf8() ? Optional.empty()
                    : Optional.of("which the relay of account '" + name() + "' does not carry: it does not announce SMTPUTF8");
        }
        catch (MessagingException ex) {
            throw new ProviderException("the relay of account '" + name() + "' could not be asked whether it carries"
                    + " addresses whose local part is not ASCII (SMTPUTF8): " + SmtpReplies.words(ex));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ProviderException("stopped while asking the relay of account '" + name() + "' whether it announces SMTPUTF8");
        }
    }

    @Override
    public Webhook readWebhook(byte[] body, Function<String, String> headers) {
        return Webhook.unreadable("an SMTP relay pushes nothing; bounces are read from the account's bounce mailbox");
    }

    private Optional<ReturnPath> returnPath() {
        String address = smtp.bounces().returnPath();
        return address == null || address.isBlank() ? Optional.empty() : Optional.of(ReturnPath.parse(address));
    }

    /** The account's relay: its host, or the sandbox's (its base-url: {@code smtp://host:port}) when it names none. */
    private synchronized SmtpRelay relay() {
        if (relay == null) {
            if (smtp.usesSandbox()) {
                URI url = setup.baseUrl().get();
                relay = new SmtpRelay(url.getHost(), url.getPort(), smtp, settings().timeout(), settings().usesSandbox());
                if (settings().usesSandbox() && url.getQuery() != null && url.getQuery().startsWith(SANDBOX_BOUNCES)) {
                    sandboxBounces = Optional.of(URLDecoder.decode(url.getRawQuery().substring(SANDBOX_BOUNCES.length()),
                            StandardCharsets.UTF_8));
                }
            }
            else {
                relay = new SmtpRelay(smtp.host(), smtp.port() != null ? smtp.port() : smtp.security().defaultPort(), smtp,
                        settings().timeout(), false);
            }
        }
        return relay;
    }
}
