package com.campaignsender.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.infobip.InfobipGateways;
import com.campaignsender.gateway.voipbin.VoipbinGateways;

/** Picks the adapter for a campaign's provider and channel, with the account's settings. */
public class Gateways {

    private final ProviderSettings settings;
    private final Function<String, URI> baseUrls;
    private final CloseableHttpClient http;
    private final JsonMapper json;

    /**
     * {@code baseUrls} answers a provider's configured base-url, or the sandbox's address for it
     * when that is {@code sandbox}; it is asked only when a gateway is built, so checks alone
     * start no sandbox.
     */
    public Gateways(ProviderSettings settings, Function<String, URI> baseUrls, CloseableHttpClient http, JsonMapper json) {
        this.settings = settings;
        this.baseUrls = baseUrls;
        this.http = http;
        this.json = json;
    }

    public MessageGateway forCampaign(String provider, Channel channel, Envelope envelope) {
        return switch (provider) {
            case "voipbin" -> VoipbinGateways.create(channel, http, baseUrls.apply(provider), settings.voipbin(), envelope, json);
            case "infobip" -> InfobipGateways.create(channel, http, baseUrls.apply(provider), settings.infobip(), envelope, json);
            default -> throw new IllegalArgumentException("no gateway for provider '" + provider + "'");
        };
    }

    /** How long after a request that got no answer the provider may still create its message. */
    public Duration lateCreateGrace(String provider) {
        return "infobip".equals(provider) ? settings.infobip().lateCreateGrace() : settings.voipbin().lateCreateGrace();
    }

    /** What keeps a provider account from being used, named by its configuration keys. */
    public List<String> problems(String provider) {
        List<String> problems = new ArrayList<>();
        if ("voipbin".equals(provider)) {
            ProviderSettings.Voipbin voipbin = settings.voipbin();
            if (!voipbin.usesSandbox() && isBlank(voipbin.token()) && isBlank(voipbin.accesskey())) {
                problems.add("campaign.providers.voipbin.token (or .accesskey) must be set to send through "
                        + voipbin.baseUrl());
            }
        }
        else if ("infobip".equals(provider)) {
            ProviderSettings.Infobip infobip = settings.infobip();
            if (!infobip.usesSandbox() && isBlank(infobip.apiKey())) {
                problems.add("campaign.providers.infobip.api-key must be set to send through " + infobip.baseUrl());
            }
        }
        else {
            problems.add("provider '" + provider + "' has no gateway; use voipbin or infobip");
        }
        return problems;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
