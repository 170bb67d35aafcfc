package com.campaignsender.send;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerReadings;

/**
 * What "completed" promises (SPEC section 17): no row of the run is PENDING, SENDING or IN_DOUBT.
 * Checked as the last thing a run does, once its report is written: a run that has not kept the
 * promise ends FAILED (exit 1) naming what is left, and the same command goes on with it.
 */
@Component
class RunCompletion {

    private final LedgerReadings ledger;

    RunCompletion(LedgerReadings ledger) {
        this.ledger = ledger;
    }

    void check(long runId) {
        Map<DeliveryState, Long> counts = ledger.countByState(runId);
        List<String> open = Stream.of(DeliveryState.PENDING, DeliveryState.SENDING, DeliveryState.IN_DOUBT)
                .filter(state -> counts.getOrDefault(state, 0L) > 0)
                .map(state -> counts.get(state) + " " + state)
                .toList();
        if (!open.isEmpty()) {
            throw new IllegalStateException("run " + runId + " is not final: " + String.join(", ", open)
                    + "; run the same command again to go on");
        }
    }
}
