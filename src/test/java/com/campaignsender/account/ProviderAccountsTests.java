package com.campaignsender.account;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.gateway.TestProviders;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's budget is one bucket in the database: two {@link ProviderAccounts}, as two
 * processes on the database have, take from it together no faster than its rate. Runs on H2 and,
 * under the {@code mysql} profile, on MariaDB through Bucket4j's MySQL proxy manager.
 */
@SpringBootTest
class ProviderAccountsTests {

    private static final ProviderRegistry SETTINGS = TestProviders.registry(Map.of(
            "campaign.providers.budgeted.type", "voipbin", "campaign.providers.budgeted.rate", "200/s",
            "campaign.providers.budgeted.burst", "20", "campaign.providers.unbudgeted.type", "voipbin",
            "campaign.providers.reports.type", "infobip", "campaign.providers.reports.read-rate", "600/m"),
            URI.create("http://127.0.0.1:9"));

    @Autowired
    private DataSource dataSource;

    @Test
    void twoProcessesShareOneBudget() throws Exception {
        ProviderAccount first = new ProviderAccounts(SETTINGS, dataSource, Clock.systemUTC(), new SimpleMeterRegistry()).of("budgeted");
        ProviderAccount second = new ProviderAccounts(SETTINGS, dataSource, Clock.systemUTC(), new SimpleMeterRegistry()).of("budgeted");
        int perProcess = 110;
        long started = System.nanoTime();

        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (ProviderAccount account : List.of(first, second)) {
            for (int thread = 0; thread < 4; thread++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < perProcess / 4 + (perProcess % 4 > 0 ? 1 : 0); i++) {
                        assertThat(account.awaitTurn(() -> false)).isEqualTo(ProviderAccount.Turn.GO);
                    }
                    return null;
                }));
            }
        }
        for (Future<?> future : done) {
            future.get();
        }
        threads.shutdown();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // 224 turns from a bucket of 20 refilled at 200/s: at least (224 - 20) / 200 s, whichever process took them.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    }

    /**
     * Infobip counts report and log reads apart, for every reader and process of the account: two
     * processes reading share one read budget, and the reads hold no send back.
     */
    @Test
    void readsHaveABudgetOfTheirOwnThatProcessesShare() throws Exception {
        ProviderAccount first = new ProviderAccounts(SETTINGS, dataSource, Clock.systemUTC(), new SimpleMeterRegistry()).of("reports");
        ProviderAccount second = new ProviderAccounts(SETTINGS, dataSource, Clock.systemUTC(), new SimpleMeterRegistry()).of("reports");
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        for (ProviderAccount account : List.of(first, second)) {
            done.add(readers.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    assertThat(account.awaitReadTurn(() -> false)).isEqualTo(ProviderAccount.Turn.GO);
                }
                return null;
            }));
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(first.awaitTurn(() -> false)).as("sends are not paced by reads").isEqualTo(ProviderAccount.Turn.GO);
        }
        Duration sending = Duration.ofNanos(System.nanoTime() - started);
        for (Future<?> future : done) {
            future.get();
        }
        readers.shutdown();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // 40 reads from a bucket of 8 (80% of ten) refilled at 600/m: at least (40 - 8) / 10 s, whichever process read.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(3000));
        assertThat(sending).isLessThan(took);
    }

    @Test
    void anAccountWithoutARateIsNotHeldBack() throws Exception {
        ProviderAccount free = new ProviderAccounts(SETTINGS, dataSource, Clock.systemUTC(), new SimpleMeterRegistry()).of("unbudgeted");
        long started = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            free.awaitTurn(() -> false);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
