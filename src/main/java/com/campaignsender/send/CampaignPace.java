package com.campaignsender.send;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import com.campaignsender.account.Pace;
import com.campaignsender.definition.CampaignDefinition.Limits;

/**
 * A campaign's share of its account: a token bucket of {@code limits.rate} with room for
 * {@code limits.burst}, in this process, shared by the run's sending threads. The account's own
 * budget, which every campaign and process shares, is {@link com.campaignsender.account.ProviderAccount}'s;
 * a cluster's workers share a campaign's share through {@link com.campaignsender.account.ProviderAccounts#sharedPace}.
 */
class CampaignPace implements Pace {

    private final Bucket bucket;

    CampaignPace(Limits limits) {
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.burst())
                        .refillGreedy(limits.rate().permits(), limits.rate().period()).build())
                .build();
    }

    /** Blocks until the campaign may send one more request. */
    @Override
    public void acquire() throws InterruptedException {
        bucket.asBlocking().consume(1);
    }
}
