package com.campaignsender.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.RunSnapshots;

/** {@code runs [--campaign NAME]}: every run with its state and its rows per delivery state. */
@Command(name = "runs", description = "List the runs with their counts and states.")
class RunsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--campaign", paramLabel = "NAME", description = "only this campaign's runs")
    private String campaign;

    private final CampaignRuns runs;
    private final LedgerReadings ledger;
    private final RunSnapshots snapshots;

    RunsCommand(CampaignRuns runs, LedgerReadings ledger, RunSnapshots snapshots) {
        this.runs = runs;
        this.ledger = ledger;
        this.snapshots = snapshots;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-5s %-24s %-10s %-20s %-12s %8s  %s%n", "run", "campaign", "status", "started", "files", "rows", "states");
        for (CampaignRun run : runs.list(Optional.ofNullable(campaign))) {
            Map<DeliveryState, Long> counts = ledger.countByState(run.id());
            long rows = counts.values().stream().mapToLong(Long::longValue).sum();
            String states = counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", "));
            out.printf("%-5d %-24s %-10s %-20s %-12s %8d  %s%n", run.id(), run.campaign(),
                    run.status().name().toLowerCase() + (run.dryRun() ? "*" : ""),
                    run.createdAt().toString().substring(0, 19).replace('T', ' '),
                    snapshots.digest(run.id()).map(digest -> digest.substring(0, 12)).orElse("-"), rows, states);
        }
        out.println("(* a dry run: nothing was sent; files: the start of the digest of what the run started with, its snapshot)");
        out.flush();
        return ExitCodes.OK;
    }
}
