package com.campaignsender.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of a campaign over one recipient list; its id names the report folder. {@code columns}
 * is the list's header; {@code rowsIn} the number of data rows, known once the list is loaded;
 * {@code sending} the time spent in send chunks and {@code rateLimited} the 429s they met;
 * {@code waiting}, while its rows wait for their send window, how many and until when.
 */
public record CampaignRun(long id, String campaign, String recipientsSha256, boolean dryRun, Path recipientsFile,
        Path definitionFile, List<String> columns, Optional<Integer> rowsIn, Duration sending, long rateLimited,
        RunStatus status, Instant createdAt, Optional<Instant> finishedAt, Optional<Waiting> waiting) {

    public record Waiting(int rows, Instant until) {
    }
}
