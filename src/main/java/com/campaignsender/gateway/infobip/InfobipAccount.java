package com.campaignsender.gateway.infobip;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.AccountSettings;
import com.campaignsender.gateway.AccountSetup;
import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.Provider;
import com.campaignsender.gateway.Webhook;

/** One Infobip account: its email gateway, and its notify and tracking webhooks. */
final class InfobipAccount implements AccountConnection {

    /** {@code campaign.providers.<account>.api-key}: travels in the {@code Authorization: App <key>} header. */
    record Credentials(String apiKey) {

        @Override
        public String toString() {
            return "Credentials[redacted]";
        }
    }

    private final Provider provider;
    private final AccountSetup setup;
    private final Credentials credentials;
    private final InfobipWebhooks webhooks;

    InfobipAccount(Provider provider, AccountSetup setup) {
        this.provider = provider;
        this.setup = setup;
        this.credentials = setup.bind(Credentials.class);
        this.webhooks = new InfobipWebhooks(setup.name(), setup.prefix(), setup.settings(), setup.json());
    }

    @Override
    public String name() {
        return setup.name();
    }

    @Override
    public Provider provider() {
        return provider;
    }

    @Override
    public AccountSettings settings() {
        return setup.settings();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!settings().usesSandbox() && (credentials.apiKey() == null || credentials.apiKey().isBlank())) {
            problems.add(setup.prefix() + ".api-key must be set to send through " + settings().baseUrl());
        }
        if ((settings().webhookUsername() == null) != (settings().webhookPassword() == null)) {
            problems.add(setup.prefix() + ".webhook-username and .webhook-password are set together or not at all");
        }
        return problems;
    }

    /** Email only: {@link InfobipProvider#channels()}, checked when the definition is loaded. */
    @Override
    public MessageGateway gateway(Channel channel, Envelope envelope) {
        return new InfobipEmailGateway(name(), setup.http(), setup.baseUrl().get(), credentials.apiKey(), settings().timeout(),
                envelope, setup.json());
    }

    @Override
    public Webhook readWebhook(byte[] body, Function<String, String> headers) {
        return webhooks.read(body, headers);
    }
}
