package com.campaignsender.gateway.voipbin;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.ProviderHttp;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.Redaction;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.gateway.SentSearch;

/**
 * The HTTP side of the VoIPBIN v1.0 API shared by its email and message adapters: the credential
 * as a query parameter (so no URL is ever shown), JSON bodies and the newest-first paging of list
 * endpoints.
 */
final class VoipbinClient {

    static final int PAGE_SIZE = 100;
    private static final ContentType JSON = ContentType.create("application/json");
    /** {@code 2025-03-14 19:04:01.160250}, UTC; SMS targets may carry nanoseconds. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();
    /** A page token: a creation time as VoIPBIN writes it, to the microsecond. */
    private static final DateTimeFormatter TIMESTAMP_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final ProviderHttp http;
    private final String baseUrl;
    private final String credentialQuery;
    private final JsonMapper json;
    /** Each create endpoint's URI, parsed once rather than for every message. */
    private final Map<String, URI> postUris = new ConcurrentHashMap<>();

    VoipbinClient(CloseableHttpClient http, URI baseUrl, VoipbinCredentials credentials, Duration timeout, JsonMapper json) {
        // The credential is in every URL; the encoded form too may surface in an error text.
        this.http = new ProviderHttp(http, new Redaction(credentials.token(), credentials.accesskey(),
                encode(credentials.token()), encode(credentials.accesskey())), timeout, this::errorWords);
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.credentialQuery = credentialQuery(credentials);
        this.json = json;
    }

