package com.campaignsender.gateway.voipbin;

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
 * VoIPBIN (providers.md): email and SMS. Its email has one content field and no sender of the
 * campaign's (it goes from the account's own default source), no copies, no attachment files.
 * Its documented limit is per customer, every credential together: about 16.7 requests a second,
 * a burst of 33, reads and sends alike.
 */
@Component
class VoipbinProvider implements Provider {

    static final String TYPE = "voipbin";
    private static final Carries EMAIL = new Carries(false, false, false, false, false);
    private static final DocumentedLimits LIMITS = new DocumentedLimits(new Limit(1000, Duration.ofMinutes(1), 33),
            Optional.empty());

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<Channel, Carries> channels() {
        return Map.of(Channel.EMAIL, EMAIL, Channel.SMS, Carries.TEXT);
    }

    @Override
    public DocumentedLimits limits() {
        return LIMITS;
    }

    @Override
    public AccountConnection connect(AccountSetup setup) {
        return new VoipbinAccount(this, setup);
    }
}
