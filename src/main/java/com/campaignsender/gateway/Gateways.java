package com.campaignsender.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.voipbin.VoipbinGateways;

/** Picks the adapter for a campaign's provider and channel, with the account's settings. */
public class Gateways {

    private final ProviderSettings settings;
    private final Supplier<URI> voipbinBaseUrl;
    private final HttpClient http;
    private final JsonMapper json;

    /**
     * {@code voipbinBaseUrl} gives the configured base-url, or the sandbox's address when that is
     * {@code sandbox}; it is asked only when a gateway is built, so checks alone start no sandbox.
     */
    public Gateways(ProviderSettings settings, Supplier<URI> voipbinBaseUrl, HttpClient http, JsonMapper json) {
        this.settings = settings;
        this.voipbinBaseUrl = voipbinBaseUrl;
        this.http = http;
        this.json = json;
    }

    public MessageGateway forCampaign(String provider, Channel channel) {
        if (!"voipbin".equals(provider)) {
            throw new IllegalArgumentException(problems(provider).get(0));
        }
        return VoipbinGateways.create(channel, http, voipbinBaseUrl.get(), settings.voipbin(), json);
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
        else {
            problems.add("provider '" + provider + "' has no gateway in this version; use voipbin");
        }
        return problems;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
