package com.campaignsender.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.campaignsender.account.ProviderAccount;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.SentSearch;
import com.campaignsender.system.ShutdownSignal;

/**
 * Takes a search of the provider's record to its end through the provider's faults (SPEC section
 * 17): each call waits for its turn in the account's read budget; a call the provider fails is
 * made again after a pause that doubles (0.2 s to 5 s), going on from where the search stopped. A
 * search cut short proves nothing, so it never answers half: when the provider has failed every
 * call for {@code patience} ({@code reconcile.timeout}), it throws {@link ProviderUnreadable}.
 */
final class PatientSearch {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final ProviderAccount account;
    private final Duration patience;
    private final ShutdownSignal shutdown;
    private final Clock clock;

    PatientSearch(ProviderAccount account, Duration patience, ShutdownSignal shutdown, Clock clock) {
        this.account = account;
        this.patience = patience;
        this.shutdown = shutdown;
        this.clock = clock;
    }

    /** Every message the search shows, by request reference: the oldest where it shows more than one. */
    Map<String, ProviderStatus> all(SentSearch search) throws InterruptedException {
        Map<String, ProviderStatus> found = new HashMap<>();
        Instant failingSince = null;
        Duration pause = FIRST_PAUSE;
        while (!search.done()) {
            if (account.awaitReadTurn(shutdown::requested) == ProviderAccount.Turn.STOPPED) {
                shutdown.checkpoint();
            }
            try {
                found.putAll(search.next()); // calls go from newer to older: the later put is the older message
                failingSince = null;
                pause = FIRST_PAUSE;
            }
            catch (ProviderException ex) {
                Instant now = clock.instant();
                failingSince = failingSince == null ? now : failingSince;
                if (Duration.between(failingSince, now).compareTo(patience) >= 0) {
                    throw new ProviderUnreadable("the provider's record could not be read for " + patience.toSeconds()
                            + " s (reconcile.timeout): " + ex.getMessage());
                }
                shutdown.pause(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
        return found;
    }

    /** The provider's record could not be read: what it would have settled stays in doubt. */
    static final class ProviderUnreadable extends RuntimeException {

        ProviderUnreadable(String message) {
            super(message);
        }
    }
}
