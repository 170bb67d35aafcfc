package com.campaignsender.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the built-in provider simulator behaves ({@code campaign.sandbox.*}).
 *
 * @param latency    added before every answer
 * @param statusStep how long each status lasts before the next (initiated, processed, final)
 * @param token      when set, the credential every call must carry; unset, any or none is accepted
 */
@ConfigurationProperties("campaign.sandbox")
public record SandboxSettings(@DefaultValue("0ms") Duration latency, @DefaultValue("200ms") Duration statusStep,
        String token) {
}
