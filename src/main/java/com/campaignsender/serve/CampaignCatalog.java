package com.campaignsender.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.DefinitionLoader;
import com.campaignsender.definition.InvalidDefinitionException;

/** The campaigns the service knows: every valid definition in {@code campaign.server.jobs-dir}, read afresh. */
@Component
class CampaignCatalog {

    private final ServerSettings settings;
    private final DefinitionLoader loader;

    CampaignCatalog(ServerSettings settings, DefinitionLoader loader) {
        this.settings = settings;
        this.loader = loader;
    }

    List<CampaignDefinition> campaigns() {
        List<CampaignDefinition> campaigns = new ArrayList<>();
        try (Stream<Path> files = Files.list(settings.jobsDir())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                try {
                    campaigns.add(loader.load(file));
                }
                catch (InvalidDefinitionException ex) {
                    // An invalid definition is not a campaign; `validate` says why.
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot list " + settings.jobsDir(), ex);
        }
        return campaigns;
    }

    Optional<CampaignDefinition> find(String name) {
        return campaigns().stream().filter(campaign -> campaign.name().equals(name)).findFirst();
    }
}
