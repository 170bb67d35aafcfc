package com.campaignsender.send;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise under chaos (SPEC section 17), on H2 and, under the {@code mysql} profile, on
 * MariaDB: 2,000 recipients through a faulty sandbox, the {@code run} process SIGKILLed five times
 * (the last after sending), then run to the end: every recipient exactly once or FAILED with a
 * reason, every row final, the ledger equal to the sandbox's record. A few rounds here
 * ({@code -Dchaos.rounds}); {@code bench/chaos.sh} plays many. A failing round prints its seed;
 * {@code -Dchaos.seed=N} plays that round again.
 */
class ChaosTests {

    @TempDir
    Path dir;

    @Test
    void everyRecipientExactlyOnceWhateverIsKilledAndWhateverFails() throws Exception {
        int rounds = Integer.getInteger("chaos.rounds", 1);
        int rows = Integer.getInteger("chaos.rows", 2000);
        Long replay = Long.getLong("chaos.seed");
        List<String> broken = new ArrayList<>();
        long duplicates = 0;
        long neverSent = 0;
        long notFinal = 0;
        for (int round = 1; round <= rounds; round++) {
            long seed = replay != null ? replay : ThreadLocalRandom.current().nextLong();
            ChaosRound.Result result;
            try {
                result = new ChaosRound(seed, rows, Files.createDirectories(dir.resolve("round-" + round))).play();
            }
            catch (Exception | AssertionError ex) {
                // A round that could not even be measured is a broken promise too: its seed replays it.
                throw new AssertionError("chaos round " + round + " (-Dchaos.seed=" + seed + ") ended in " + ex, ex);
            }
            System.out.println("chaos round " + round + ": " + result.line());
            duplicates += result.audit().duplicates();
            neverSent += result.audit().neverSent();
            notFinal += result.audit().notFinal();
            if (!result.holds()) {
                broken.add("-Dchaos.seed=" + seed + ": " + result.line());
            }
        }
        System.out.println("chaos: " + (rounds - broken.size()) + " of " + rounds + " rounds held; duplicates=" + duplicates
                + " never-sent=" + neverSent + " not-final=" + notFinal);
        assertThat(broken).as("rounds that broke the promise (replay each with its seed)").isEmpty();
    }
}
