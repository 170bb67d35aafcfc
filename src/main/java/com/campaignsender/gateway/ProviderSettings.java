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

    /** Either credential travels as a query parameter: it must be redacted wherever a URL is shown. */
    public record Voipbin(@DefaultValue(SANDBOX) String baseUrl, String token, String accesskey,
            @DefaultValue("30s") Duration timeout) {

        public boolean usesSandbox() {
            return SANDBOX.equals(baseUrl);
        }

        @Override
        public String toString() {
            return "Voipbin[baseUrl=" + baseUrl + ", credentials redacted]";
        }
    }

    /** The API key travels in the {@code Authorization: App <key>} header. */
    public record Infobip(@DefaultValue(SANDBOX) String baseUrl, String apiKey, @DefaultValue("30s") Duration timeout) {

        public boolean usesSandbox() {
            return SANDBOX.equals(baseUrl);
        }

        @Override
        public String toString() {
            return "Infobip[baseUrl=" + baseUrl + ", api key redacted]";
        }
    }
}
