package com.campaignsender.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShutdownSignalTests {

    @Test
    void aStopIsASafePointsEndUntilTheContextStartsAgain() {
        ShutdownSignal signal = new ShutdownSignal();
        signal.start();
        signal.checkpoint();

        signal.stop();
        assertThat(signal.requested()).isTrue();
        assertThatThrownBy(signal::checkpoint).isInstanceOf(ShutdownSignal.StoppingException.class);

        // Spring pauses a cached test context and starts it again for the next test class.
        signal.start();
        assertThat(signal.requested()).isFalse();
        assertThat(signal.isRunning()).isTrue();
        signal.checkpoint();
    }
}
