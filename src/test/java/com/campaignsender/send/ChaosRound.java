package com.campaignsender.send;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.campaignsender.AppProcesses;
import com.campaignsender.DeliveryAudit;

/**
 * One round of chaos (SPEC section 17): a campaign sent by {@code run} processes through a
 * sandbox, its own process, that fails calls of every kind, resets connections, loses answers
 * and creates messages after the client gave up; the {@code run} process SIGKILLed at
 * {@link #KILLS} moments drawn from the seed (the last of them after the send step has ended
 * once: in a later pass, settle, reconcile or the report), then run again until it ends by
 * itself. What it found is measured against the sandbox's own record of what it created.
 */
final class ChaosRound {

    static final int KILLS = 5;
    /** Runs to the end after the kills: a run may stop, exit 1, when the provider cannot be read for a while. */
    private static final int FINAL_RUNS = 4;

    private final long seed;
    private final int rows;
    private final Path dir;
    private final Random random;

    ChaosRound(long seed, int rows, Path dir) {
        this.seed = seed;
        this.rows = rows;
        this.dir = dir;
        this.random = new Random(seed);
    }

    /** What a round found: how often it killed, how the last run ended, and the audit of what it sent. */
    record Result(long seed, int kills, int lastExit, long seconds, DeliveryAudit audit) {

        boolean holds() {
            return audit.holds() && lastExit == 0;
        }

        String line() {
            return "seed=" + seed + " kills=" + kills + " exit=" + lastExit + " seconds=" + seconds + " " + audit.line();
        }
    }

    Result play() throws Exception {
        Instant start = Instant.now();
        try (AppProcesses processes = new AppProcesses(dir)) {
            String voipbin = processes.startSandbox("2ms", "--failure-rate", "0.05", "--reset-rate", "0.02",
                    "--lost-answer-rate", "0.02", "--late-create-rate", "0.01", "--late-create-delay", "500ms",
                    "--status-step", "50ms");
            Path job = GeneratedCampaign.write(dir, "chaos", "reader", "chaos.example.com", rows,
                    "{ rate: 1000/s, burst: 50, concurrency: 8, chunk: 50, max-attempts: 5, error-threshold: 0.5 }",
                    "{ poll-interval: 200ms, timeout: 30s }");
            Map<String, String> env = processes.sendingThrough(voipbin);
            int kills = 0;
            int started = 0;
            for (int kill = 1; kill <= KILLS; kill++) {
                String name = "run-" + ++started;
                Process run = processes.start(name, env, "run", job.toString());
                boolean afterSending = kill == KILLS;
                if (killPoint(processes, voipbin, run, name, afterSending)) {
                    run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    kills++;
                }
                else {
                    run.waitFor(3, TimeUnit.MINUTES);
                }
            }
            int exit = -1;
            for (int i = 0; i < FINAL_RUNS && exit != 0; i++) {
                String name = "run-" + ++started;
                Process run = processes.start(name, env, "run", job.toString());
                exit = run.waitFor(5, TimeUnit.MINUTES) ? run.exitValue() : -2;
            }
            return measure(processes, voipbin, kills, exit, Duration.between(start, Instant.now()).toSeconds());
        }
    }

    /**
     * Waits for this kill's moment: a time after the start, or a number of messages created, drawn
     * from the seed; the last kill comes after the send step has ended once. Answers false when the
     * process ended before it.
     */
    private boolean killPoint(AppProcesses processes, String voipbin, Process run, String name, boolean afterSending)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        if (afterSending) {
            while (run.isAlive() && Instant.now().isBefore(deadline) && !Files.readString(processes.log(name)).contains(" sendStep: ")) {
                Thread.sleep(20);
            }
            return pause(run, 2000);
        }
        if (random.nextBoolean()) {
            return pause(run, 1000 + random.nextInt(7000));
        }
        int created = processes.countCreated(voipbin, rows);
        int target = created + 1 + random.nextInt(Math.max(1, rows - created));
        while (run.isAlive() && Instant.now().isBefore(deadline) && processes.countCreated(voipbin, target) < target) {
            Thread.sleep(20);
        }
        return run.isAlive();
    }

    private boolean pause(Process run, int upToMillis) throws InterruptedException {
        return !run.waitFor(random.nextInt(upToMillis + 1), TimeUnit.MILLISECONDS);
    }

    private Result measure(AppProcesses processes, String voipbin, int kills, int exit, long seconds) throws Exception {
        return new Result(seed, kills, exit, seconds, DeliveryAudit.of(processes, voipbin, rows));
    }
}
