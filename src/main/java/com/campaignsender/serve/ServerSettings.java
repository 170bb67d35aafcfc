package com.campaignsender.serve;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The long-running service ({@code campaign.server.*}).
 *
 * @param token         the bearer token every {@code /api} call must carry; may be unset only on loopback
 * @param webhookSecret the secret in the provider webhook paths
 * @param uploadLimit   the largest recipient list accepted by upload
 * @param jobsDir       where the campaign definitions are
 * @param uploadsDir    where uploaded lists are kept (each in a folder of our own, under its own name made safe)
 * @param inboxSettle   how long a dropped file must stay unchanged before it is taken
 * @param uploadRetention how long an uploaded list is kept once its run is done for good
 * @param readyTtl      how long a READY run waits for its review's Send before it is cancelled
 * @param pricePerSegment the price of one SMS segment, for the review's cost estimate; none when unset
 */
@ConfigurationProperties("campaign.server")
public record ServerSettings(String token, String webhookSecret, @DefaultValue("200MB") DataSize uploadLimit,
        @DefaultValue("jobs") Path jobsDir, @DefaultValue("data/uploads") Path uploadsDir,
        @DefaultValue("3s") Duration inboxSettle, @DefaultValue("30d") Duration uploadRetention,
        @DefaultValue("7d") Duration readyTtl, BigDecimal pricePerSegment) {

    @Override
    public String toString() {
        return "ServerSettings[jobsDir=" + jobsDir + ", uploadsDir=" + uploadsDir + ", secrets redacted]";
    }
}
