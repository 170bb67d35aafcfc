package com.campaignsender.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.reconcile.StatusRecorder;

/**
 * Bounces arrive for days after a run (SPEC section 21): {@code serve} reads every account's bounce
 * mailbox each {@code campaign.server.bounce-poll} and records what it holds, as a run's reconcile
 * step does: the rows BOUNCED, hard-bounced addresses suppressed, whichever run sent them.
 */
@Component
class BounceReader {

    private static final Logger log = LoggerFactory.getLogger(BounceReader.class);

    private final ProviderRegistry providers;
    private final StatusRecorder recorder;

    BounceReader(ProviderRegistry providers, StatusRecorder recorder) {
        this.providers = providers;
        this.recorder = recorder;
    }

    @Scheduled(fixedDelayString = "${campaign.server.bounce-poll:1m}", initialDelayString = "${campaign.server.bounce-poll:1m}")
    void poll() {
        for (AccountConnection account : providers.accounts()) {
            account.bounces().ifPresent(mailbox -> {
                try {
                    mailbox.drain(page -> recorder.record(page, "the bounce mailbox of account " + account.name()));
                }
                catch (ProviderException ex) {
                    log.warn("{}; read again in {}", ex.getMessage(), "campaign.server.bounce-poll");
                }
            });
        }
    }
}
