package com.campaignsender.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the provider accounts live ({@code campaign.providers.*}). A base-url of {@code sandbox}
 * means the built-in simulator, so that nobody spends money by accident.
 */
@ConfigurationProperties("campaign.providers")
public record ProviderSettings(@DefaultValue Voipbin voipbin, @DefaultValue Infobip infobip) {

    public static final String SANDBOX = "sandbox";

    /**
     * Either credential travels as a query parameter: it must be redacted wherever a URL is shown.
     * {@code lateCreateGrace}: how long after a request that got no answer the provider may still
     * create its message (it went on working after the connection was lost); settling looks for a
     * request's message only once that long has passed, or it could send one again.
     */
    public record Voipbin(@DefaultValue(SANDBOX) String baseUrl, String token, String accesskey,
            @DefaultValue("30s") Duration timeout, @DefaultValue("5s") Duration lateCreateGrace) {

        public boolean usesSandbox() {
            return SANDBOX.equals(baseUrl);
        }

        @Override
        public String toString() {
            return "Voipbin[baseUrl=" + baseUrl + ", credentials redacted]";
        }
    }

    /** The API key travels in the {@code Authorization: App <key>} header; {@code lateCreateGrace} as VoIPBIN's. */
    public record Infobip(@DefaultValue(SANDBOX) String baseUrl, String apiKey, @DefaultValue("30s") Duration timeout,
            @DefaultValue("5s") Duration lateCreateGrace) {

        public boolean usesSandbox() {
            return SANDBOX.equals(baseUrl);
        }

        @Override
        public String toString() {
            return "Infobip[baseUrl=" + baseUrl + ", api key redacted]";
        }
    }
}
