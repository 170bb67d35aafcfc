package com.campaignsender.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the built-in provider simulator behaves ({@code campaign.sandbox.*}). Faults are off by
 * default; failures and resets reach every call (creates, listing pages, report and log reads),
 * as a provider's outage does, the other faults the calls that create messages.
 *
 * @param latency        added before every answer
 * @param statusStep     how long each status lasts before the next (e.g. initiated, processed, final)
 * @param token          when set, the VoIPBIN credential every call must carry (token or accesskey)
 * @param apiKey         when set, the Infobip key every call must carry ({@code Authorization: App <key>})
 * @param failureRate    fraction of calls answered 500; a create so answered created nothing
 * @param rateLimit      creates per second above which the answer is 429 with {@code Retry-After}; 0 = no limit
 * @param resetRate      fraction of calls whose connection is dropped unanswered; a create so dropped created nothing
 * @param lostAnswerRate fraction of creates whose message is created, then the connection dropped unanswered
 * @param lateCreateRate fraction of creates whose connection is dropped unanswered and whose message is
 *                       created {@code lateCreateDelay} later (a provider that finished after the client gave up)
 * @param balance        VoIPBIN messages the account can pay for, when limited: every create after them
 *                       is answered 402 PAYMENT_REQUIRED, as VoIPBIN answers once a balance is spent
 * @param readLimit      Infobip report and log reads per minute above which the answer is 429 (its
 *                       documented 120); 0 = no limit
 * @param webhookSecret  the VoIPBIN account's {@code webhook_secret}: every push is signed with it
 *                       ({@code X-VoIPBIN-Signature}), and unsigned without it, as VoIPBIN does
 */
@ConfigurationProperties("campaign.sandbox")
public record SandboxSettings(@DefaultValue("0ms") Duration latency, @DefaultValue("200ms") Duration statusStep,
        String token, String apiKey, @DefaultValue("0") double failureRate, @DefaultValue("0") int rateLimit,
        @DefaultValue("0") double resetRate, @DefaultValue("0") double lostAnswerRate,
        @DefaultValue("0") double lateCreateRate, @DefaultValue("1s") Duration lateCreateDelay, Long balance,
        @DefaultValue("0") int readLimit, String webhookSecret) {

    /** No faults, no credentials: the simulator as a new user gets it. */
    public static SandboxSettings plain(Duration statusStep) {
        return new SandboxSettings(Duration.ZERO, statusStep, null, null, 0, 0, 0, 0, 0, Duration.ofSeconds(1), null, 0, null);
    }

    @Override
    public String toString() {
        return "SandboxSettings[credentials and webhook secret redacted]";
    }
}
