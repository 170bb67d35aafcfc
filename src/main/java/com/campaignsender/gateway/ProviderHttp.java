package com.campaignsender.gateway;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.campaignsender.gateway.SendOutcome.Kind;

/**
 * The HTTP exchange every adapter makes: send, classify the answer, and describe a failure in
 * words that name the call ({@code POST /emails}) and the provider's reason, never the URL or a
 * credential. Adapters build the requests; this runs them.
 */
public final class ProviderHttp {

    private static final int DETAIL_LENGTH = 300;

    private final HttpClient http;
    private final Redaction redaction;

    public ProviderHttp(HttpClient http, Redaction redaction) {
        this.http = http;
        this.redaction = redaction;
    }

    /** Sends a message-creating request; a 2xx answer's body is handed to {@code accepted}. */
    public SendOutcome send(HttpRequest request, String call, Function<String, SendOutcome> accepted) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            return SendOutcome.failed(AnswerClassifier.classify(ex), call + ": " + describe(ex), null);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return SendOutcome.failed(Kind.NO_ANSWER, call + ": interrupted while waiting for the answer", null);
        }
        Kind kind = AnswerClassifier.classify(response.statusCode());
        if (kind == Kind.ACCEPTED) {
            return accepted.apply(response.body());
        }
        return SendOutcome.failed(kind, call + ": HTTP " + response.statusCode() + " " + detail(response.body()),
                retryAfter(response));
    }

    /** Reads a resource; any answer but 2xx is a {@link ProviderException}. */
    public String read(HttpRequest request, String call) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ProviderException(call + ": HTTP " + response.statusCode() + " " + detail(response.body()));
            }
            return response.body();
        }
        catch (IOException ex) {
            throw new ProviderException(call + ": " + describe(ex));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ProviderException(call + ": interrupted");
        }
    }

    private String describe(IOException ex) {
        String message = ex.getMessage() == null ? "" : ": " + ex.getMessage();
        return redaction.apply(ex.getClass().getSimpleName() + message);
    }

    private String detail(String body) {
        String text = body == null ? "" : body.strip();
        if (text.length() > DETAIL_LENGTH) {
            text = text.substring(0, DETAIL_LENGTH) + "…";
        }
        return redaction.apply(text);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            }
            catch (NumberFormatException ex) {
                return Optional.empty();
            }
        }).orElse(null);
    }
}
