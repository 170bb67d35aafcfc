package com.campaignsender.rights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a recipient's text asks (SPEC section 15): the carriers' stop words, however they are typed. */
class StopWordsTests {

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "Stop ", " s t o p", "STOPALL", "unsubscribe", "Cancel", "END", "quit\n"})
    void everyCarrierStopWordStops(String text) {
        assertThat(StopWords.of(text)).isEqualTo(StopWords.STOP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "start", "Unstop", " u n s t o p "})
    void startAndUnstopStartAgain(String text) {
        assertThat(StopWords.of(text)).isEqualTo(StopWords.START);
    }

    /** A stop word inside a sentence is no request: "don't stop" must not take a number off every campaign. */
    @ParameterizedTest
    @ValueSource(strings = {"please stop", "don't stop", "STOP!", "STOPP", "thanks", "", "   "})
    void anythingElseAsksNothing(String text) {
        assertThat(StopWords.of(text)).isEqualTo(StopWords.NONE);
    }

    @Test
    void aTextWithNoBodyAsksNothing() {
        assertThat(StopWords.of(null)).isEqualTo(StopWords.NONE);
    }
}
