package com.campaignsender.gateway.infobip;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderHttp;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.Redaction;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.gateway.SentSearch;
import com.campaignsender.gateway.StatusFeed;

/**
 * Infobip email: {@code POST /email/3/send} as multipart/form-data, one recipient per request.
 * The recipient's {@code to} is the JSON form carrying the {@code messageId} we choose (our
 * reference), which is also the request's {@code bulkId}: it makes every message findable by our
 * own id. Statuses come from delivery reports, each of which Infobip returns once only.
 */
class InfobipEmailGateway implements MessageGateway, StatusFeed.Reports {

    static final int REPORTS_LIMIT = 1000;

    private final String account;
    private final ProviderHttp http;
    private final String baseUrl;
    private final String authorization;
    private final Envelope envelope;
    private final JsonMapper json;

    InfobipEmailGateway(String account, CloseableHttpClient http, URI baseUrl, String apiKey, Duration timeout,
            Envelope envelope, JsonMapper json) {
        this.account = account;
        this.http = new ProviderHttp(http, new Redaction(apiKey), timeout, this::errorWords);
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.authorization = "App " + (apiKey == null ? "" : apiKey);
        this.envelope = envelope;
        this.json = json;
    }

    @Override
    public String account() {
        return account;
    }

    /** Infobip's error body ({@code {"requestError": {"serviceException": {"messageId", "text"}}}}) as {@code messageId: text}. */
    private String errorWords(byte[] body) {
        try {
            JsonNode exception = json.readTree(body).path("requestError").path("serviceException");
            String text = exception.path("text").asString();
            return text.isEmpty() ? null : exception.path("messageId").asString() + ": " + text;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    @Override
    public SendOutcome send(SendRequest request) {
        Map<String, String> to = new LinkedHashMap<>();
        to.put("to", request.to());
        to.put("messageId", request.reference());
        MultipartBody body = new MultipartBody()
                .field("from", envelope.fromName().isEmpty() ? envelope.fromAddress()
                        : envelope.fromName() + " <" + envelope.fromAddress() + ">")
                .field("to", json.writeValueAsString(to));
        envelope.cc().forEach(address -> body.field("cc", address));
        envelope.bcc().forEach(address -> body.field("bcc", address));
        body.field("subject", request.subject())
                .field("text", request.text())
                .field("html", request.html())
                .field("bulkId", request.reference());
        envelope.providerFields().forEach(body::field);
        if (request.unsubscribeUrl() != null) {
            // RFC 8058 one-click: the mail client offers "unsubscribe" and posts List-Unsubscribe=One-Click to the link.
            body.field("headers", json.writeValueAsString(Map.of("List-Unsubscribe", "<" + request.unsubscribeUrl() + ">",
                    "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")));
        }
        envelope.attachments().forEach(file -> body.file("attachment", file.fileName(), file.contentType(), file.content()));

        HttpPost post = authorized(new HttpPost(URI.create(baseUrl + "/email/3/send")));
        post.setEntity(new ByteArrayEntity(body.bytes(), ContentType.parse(body.contentType())));
        return http.send(post, "POST /email/3/send", answer -> {
            SendResponse response = json.readValue(answer, SendResponse.class);
            SentMessage message = response.messages() == null || response.messages().isEmpty() ? null
                    : response.messages().get(0);
            return SendOutcome.accepted(message == null || message.messageId() == null ? request.reference()
                    : message.messageId(), message == null || message.status() == null ? null : message.status().name(), null);
        });
    }

    @Override
    public StatusFeed statusFeed() {
        return this;
    }

    /**
     * Drains the account's delivery reports: each is returned once only, so a page must be
     * persisted by {@code pages} before the next request acknowledges it. Reports are of messages
     * not reported yet, whenever they were sent.
     */
    @Override
    public void drain(Consumer<List<ProviderStatus>> pages) {
        while (true) {
            Reports reports = get("/email/1/reports", "limit=" + REPORTS_LIMIT);
            List<Report> results = reports.results() == null ? List.of() : reports.results();
            pages.accept(results.stream().map(InfobipEmailGateway::status).toList());
            if (results.size() < REPORTS_LIMIT) {
                return;
            }
        }
    }

    /** By the messageId we chose, in the logs, which (unlike reports) can be read again; they cover 48 hours. */
    @Override
    public Map<String, ProviderStatus> logged(Collection<String> providerMessageIds) {
        Map<String, ProviderStatus> found = new LinkedHashMap<>();
        for (String messageId : providerMessageIds) {
            Reports logs = get("/email/1/logs", "messageId=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8));
            (logs.results() == null ? List.<Report>of() : logs.results()).stream()
                    .filter(log -> messageId.equals(log.messageId()))
                    .findFirst()
                    .ifPresent(log -> found.put(messageId, status(log)));
        }
        return found;
    }

    /** Our reference is the messageId: what the logs hold of it is what the request created; a call per request. */
    @Override
    public SentSearch searchSent(List<SendRequest> requests, Instant from, Instant before) {
        Iterator<String> messageIds = requests.stream().map(SendRequest::reference).toList().iterator();
        return new SentSearch() {
            private String next = messageIds.hasNext() ? messageIds.next() : null;

            @Override
            public boolean done() {
                return next == null;
            }

            @Override
            public Map<String, ProviderStatus> next() {
                Map<String, ProviderStatus> found = logged(List.of(next));
                next = messageIds.hasNext() ? messageIds.next() : null;
                return found;
            }
        };
    }

    /** Reports and logs share one shape. */
    private Reports get(String path, String query) {
        HttpGet get = authorized(new HttpGet(URI.create(baseUrl + path + "?" + query)));
        return json.readValue(http.read(get, "GET " + path), Reports.class);
    }

    private <R extends HttpUriRequestBase> R authorized(R request) {
        request.setHeader("Authorization", authorization);
        request.setHeader("Accept", "application/json");
        return request;
    }

    private static ProviderStatus status(Report report) {
        String name = report.status() == null ? null : report.status().name();
        return new ProviderStatus(report.messageId(), report.to(), name,
                outcome(report.status() == null ? null : report.status().groupName()));
    }

    /** Infobip's status groups (SPEC section 7). */
    static DeliveryOutcome outcome(String groupName) {
        return switch (groupName == null ? "" : groupName) {
            case "DELIVERED" -> DeliveryOutcome.DELIVERED;
            case "UNDELIVERABLE" -> DeliveryOutcome.BOUNCED;
            case "EXPIRED" -> DeliveryOutcome.EXPIRED;
            case "REJECTED" -> DeliveryOutcome.FAILED;
            default -> DeliveryOutcome.IN_FLIGHT;
        };
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(String groupName, String name, String description) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SentMessage(String to, String messageId, Status status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendResponse(String bulkId, List<SentMessage> messages) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Report(String bulkId, String messageId, String to, Status status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reports(List<Report> results) {
    }
}
