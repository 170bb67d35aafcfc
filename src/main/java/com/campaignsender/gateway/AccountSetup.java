package com.campaignsender.gateway;

import java.net.URI;
import java.util.function.Supplier;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.boot.context.properties.bind.Binder;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a provider opens an account with. {@code binder} holds the configuration, for the
 * provider's own fields under {@link #prefix()}; {@code baseUrl} answers the configured base-url, or
 * the sandbox's address for the provider when that is {@code sandbox}: it is asked only when a
 * gateway is built, so checks alone start no sandbox.
 */
public record AccountSetup(String name, AccountSettings settings, Binder binder, Supplier<URI> baseUrl,
        CloseableHttpClient http, JsonMapper json) {

    /** {@code campaign.providers.<account>}: where the account's own settings are. */
    public String prefix() {
        return ProviderRegistry.PREFIX + "." + name;
    }

    /** The account's own settings of {@code type}, bound from its keys. */
    public <T> T bind(Class<T> type) {
        return binder.bindOrCreate(prefix(), type);
    }
}
