package com.campaignsender.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import tools.jackson.core.JacksonException;

import com.campaignsender.gateway.SendOutcome.Kind;

/**
 * The HTTP exchange every adapter makes: send, classify the answer, and describe a failure in
 * words that name the call ({@code POST /emails}) and the provider's reason, never the URL or a
 * credential. Adapters build the requests; this runs them, each with the account's timeout.
 * <p>
 * The client is Apache HttpClient's classic (blocking) one: a sending thread writes its request
 * and reads its answer itself, where the JDK's client hands every exchange between its selector
 * and worker threads, which cost twice the CPU per message (BENCHMARKS.md, issue 9).
 */
public final class ProviderHttp {

    private static final int DETAIL_LENGTH = 300;
    /** Connections are opened on demand: {@code limits.concurrency} bounds them, not the pool. */
    private static final int MAX_CONNECTIONS = 10_000;

    private final CloseableHttpClient http;
    private final Redaction redaction;
    private final ErrorWords errors;
    private final RequestConfig timeout;

    /** The provider's own words for a refusal, read from its error body; null when the body is not its error shape. */
    @FunctionalInterface
    public interface ErrorWords {

        ErrorWords RAW = body -> null;

        String read(byte[] body);
    }

    public ProviderHttp(CloseableHttpClient http, Redaction redaction, Duration timeout) {
        this(http, redaction, timeout, ErrorWords.RAW);
    }

    /** {@code errors}: how the provider's error bodies are put in words ({@code PAYMENT_REQUIRED INSUFFICIENT_BALANCE: ...}). */
    public ProviderHttp(CloseableHttpClient http, Redaction redaction, Duration timeout, ErrorWords errors) {
        this.http = http;
        this.redaction = redaction;
        this.errors = errors;
        this.timeout = RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build();
    }

    /**
     * The client every gateway shares. Nothing is retried or followed by the client itself: a
     * POST retried behind our back could create a message twice, and retries are the sender's
     * decision (MessageSender). No cookies, no compression: the provider sees what we write.
     */
    public static CloseableHttpClient newClient() {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10))
                                // A pooled connection the provider closed while it idled is found (a read of up to
                                // 1 ms) before a POST goes out on it: a POST lost that way would be a request in doubt.
                                // Connections kept busy sending are reused without the check, which would slow them.
                                .setValidateAfterInactivity(TimeValue.ofMilliseconds(10))
                                .build())
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    /**
     * Sends a message-creating request; a 2xx answer's body is handed to {@code accepted} as the
     * bytes it came in: JSON is parsed from them directly, without a String of every answer first.
     */
    public SendOutcome send(HttpUriRequestBase request, String call, Function<byte[], SendOutcome> accepted) {
        Answer answer;
        try {
            answer = exchange(request);
        }
        catch (IOException ex) {
            return SendOutcome.failed(AnswerClassifier.classify(ex), call + ": " + describe(ex), null);
        }
        Kind kind = AnswerClassifier.classify(answer.status());
        if (kind == Kind.ACCEPTED) {
            // Accepted, but which message it created is unknown: in doubt, for the settle step to find.
            try {
                SendOutcome outcome = accepted.apply(answer.body());
                return outcome.providerMessageId() != null ? outcome : SendOutcome.failed(Kind.NO_ANSWER, call + ": HTTP "
                        + answer.status() + " without the message's id; the message may have been created", null);
            }
            catch (JacksonException ex) {
                return SendOutcome.failed(Kind.NO_ANSWER, call + ": HTTP " + answer.status()
                        + " with an answer that is not the JSON expected; the message may have been created", null);
            }
        }
        return SendOutcome.failed(kind, call + ": HTTP " + answer.status() + " " + detail(answer.body()),
                answer.retryAfter());
    }

    /** Reads a resource, answering its body's bytes; any answer but 2xx is a {@link ProviderException}. */
    public byte[] read(HttpUriRequestBase request, String call) {
        try {
            Answer answer = exchange(request);
            if (answer.status() / 100 != 2) {
                throw new ProviderException(call + ": HTTP " + answer.status() + " " + detail(answer.body()));
            }
            return answer.body();
        }
        catch (IOException ex) {
            throw new ProviderException(call + ": " + describe(ex));
        }
    }

    private record Answer(int status, byte[] body, Duration retryAfter) {
    }

    /** The answer read whole, so that the connection goes back to the pool. */
    private Answer exchange(HttpUriRequestBase request) throws IOException {
        request.setConfig(timeout);
        return http.execute(request, response -> new Answer(response.getCode(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity()),
                retryAfter(response.getFirstHeader("Retry-After"))));
    }

    private String describe(IOException ex) {
        String message = ex.getMessage() == null ? "" : ": " + ex.getMessage();
        return redaction.apply(ex.getClass().getSimpleName() + message);
    }

    private String detail(byte[] body) {
        String words = errors.read(body);
        String text = words != null ? words : new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > DETAIL_LENGTH) {
            text = text.substring(0, DETAIL_LENGTH) + "…";
        }
        return redaction.apply(text);
    }

    private static Duration retryAfter(Header header) {
        return Optional.ofNullable(header).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.getValue().trim())));
            }
            catch (NumberFormatException ex) {
                return Optional.empty();
            }
        }).orElse(null);
    }
}
