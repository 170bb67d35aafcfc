package com.campaignsender.cli;

import java.io.PrintWriter;

import com.campaignsender.ledger.RunStatus;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunControls;
import com.campaignsender.operate.RunOutcome;

/**
 * What {@code pause}, {@code resume} and {@code cancel} share: ask, then either wait a little for
 * the process sending the run to obey, or, where nobody sends it, take the run to its end here.
 */
final class RunControlPrinter {

    private RunControlPrinter() {
    }

    static int ask(RunControls controls, CampaignRunner runner, long runId, RunControls.Action action, PrintWriter out,
            PrintWriter err) throws Exception {
        RunControls.Answer answer = controls.ask(runId, action).orElse(null);
        if (answer == null) {
            err.println("No run " + runId + "; `runs` lists them.");
            return ExitCodes.REFUSED;
        }
        if (!answer.accepted()) {
            err.println("Nothing changed: " + answer.message() + ".");
            return ExitCodes.REFUSED;
        }
        out.println(capitalized(answer.message()) + ".");
        if (answer.start()) {
            RunOutcome outcome = runner.execute(answer.run(), "the command line (" + action.name().toLowerCase() + ")");
            SummaryPrinter.print(out, outcome);
            return ExitCodes.of(outcome.result());
        }
        if (action != RunControls.Action.RESUME) {
            out.println("Run " + runId + " is " + controls.awaitLeaving(runId, RunStatus.RUNNING).status() + ".");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
