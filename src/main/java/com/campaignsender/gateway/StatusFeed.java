package com.campaignsender.gateway;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a provider's statuses are read from, which decides how a run is reconciled: VoIPBIN
 * lists what the account created by creation time, as often as asked, so a run's span can be read
 * in slices, in parallel, while it still sends; Infobip hands each delivery report out once only.
 */
public sealed interface StatusFeed {

    /** Every message the account created, newest first, with its current status: the provider's own record. */
    non-sealed interface ByCreation extends StatusFeed {

        /**
         * Lists the messages created at or after {@code from} and before {@code before} (up to the
         * newest when null), by the provider's clock, newest first, a page at a time, so that the
         * caller can persist each page before the next is read. Each item carries its creation time.
         */
        void list(Instant from, Instant before, Consumer<List<ProviderStatus>> pages);
    }

    /**
     * An SMTP relay's (SPEC section 21): it keeps no record anyone can ask; what comes back is the
     * bounces of the messages it took, read from a mailbox, each once. A message without a bounce
     * stays as the relay's 250 left it: ACCEPTED.
     */
    non-sealed interface Bounces extends StatusFeed {

        /** Hands over the bounces not read before, a page at a time; none when the account reads no bounce mailbox. */
        void drain(Consumer<List<ProviderStatus>> pages);
    }

    /** Reports of the messages not reported yet, each returned once only, and logs that can be read again. */
    non-sealed interface Reports extends StatusFeed {

        /** Hands over every report not read before, a page at a time; a page is gone once the next is asked for. */
        void drain(Consumer<List<ProviderStatus>> pages);

        /** What the provider's logs hold of these messages, by id: one missing from the answer is unknown to it. */
        Map<String, ProviderStatus> logged(Collection<String> providerMessageIds);
    }
}
