package com.campaignsender.send;

import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.campaignsender.definition.RunIdentity;
import com.campaignsender.ledger.CampaignRun;

/**
 * The job parameters of a run. Only the run's identity (campaign and list digest) identifies the
 * job instance: the same list run again is the same instance, restarted if it failed and refused
 * if it completed. Where the files are may change between attempts.
 */
public record RunParameters(long runId, Path definition, Path recipients, boolean dryRun) {

    /** The job parameters of a start of {@code run}, its files where they are now. */
    public static JobParameters jobParameters(CampaignRun run, Path definition, Path recipients) {
        RunIdentity identity = new RunIdentity(run.campaign(), run.recipientsSha256());
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString("campaign", identity.campaign(), true)
                .addString("recipientsSha256", identity.recipientsSha256(), true)
                .addLong("runId", run.id(), false)
                .addString("definition", definition.toString(), false)
                .addString("recipients", recipients.toString(), false);
        if (run.dryRun()) {
            // Each dry run is its own job instance, apart from the real run of the same list.
            builder.addLong("dryRun", run.id(), true);
        }
        return builder.toJobParameters();
    }

    /** A recorded run's, its files where they were when it began. */
    static RunParameters of(CampaignRun run) {
        return new RunParameters(run.id(), run.definitionFile(), run.recipientsFile(), run.dryRun());
    }

    public static RunParameters from(JobParameters parameters) {
        return new RunParameters(parameters.getLong("runId"), Path.of(parameters.getString("definition")),
                Path.of(parameters.getString("recipients")), parameters.getLong("dryRun") != null);
    }
}
