package com.campaignsender.gateway.smtp;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.AccountSettings;
import com.campaignsender.gateway.AccountSetup;
import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.Provider;
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

    /**
     * A campaign's gateway. On the sandbox, an account that sets no bounce mailbox reads the
     * sandbox's, its messages returning to {@value #SANDBOX_RETURN_PATH}, so that a new user sees bounces.
     */
    @Override
    public MessageGateway gateway(Channel channel, Envelope envelope) {
        SmtpRelay relay = relay();
        Optional<StatusFeed.Bounces> bounces = bounces();
        Optional<ReturnPath> returnPath = bounces.map(mailbox -> ((BounceMailbox) mailbox).returnPath()).orElseGet(this::returnPath);
        return new SmtpEmailGateway(name(), relay,
                new CampaignMimeMessages(relay.session(), envelope, returnPath,
                        smtp.dkim().configured() ? Optional.of(DkimSigning.of(smtp.dkim())) : Optional.empty()),
                smtp.inDoubt() == SmtpSettings.InDoubt.RESEND ? Unanswered.RESENT : Unanswered.LEFT_UNKNOWN,
                bounces.orElseGet(() -> new BounceMailbox(name(), null, returnPath, settings().timeout())));
    }

    /** Its own bounce mailbox, or the sandbox's once this account has sent through the sandbox. */
    @Override
    public synchronized Optional<StatusFeed.Bounces> bounces() {
        boolean ownBounces = smtp.bounces().imapUrl() != null && !smtp.bounces().imapUrl().isBlank();
        if (!ownBounces && sandboxBounces.isEmpty()) {
            return Optional.empty();
        }
        Optional<ReturnPath> returnPath = returnPath()
                .or(() -> ownBounces ? Optional.empty() : Optional.of(ReturnPath.parse(SANDBOX_RETURN_PATH)));
        return Optional.of(new BounceMailbox(name(), ownBounces ? smtp.bounces().imapUrl() : sandboxBounces.get(), returnPath,
                settings().timeout()));
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
