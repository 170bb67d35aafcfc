package com.campaignsender.send;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.campaignsender.account.Pace;
import com.campaignsender.account.ProviderAccounts;
import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.CampaignDefinition.Limits;
import com.campaignsender.definition.CampaignFiles;
import com.campaignsender.definition.DefinitionLoader;
import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.rights.UnsubscribeLinks;
import com.campaignsender.template.TemplateCompiler;

/**
 * Builds a run's {@link RunContext} from its snapshot: for the job, for a worker's partition of
 * it, and for {@code reconcile} after it. Where it is sent decides only its pace: a process that
 * sends the whole run keeps the campaign's {@code limits.rate} itself; a cluster's workers share it
 * through the database.
 */
@Component
public class RunContexts {

    private final CampaignSnapshots snapshots;
    private final DefinitionLoader loader;
    private final TemplateCompiler templates;
    private final ProviderRegistry providers;
    private final ProviderAccounts accounts;
    private final UnsubscribeLinks links;

    RunContexts(CampaignSnapshots snapshots, DefinitionLoader loader, TemplateCompiler templates,
            ProviderRegistry providers, ProviderAccounts accounts, UnsubscribeLinks links) {
        this.snapshots = snapshots;
        this.loader = loader;
        this.templates = templates;
        this.providers = providers;
        this.accounts = accounts;
        this.links = links;
    }

    /** The run as this process alone sends it. */
    RunContext wholeRun(RunParameters run) {
        return build(run, CampaignPace::new);
    }

    /** The run as one of a cluster's workers sends a partition of it: the campaign's rate shared by every worker. */
    RunContext partition(RunParameters run) {
        return build(run, limits -> accounts.sharedPace("run " + run.runId(), limits.rate(), limits.burst()));
    }

    /** A recorded run, as {@code reconcile} reads its provider's record again after it. */
    public RunContext recorded(CampaignRun run) {
        return wholeRun(RunParameters.of(run));
    }

    private RunContext build(RunParameters run, Function<Limits, Pace> pace) {
        CampaignFiles files = snapshots.files(run.runId());
        CampaignDefinition definition = loader.load(run.definition(), files);
        AccountConnection connection = providers.account(definition.provider());
        MessageRenderer renderer = new MessageRenderer(definition, run.runId(),
                templates.compile(definition.template(), files), links);
        return new RunContext(run.runId(), run.dryRun(), run.recipients(), definition, files, renderer,
                connection.gateway(definition.channel(), CampaignEnvelope.of(definition, files)),
                accounts.of(definition.provider()), connection.lateCreateGrace(), pace.apply(definition.limits()));
    }
}