    /**
     * VoIPBIN's one error envelope ({@code {"error": {"status", "reason", "message"}}}) as
     * {@code STATUS REASON: message}; null for any other body (a proxy's page).
     */
    private String errorWords(byte[] body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            String status = error.path("status").asString();
            if (status.isEmpty()) {
                return null;
            }
            String reason = error.path("reason").asString();
            return status + (reason.isEmpty() ? "" : " " + reason) + ": " + error.path("message").asString();
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    /** POSTs a JSON body; a 2xx answer is handed to {@code accepted} to read the created object. */
    SendOutcome post(String path, Object body, Function<byte[], SendOutcome> accepted) {
        HttpPost request = new HttpPost(postUris.computeIfAbsent(path, created -> uri(created, "")));
        request.setEntity(new ByteArrayEntity(json.writeValueAsBytes(body), JSON));
        return http.send(request, "POST " + path, accepted);
    }

    /**
     * Reads a list endpoint ({@code {"result": [...], "next_page_token": ...}}) newest first, page
     * by page, handing each page's items created at or after {@code from} and before
     * {@code before} (from the newest when null) to {@code pages}, until an item created before
     * {@code from} or the last page.
     */
    <T> void listBetween(String path, Instant from, Instant before, Class<T> itemType, Function<T, String> createdAt,
            Consumer<List<T>> pages) {
        Listing<T> listing = new Listing<>(path, from, before, itemType, createdAt);
        while (!listing.done()) {
            pages.accept(listing.next());
        }
    }

    /**
     * VoIPBIN stores no id of ours, so an unanswered create is found by listing what the account
     * created from {@code from} to {@code before} and matching each request's key (recipient and
     * content) with each item's, a page per call.
     */
    <T> SentSearch searchCreated(List<SendRequest> requests, Instant from, Instant before, String path,
            Class<T> itemType, Function<T, String> createdAt, Function<SendRequest, List<String>> requestKey,
            Function<T, List<String>> itemKey, Function<T, ProviderStatus> status) {
        Map<List<String>, String> references = new HashMap<>();
        requests.forEach(request -> references.put(requestKey.apply(request), request.reference()));
        Listing<T> listing = new Listing<>(path, from, before, itemType, createdAt);
        return new SentSearch() {
            @Override
            public boolean done() {
                return listing.done();
            }

            @Override
            public Map<String, ProviderStatus> next() {
                Map<String, ProviderStatus> found = new HashMap<>();
                for (T item : listing.next()) {
                    String reference = references.get(itemKey.apply(item));
                    if (reference != null) {
                        found.put(reference, status.apply(item)); // newest first: the last put is the oldest
                    }
                }
                return found;
            }
        };
    }

    /**
     * A list endpoint read newest first from {@code before} down to {@code from}, a page a call.
     * The page token is a creation time, so a listing can begin at any time (the first token is
     * {@code before}); a page whose read fails is asked for again, with the same token, by the next call.
     */
    private final class Listing<T> {

        private final String path;
        private final Instant from;
        private final Instant before;
        private final Function<T, String> createdAt;
        private final JavaType pageType;
        private String pageToken;
        private boolean done;

        Listing(String path, Instant from, Instant before, Class<T> itemType, Function<T, String> createdAt) {
            this.path = path;
            this.from = from;
            this.before = before;
            this.createdAt = createdAt;
            this.pageType = json.getTypeFactory().constructParametricType(Page.class, itemType);
            this.pageToken = before == null ? "" : pageToken(before);
        }

        boolean done() {
            return done;
        }

        /** The next page's items within the span. */
        List<T> next() {
            String query = "page_size=" + PAGE_SIZE
                    + (pageToken.isEmpty() ? "" : "&page_token=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
            Page<T> page = json.readValue(get(path, query), pageType);
            List<T> items = page.result() == null ? List.of() : page.result();
            List<T> inSpan = new ArrayList<>(items.size());
            boolean olderReached = false;
            for (T item : items) {
                Instant created = timestamp(createdAt.apply(item));
                olderReached |= created.isBefore(from);
                if (!created.isBefore(from) && (before == null || created.isBefore(before))) {
                    inSpan.add(item);
                }
            }
            String next = page.nextPageToken();
            done = items.isEmpty() || olderReached || next == null || next.isEmpty() || next.equals(pageToken);
            pageToken = done ? pageToken : next;
            return inSpan;
        }
    }

    /**
     * The token that lists what was created before {@code before}: VoIPBIN's times are to the
     * microsecond, so a time between two microseconds is rounded up, or a message created in the
     * microsecond before it would be in neither of two slices that meet there.
     */
    static String pageToken(Instant before) {
        Instant micros = before.truncatedTo(ChronoUnit.MICROS);
        Instant token = micros.equals(before) ? before : micros.plus(1, ChronoUnit.MICROS);
        return TIMESTAMP_OUT.format(LocalDateTime.ofInstant(token, ZoneOffset.UTC));
    }

    /** A create answer's {@code tm_create}, or null when it has none. */
    static Instant createdAt(String text) {
        return text == null || text.isBlank() ? null : timestamp(text);
    }

    static Instant timestamp(String text) {
        if (text == null || text.isBlank()) {
            return Instant.MAX;
        }
        return LocalDateTime.parse(text.trim(), TIMESTAMP).toInstant(ZoneOffset.UTC);
    }

    private byte[] get(String path, String query) {
        return http.read(new HttpGet(uri(path, query)), "GET " + path);
    }

    private URI uri(String path, String query) {
        String joined = query.isEmpty() ? credentialQuery : credentialQuery.isEmpty() ? query : query + "&" + credentialQuery;
        return URI.create(baseUrl + path + (joined.isEmpty() ? "" : "?" + joined));
    }

    private static String credentialQuery(VoipbinCredentials settings) {
        if (settings.token() != null && !settings.token().isEmpty()) {
            return "token=" + encode(settings.token());
        }
        if (settings.accesskey() != null && !settings.accesskey().isEmpty()) {
            return "accesskey=" + encode(settings.accesskey());
        }
        return "";
    }

    private static String encode(String value) {
        return value == null ? null : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One page of a VoIPBIN list endpoint; the token is the creation time of its last item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page<T>(List<T> result, @JsonProperty("next_page_token") String nextPageToken) {
    }
}
