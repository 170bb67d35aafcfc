package com.campaignsender.gateway.voipbin;

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

/** One VoIPBIN account: its gateways over one client of the account, and its webhook. */
final class VoipbinAccount implements AccountConnection {

    private final Provider provider;
    private final AccountSetup setup;
    private final VoipbinCredentials credentials;
    private final VoipbinWebhooks webhooks;

    VoipbinAccount(Provider provider, AccountSetup setup) {
        this.provider = provider;
        this.setup = setup;
        this.credentials = setup.bind(VoipbinCredentials.class);
        this.webhooks = new VoipbinWebhooks(setup.name(), setup.settings().webhookSecret(), setup.json());
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
        if (!settings().usesSandbox() && credentials.missing()) {
            problems.add(setup.prefix() + ".token (or .accesskey) must be set to send through " + settings().baseUrl());
        }
        return problems;
    }

    @Override
    public MessageGateway gateway(Channel channel, Envelope envelope) {
        VoipbinClient client = new VoipbinClient(setup.http(), setup.baseUrl().get(), credentials, settings().timeout(),
                setup.json());
        return channel == Channel.EMAIL ? new VoipbinEmailGateway(name(), client, setup.json())
                : new VoipbinSmsGateway(name(), client, envelope, setup.json());
    }

    @Override
    public Webhook readWebhook(byte[] body, Function<String, String> headers) {
        return webhooks.read(body, headers);
    }
}
