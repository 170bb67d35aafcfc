package com.campaignsender.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every account has under {@code campaign.providers.<account>.*}, whatever its provider; a
 * provider binds its own fields (credentials, a relay's host) from the same keys itself.
 *
 * @param type            the provider (voipbin, infobip, ...); the account's name when not set
 * @param baseUrl         where its API is; {@code sandbox} (the default) is the built-in simulator,
 *                        so that nobody spends money by accident
 * @param lateCreateGrace how long after a request that got no answer the provider may still create
 *                        its message; settling looks for it only once that long has passed
 * @param rate            the account's budget ({@code 16/s}); the provider's documented limit when not set
 * @param readRate        a budget for status reads, for providers that count reads apart
 * @param webhookSecret   the key the provider signs its webhooks with (VoIPBIN's {@code webhook_secret})
 * @param webhookUsername with {@code webhookPassword}: the Basic authentication the provider's webhooks carry (Infobip)
 */
public record AccountSettings(String type, @DefaultValue(AccountSettings.SANDBOX) String baseUrl,
        @DefaultValue("30s") Duration timeout, @DefaultValue("5s") Duration lateCreateGrace, String rate, Integer burst,
        String readRate, String webhookSecret, String webhookUsername, String webhookPassword) {

    public static final String SANDBOX = "sandbox";

    public boolean usesSandbox() {
        return SANDBOX.equals(baseUrl);
    }

    @Override
    public String toString() {
        return "AccountSettings[type=" + type + ", baseUrl=" + baseUrl + ", secrets redacted]";
    }
}
