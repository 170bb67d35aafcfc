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
            "campaign.providers.budgeted.burst", "20", "campaign.providers.unbudgeted.type", "voipbin"),
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
