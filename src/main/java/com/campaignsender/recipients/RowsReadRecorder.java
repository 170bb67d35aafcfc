package com.campaignsender.recipients;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import com.campaignsender.ledger.CampaignRuns;

/**
 * The load step's end: records how many data rows the list had, which the report sets against
 * the rows accounted for. Only a load that completed knows; the reader of a resumed load counts the rows
 * its earlier attempt read too.
 */
public class RowsReadRecorder implements StepExecutionListener {

    private final long runId;
    private final RecipientCsvReader reader;
    private final CampaignRuns runs;

    public RowsReadRecorder(long runId, RecipientCsvReader reader, CampaignRuns runs) {
        this.runId = runId;
        this.reader = reader;
        this.runs = runs;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            runs.recordRowsIn(runId, reader.rowsRead());
        }
        return stepExecution.getExitStatus();
    }
}
