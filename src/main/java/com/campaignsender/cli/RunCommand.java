package com.campaignsender.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.send.CampaignRunner;
import com.campaignsender.send.RunOutcome;

/** {@code run <job.yml> [--recipients FILE]}: one run of a campaign, from load to report. */
@Command(name = "run", description = "Load, send, reconcile and report one campaign run.")
class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CampaignOptions campaign;

    @Option(names = "--dry-run", description = "load and render every row and write the report; send nothing")
    private boolean dryRun;

    private final CampaignRunner runner;

    RunCommand(CampaignRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        RunOutcome outcome;
        try {
            outcome = runner.run(campaign.definition, campaign.recipients(), dryRun);
        }
        catch (InvalidDefinitionException ex) {
            return Problems.print(spec.commandLine().getErr(), "refused, nothing sent", ex);
        }
        SummaryPrinter.print(spec.commandLine().getOut(), outcome);
        return ExitCodes.of(outcome.result());
    }
}
