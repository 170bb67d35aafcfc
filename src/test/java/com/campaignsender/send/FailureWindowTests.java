package com.campaignsender.send;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureWindowTests {

    @Test
    void judgesOnlyAFullWindowAndForgetsTheOldestAttempts() {
        FailureWindow window = new FailureWindow(0.2);
        for (int i = 0; i < 21; i++) {
            assertThat(window.record(true)).as("attempt %d: the window is not full yet", i).isFalse();
        }
        for (int i = 0; i < FailureWindow.SIZE - 22; i++) {
            assertThat(window.record(false)).isFalse();
        }
        assertThat(window.record(false)).as("21 of 100 failed").isTrue();
        for (int i = 0; i < 21; i++) {
            window.record(false);
        }
        assertThat(window.failures()).isZero();
        assertThat(window.record(true)).isFalse();
    }
}
