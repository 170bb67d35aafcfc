package com.campaignsender.gateway;

import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers this product speaks and the accounts configured on them (SPEC section 18), read
 * once from {@code campaign.providers.<account>.*}. Every provider has an account of its own name
 * even when nothing configures one (on the sandbox), so that a definition saying
 * {@code provider: infobip} works with no configuration; any other name is an account of the
 * {@code type} it sets.
 */
public final class ProviderRegistry {

    public static final String PREFIX = "campaign.providers";

    private final Map<String, Provider> providers;
    private final Map<String, AccountConnection> accounts = new LinkedHashMap<>();

    /**
     * {@code sandboxUrl} answers the built-in sandbox's base URL for a provider type, for accounts
     * whose base-url is {@code sandbox}; it is asked only when such an account builds a gateway.
     */
    public ProviderRegistry(List<Provider> providers, Binder binder, Function<String, URI> sandboxUrl,
            CloseableHttpClient http, JsonMapper json) {
        this.providers = providers.stream().sorted(Comparator.comparing(Provider::type)).collect(Collectors.toMap(Provider::type, provider -> provider,
                (a, b) -> { throw new IllegalStateException("two providers of type " + a.type()); }, LinkedHashMap::new));
        Map<String, AccountSettings> configured = new LinkedHashMap<>(binder
                .bind(PREFIX, Bindable.mapOf(String.class, AccountSettings.class)).orElse(Map.of()));
        this.providers.keySet().forEach(type -> configured.computeIfAbsent(type,
                name -> binder.bindOrCreate(PREFIX + "." + name, AccountSettings.class)));
        BiFunction<String, AccountSettings, URI> baseUrl = (type, settings) -> settings.usesSandbox()
                ? sandboxUrl.apply(type) : URI.create(settings.baseUrl());
        configured.forEach((name, settings) -> {
            Provider provider = providerOf(name, settings);
            accounts.put(name, provider.connect(new AccountSetup(name, settings, binder,
                    () -> baseUrl.apply(provider.type(), settings), http, json)));
        });
    }

    private Provider providerOf(String name, AccountSettings settings) {
        String type = settings.type() == null || settings.type().isBlank() ? name : settings.type();
        Provider provider = providers.get(type);
        if (provider == null) {
            throw new InvalidAccountSetting(PREFIX + "." + name + ".type: '" + type + "' is not a provider; use one of "
                    + String.join(", ", providers.keySet()) + (settings.type() == null ? " (the type defaults to the account's name)" : ""));
        }
        return provider;
    }

    /** The account a campaign names, if it is configured (or is a provider's own). */
    public Optional<AccountConnection> find(String account) {
        return Optional.ofNullable(accounts.get(account));
    }

    /** The account a checked definition names. */
    public AccountConnection account(String account) {
        return find(account).orElseThrow(() -> new IllegalArgumentException(unknown(account)));
    }

    /** Why a name is no account, with the names that are. */
    public String unknown(String account) {
        return "'" + account + "' is not a provider account; configured: " + String.join(", ", accounts.keySet());
    }

    public Collection<AccountConnection> accounts() {
        return accounts.values();
    }

    public Collection<Provider> providers() {
        return providers.values();
    }
}
