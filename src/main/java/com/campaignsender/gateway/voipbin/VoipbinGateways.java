package com.campaignsender.gateway.voipbin;

import java.net.URI;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderSettings;

/** Builds the VoIPBIN adapter for a channel over one shared client of the account. */
public final class VoipbinGateways {

    private VoipbinGateways() {
    }

    public static MessageGateway create(Channel channel, CloseableHttpClient http, URI baseUrl, ProviderSettings.Voipbin settings,
            Envelope envelope, JsonMapper json) {
        VoipbinClient client = new VoipbinClient(http, baseUrl, settings, json);
        return channel == Channel.EMAIL ? new VoipbinEmailGateway(client, envelope, json)
                : new VoipbinSmsGateway(client, envelope, json);
    }
}
