package com.campaignsender.gateway;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.campaignsender.gateway.SendOutcome.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerClassifierTests {

    @ParameterizedTest
    @CsvSource({ "200, ACCEPTED", "201, ACCEPTED", "400, PERMANENT_FAILURE", "404, PERMANENT_FAILURE",
            "422, PERMANENT_FAILURE", "401, UNAUTHORIZED", "403, UNAUTHORIZED", "429, RATE_LIMITED",
            "500, TRANSIENT_FAILURE", "503, TRANSIENT_FAILURE", "502, NO_ANSWER", "504, NO_ANSWER" })
    void classifiesStatusCodes(int status, Kind kind) {
        assertThat(AnswerClassifier.classify(status)).isEqualTo(kind);
    }

    @Test
    void onlyARefusedOrTimedOutConnectionProvesNothingWasSent() {
        assertThat(AnswerClassifier.classify(new HttpHostConnectException("Connection refused"))).isEqualTo(Kind.TRANSIENT_FAILURE);
        assertThat(AnswerClassifier.classify(new ConnectException("Connection refused"))).isEqualTo(Kind.TRANSIENT_FAILURE);
        assertThat(AnswerClassifier.classify(new ConnectTimeoutException("Connect timed out"))).isEqualTo(Kind.TRANSIENT_FAILURE);
        assertThat(AnswerClassifier.classify(new SocketTimeoutException("Read timed out"))).isEqualTo(Kind.NO_ANSWER);
        assertThat(AnswerClassifier.classify(new NoHttpResponseException("failed to respond"))).isEqualTo(Kind.NO_ANSWER);
        assertThat(AnswerClassifier.classify(new SocketException("Connection reset"))).isEqualTo(Kind.NO_ANSWER);
    }
}
