package com.campaignsender.gateway.smtp;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.AccountSetup;
import com.campaignsender.gateway.Carries;
import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.DocumentedLimits;
import com.campaignsender.gateway.Limit;
import com.campaignsender.gateway.Provider;

/**
 * An SMTP relay (SPEC section 21): a Postfix, Amazon SES's SMTP interface, a corporate relay.
 * Email only, and all of a campaign's email: text and html, copies, attachments, the campaign's
 * sender, headers. A relay documents no rate of ours: its connections pace it, and an account's
 * {@code rate} (SES: its sending quota) sets one; the limit here only keeps an unset budget finite.
 */
@Component
class SmtpProvider implements Provider {

    static final String TYPE = "smtp";
    private static final DocumentedLimits LIMITS = new DocumentedLimits(new Limit(1000, Duration.ofSeconds(1), 1000),
            Optional.empty());

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<Channel, Carries> channels() {
        return Map.of(Channel.EMAIL, new Carries(true, true, true, true, true));
    }

    @Override
    public DocumentedLimits limits() {
        return LIMITS;
    }

    @Override
    public AccountConnection connect(AccountSetup setup) {
        return new SmtpAccount(this, setup);
    }
}
