package com.campaignsender.gateway.voipbin;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.ProviderStatus.Feedback;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.gateway.SentSearch;
import com.campaignsender.gateway.StatusFeed;

/** VoIPBIN email: {@code POST /emails} with one destination each, statuses read from {@code GET /emails}. */
public class VoipbinEmailGateway implements MessageGateway, StatusFeed.ByCreation {

    private final String account;
    private final VoipbinClient client;
    private final JsonMapper json;

    /** No envelope: VoIPBIN email carries no sender, copies or attachments of the campaign's (VoipbinProvider). */
    VoipbinEmailGateway(String account, VoipbinClient client, JsonMapper json) {
        this.account = account;
        this.client = client;
        this.json = json;
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public SendOutcome send(SendRequest request) {
        String content = request.html() != null ? request.html() : request.text();
        EmailRequest body = new EmailRequest(
                List.of(VoipbinAddress.email(request.to())), request.subject(), content, List.of());
        return client.post("/emails", body, this::created);
    }

    /**
     * The created email's id, status and creation time. The answer is the whole email, content included, once per
     * message sent: its other fields are skipped as they stream past rather than built.
     */
    private SendOutcome created(byte[] answer) {
        String id = null;
        String status = null;
        String created = null;
        try (JsonParser parser = json.createParser(answer)) {
            boolean object = parser.nextToken() == JsonToken.START_OBJECT;
            while (object && parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && name.equals("id")) {
                    id = parser.getString();
                }
                else if (value == JsonToken.VALUE_STRING && name.equals("status")) {
                    status = parser.getString();
                }
                else if (value == JsonToken.VALUE_STRING && name.equals("tm_create")) {
                    created = parser.getString();
                }
                else {
                    parser.skipChildren();
                }
            }
        }
        return SendOutcome.accepted(id, status, null, VoipbinClient.createdAt(created));
    }

    @Override
    public StatusFeed statusFeed() {
        return this;
    }

    @Override
    public void list(Instant from, Instant before, Consumer<List<ProviderStatus>> pages) {
        client.listBetween("/emails", from, before, Email.class, Email::tmCreate, page -> pages.accept(page.stream()
                .map(VoipbinEmailGateway::status)
                .toList()));
    }

    /**
     * VoIPBIN stores no id of ours: the message is found by listing what the account created
     * since the run began and matching recipient, subject and content.
     */
    @Override
    public SentSearch searchSent(List<SendRequest> requests, Instant from, Instant before) {
        return client.searchCreated(requests, from, before, "/emails", Email.class, Email::tmCreate,
                request -> List.of(request.to(), String.valueOf(request.subject()),
                        request.html() != null ? request.html() : request.text()),
                email -> List.of(String.valueOf(email.firstDestination()), String.valueOf(email.subject()),
                        String.valueOf(email.content())),
                VoipbinEmailGateway::status);
    }

    private static ProviderStatus status(Email email) {
        return new ProviderStatus(email.id(), email.firstDestination(), email.status(), outcome(email.status()),
                feedback(email.status()), VoipbinClient.timestamp(email.tmCreate()));
    }

    static Feedback feedback(String status) {
        return switch (status == null ? "" : status) {
            case "bounce" -> Feedback.BOUNCE;
            case "unsubscribe" -> Feedback.UNSUBSCRIBE;
            case "spamreport" -> Feedback.COMPLAINT;
            default -> Feedback.NONE;
        };
    }

    /** SPEC section 7; unsubscribe and spamreport were delivered (and will feed suppression). */
    static DeliveryOutcome outcome(String status) {
        return switch (status == null ? "" : status) {
            case "delivered", "open", "click", "unsubscribe", "spamreport" -> DeliveryOutcome.DELIVERED;
            case "bounce" -> DeliveryOutcome.BOUNCED;
            case "dropped" -> DeliveryOutcome.FAILED;
            default -> DeliveryOutcome.IN_FLIGHT;
        };
    }

    /** The contract's fields, all required; there is no source: the account's own default source sends it. */
    record EmailRequest(List<VoipbinAddress> destinations, String subject, String content,
            List<Object> attachments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Email(String id, String status, List<VoipbinAddress> destinations, String subject, String content,
            @JsonProperty("tm_create") String tmCreate) {

        String firstDestination() {
            return destinations == null || destinations.isEmpty() ? null : destinations.get(0).target();
        }
    }
}
