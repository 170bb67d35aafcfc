package com.campaignsender.gateway.infobip;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.AccountSetup;
import com.campaignsender.gateway.Carries;
import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.DefinitionSection;
import com.campaignsender.gateway.DocumentedLimits;
import com.campaignsender.gateway.Limit;
import com.campaignsender.gateway.Provider;

/**
 * Infobip email (providers.md): everything a campaign's email has, and request fields of its own
 * under a definition's {@code infobip:} section. Its documented limits: 4,000 sends a second, and
 * 120 report and log reads a minute for the account, all its readers and processes together.
 */
@Component
class InfobipProvider implements Provider {

    static final String TYPE = "infobip";
    private static final DocumentedLimits LIMITS = new DocumentedLimits(new Limit(4000, Duration.ofSeconds(1), 4000),
            Optional.of(new Limit(120, Duration.ofMinutes(1), 120)));
    /** Definition key -> Infobip's field name, for the fields of {@code POST /email/3/send} we pass through. */
    private static final DefinitionSection SECTION = new DefinitionSection(TYPE, fields(
            "notify-url", "notifyUrl", "notify-content-type", "notifyContentType", "callback-data", "callbackData",
            "intermediate-report", "intermediateReport", "tracking-url", "trackingUrl", "track", "track",
            "track-clicks", "trackClicks", "track-opens", "trackOpens", "ip-pool-id", "ipPoolId",
            "reply-to", "replyTo"), Set.of("track", "track-clicks", "track-opens", "intermediate-report"));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<Channel, Carries> channels() {
        return Map.of(Channel.EMAIL, new Carries(true, true, true, true, true));
    }

    @Override
    public Optional<DefinitionSection> section() {
        return Optional.of(SECTION);
    }

    @Override
    public DocumentedLimits limits() {
        return LIMITS;
    }

    @Override
    public AccountConnection connect(AccountSetup setup) {
        return new InfobipAccount(this, setup);
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
