package com.campaignsender.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.send.CampaignPreflight;

/** {@code validate <job.yml>}: the checks a run starts with, and nothing sent. */
@Command(name = "validate", description = "Check a definition, its templates and its list header; sends nothing.")
class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CampaignOptions campaign;

    private final CampaignPreflight preflight;

    ValidateCommand(CampaignPreflight preflight) {
        this.preflight = preflight;
    }

    @Override
    public Integer call() {
        try {
            CampaignDefinition checked = preflight.check(campaign.definition, campaign.recipients()).definition();
            spec.commandLine().getOut().println(campaign.definition + ": " + checked.name() + " is valid ("
                    + checked.channel().name().toLowerCase() + " through " + checked.provider() + ")");
            checked.notes().forEach(note -> spec.commandLine().getOut().println("  note: " + note));
            return ExitCodes.OK;
        }
        catch (InvalidDefinitionException ex) {
            return Problems.print(spec.commandLine().getErr(), "invalid", ex);
        }
    }
}
