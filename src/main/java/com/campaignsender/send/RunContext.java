package com.campaignsender.send;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import com.campaignsender.account.Pace;
import com.campaignsender.account.ProviderAccount;
import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.CampaignDefinition.Limits;
import com.campaignsender.definition.CampaignFiles;
import com.campaignsender.gateway.MessageGateway;

/**
 * A run's world (SPEC section 20), built once per job execution from the run's snapshot (once
 * per partition on a cluster's worker): the parsed definition, the snapshot's files, its compiled templates in the
 * renderer, the account's gateway with the campaign's envelope, the account itself (its budget
 * and breaker) and the campaign's pace. Every step of the job receives it; none reads a file.
 *
 * @param lateCreateGrace how long the account's provider may take to show a message it created
 */
public record RunContext(long runId, boolean dryRun, Path recipients, CampaignDefinition definition, CampaignFiles files,
        MessageRenderer renderer, MessageGateway gateway, ProviderAccount account, Duration lateCreateGrace, Pace pace) {

    public Limits limits() {
        return definition.limits();
    }

    /** The campaign's channel as metrics and logs name it: {@code email}, {@code sms}. */
    String channelName() {
        return definition.channel().name().toLowerCase(Locale.ROOT);
    }
}
