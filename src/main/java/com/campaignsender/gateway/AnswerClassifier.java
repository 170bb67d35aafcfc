package com.campaignsender.gateway;

import java.io.IOException;
import java.net.ConnectException;

import org.apache.hc.client5.http.ConnectTimeoutException;

import com.campaignsender.gateway.SendOutcome.Kind;

/**
 * The one classification of provider answers that every gateway uses (SPEC section 7).
 * The line that matters is whether the request may have reached the provider: a 502 or 504
 * from a proxy, a timeout or a reset may hide a created message, so those are NO_ANSWER,
 * never a plain retry.
 */
public final class AnswerClassifier {

    private AnswerClassifier() {
    }

    public static Kind classify(int status) {
        if (status >= 200 && status < 300) {
            return Kind.ACCEPTED;
        }
        if (status == 401 || status == 403) {
            return Kind.UNAUTHORIZED;
        }
        if (status == 402) {
            return Kind.PAYMENT_REQUIRED;
        }
        if (status == 502 || status == 504) {
            return Kind.NO_ANSWER;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        if (status >= 500) {
            return Kind.TRANSIENT_FAILURE;
        }
        return Kind.PERMANENT_FAILURE;
    }

    /** An exception from the HTTP client: only a refused or timed-out connection proves nothing was sent. */
    public static Kind classify(IOException failure) {
        if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException) {
            return Kind.TRANSIENT_FAILURE;
        }
        return Kind.NO_ANSWER;
    }
}
