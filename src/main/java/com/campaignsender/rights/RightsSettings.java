package com.campaignsender.rights;

import java.net.URI;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where recipients reach the service ({@code campaign.server.public-url}, e.g.
 * {@code https://campaigns.example.com}): the root of the unsubscribe links put in messages. It is
 * the service's address as seen from the internet, which its own bind address does not tell.
 */
@ConfigurationProperties("campaign.server")
public record RightsSettings(URI publicUrl) {

    public Optional<URI> link() {
        return Optional.ofNullable(publicUrl).filter(url -> !url.toString().isBlank());
    }
}
