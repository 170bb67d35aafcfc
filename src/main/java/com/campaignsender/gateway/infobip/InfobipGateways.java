package com.campaignsender.gateway.infobip;

import java.net.URI;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderSettings;

/** Builds the Infobip adapter: email only (a definition asking Infobip for SMS is refused at load). */
public final class InfobipGateways {

    private InfobipGateways() {
    }

    public static MessageGateway create(Channel channel, CloseableHttpClient http, URI baseUrl, ProviderSettings.Infobip settings,
            Envelope envelope, JsonMapper json) {
        if (channel != Channel.EMAIL) {
            throw new IllegalArgumentException("infobip sends email only");
        }
        return new InfobipEmailGateway(http, baseUrl, settings, envelope, json);
    }
}
