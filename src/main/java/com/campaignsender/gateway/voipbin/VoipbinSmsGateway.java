package com.campaignsender.gateway.voipbin;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.gateway.SentSearch;
import com.campaignsender.gateway.StatusFeed;

/**
 * VoIPBIN SMS: {@code POST /messages} with an E.164 source and one destination each; the status
 * and segment count ({@code parts}) live on the message's target.
 */
public class VoipbinSmsGateway implements MessageGateway, StatusFeed.ByCreation {

    private final String account;
    private final VoipbinClient client;
    private final VoipbinAddress source;
    private final JsonMapper json;

    VoipbinSmsGateway(String account, VoipbinClient client, Envelope envelope, JsonMapper json) {
        this.account = account;
        this.client = client;
        this.source = VoipbinAddress.tel(envelope.fromAddress());
        this.json = json;
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public SendOutcome send(SendRequest request) {
        MessageRequest body = new MessageRequest(source,
                List.of(VoipbinAddress.tel(request.to())), request.text());
        return client.post("/messages", body, answer -> {
            Message message = json.readValue(answer, Message.class);
            Target target = message.firstTarget();
            return SendOutcome.accepted(message.id(), target == null ? null : target.status(),
                    target == null ? null : target.parts(),
                    VoipbinClient.createdAt(message.tmCreate()));
        });
    }

    @Override
    public StatusFeed statusFeed() {
        return this;
    }

    /** Inbound messages (replies to the account's numbers) are none of a run's. */
    @Override
    public void list(Instant from, Instant before, Consumer<List<ProviderStatus>> pages) {
        client.listBetween("/messages", from, before, Message.class, Message::tmCreate, page -> pages.accept(page.stream()
                .filter(message -> message.firstTarget() != null && !"inbound".equals(message.direction()))
                .map(VoipbinSmsGateway::status)
                .toList()));
    }

    /** Found by listing what the account created since the run began and matching recipient and text. */
    @Override
    public SentSearch searchSent(List<SendRequest> requests, Instant from, Instant before) {
        return client.searchCreated(requests, from, before, "/messages", Message.class, Message::tmCreate,
                request -> List.of(request.to(), request.text()),
                message -> message.firstTarget() == null ? List.of()
                        : List.of(message.firstTarget().destination().target(), String.valueOf(message.text())),
                VoipbinSmsGateway::status);
    }

    private static ProviderStatus status(Message message) {
        Target target = message.firstTarget();
        return new ProviderStatus(message.id(), target.destination().target(), target.status(), outcome(target.status()),
                ProviderStatus.Feedback.NONE, VoipbinClient.timestamp(message.tmCreate()));
    }

    static DeliveryOutcome outcome(String status) {
        return switch (status == null ? "" : status) {
            case "delivered" -> DeliveryOutcome.DELIVERED;
            case "failed" -> DeliveryOutcome.FAILED;
            case "gw_timeout", "dlr_timeout" -> DeliveryOutcome.EXPIRED;
            default -> DeliveryOutcome.IN_FLIGHT;
        };
    }

    record MessageRequest(VoipbinAddress source, List<VoipbinAddress> destinations, String text) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Target(VoipbinAddress destination, String status, Integer parts) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String id, String direction, List<Target> targets, String text,
            @JsonProperty("tm_create") String tmCreate) {

        Target firstTarget() {
            return targets == null || targets.isEmpty() ? null : targets.get(0);
        }
    }
}
