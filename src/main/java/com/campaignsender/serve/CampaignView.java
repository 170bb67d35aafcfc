package com.campaignsender.serve;

import com.campaignsender.definition.CampaignDefinition;

/**
 * One campaign as the API and the web page show it: how it gets its lists (a cron schedule, an
 * inbox folder, uploads always) and whether it is sending now, in this instance or another one.
 */
public record CampaignView(String name, String channel, String provider, String schedule, String inbox, boolean sending) {

    static CampaignView of(CampaignDefinition campaign, boolean sending) {
        return new CampaignView(campaign.name(), campaign.channel().name().toLowerCase(), campaign.provider(),
                campaign.schedule().map(schedule -> schedule.cron() + " (" + schedule.zone() + ")").orElse(null),
                campaign.recipients().inbox().map(Object::toString).orElse(null), sending);
    }
}
