package com.campaignsender.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.cluster.ClusterMembership;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.ProofSender;
import com.campaignsender.operate.RunOutcome;

/**
 * {@code run <job.yml> [--recipients FILE]}: one run of a campaign, from load to report; with
 * {@code --test-to A,B [--rows N]}, a test send instead, recorded against nothing.
 */
@Command(name = "run", description = "Load, send, reconcile and report one campaign run.")
class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CampaignOptions campaign;

    @Option(names = "--dry-run", description = "load and render every row and write the report; send nothing")
    private boolean dryRun;

    @Option(names = "--test-to", split = ",", paramLabel = "ADDRESS",
            description = "send the first rows' messages to these addresses only, subject prefixed [TEST]; the list is not marked as sent")
    private List<String> testTo = List.of();

    @Option(names = "--rows", defaultValue = "1", paramLabel = "N",
            description = "with --test-to: how many rows to send to each test address (default ${DEFAULT-VALUE})")
    private int rows;

    private final CampaignRunner runner;
    private final ProofSender proofs;
    private final Optional<ClusterMembership> cluster;

    RunCommand(CampaignRunner runner, ProofSender proofs, Optional<ClusterMembership> cluster) {
        this.runner = runner;
        this.proofs = proofs;
        this.cluster = cluster;
    }

    @Override
    public Integer call() throws Exception {
        if (!testTo.isEmpty()) {
            return testSend();
        }
        Optional<String> refused = dryRun ? Optional.empty() : cluster.flatMap(member -> member.join(false));
        if (refused.isPresent()) {
            spec.commandLine().getErr().println("refused, nothing sent: " + refused.get());
            return ExitCodes.REFUSED;
        }
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

    private int testSend() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ProofSender.Result test;
        try {
            test = proofs.send(campaign.definition, campaign.recipients(), testTo, rows);
        }
        catch (InvalidDefinitionException ex) {
            return Problems.print(spec.commandLine().getErr(), "refused, nothing sent", ex);
        }
        catch (IllegalArgumentException ex) {
            spec.commandLine().getErr().println("refused, nothing sent: " + ex.getMessage());
            return ExitCodes.REFUSED;
        }
        for (String skipped : test.skipped()) {
            out.printf("skipped %s%n", skipped);
        }
        for (ProofSender.Sent message : test.sent()) {
            out.printf("row %d -> %s: %s%n", message.row(), message.to(), message.accepted()
                    ? "accepted (" + message.providerMessageId() + ")" : message.outcome().name().toLowerCase() + ": " + message.detail());
        }
        long accepted = test.accepted();
        List<ProofSender.Sent> sent = test.sent();
        out.printf("Test send: %d of %d message(s) accepted; nothing was recorded against the list.%n", accepted, sent.size());
        out.flush();
        return accepted == sent.size() ? ExitCodes.OK : ExitCodes.RESUMABLE;
    }
}
