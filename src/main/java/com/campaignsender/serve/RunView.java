package com.campaignsender.serve;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RunControl;
import com.campaignsender.ledger.RunRefusals;
import com.campaignsender.ledger.RunStatus;

/**
 * One run as the API and the web page show it: its counts per state, how many of its rows are
 * settled ({@code progress}, 0 to 1), the starts of it that were refused, which of its report
 * files exist yet, what an operator asked of it and it has not yet obeyed ({@code control}), and
 * what holds its sending back ({@code held}: its provider account unavailable, and since when),
 * and, while rows wait for their send window, how many ({@code waitingRows}) and until when.
 * {@code listName}: the name of the file its list came from (an upload's own name). While it sends,
 * {@code rowsPerSecond}: the rows sent since it was created, per second, and {@code secondsLeft}
 * at that rate for the rows still to send (null once the run is not sending).
 */
public record RunView(long runId, String campaign, String listName, RunStatus status, boolean dryRun, Instant createdAt,
        Instant finishedAt,
        Integer rowsIn, long rowsAccountedFor, Map<DeliveryState, Long> states, double progress,
        List<RunRefusals.Refusal> refusals, List<String> reportFiles, RunControl control, String held, Integer waitingRows,
        Instant waitingUntil, String snapshotSha256, Double rowsPerSecond, Long secondsLeft) {

    /** A time to the second, for people. */
    static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Whether the run may still change: the page refreshes itself while one does. */
    public boolean active() {
        return status == RunStatus.RUNNING;
    }

    /** The rows that would be sent: a dry run leaves them PENDING, rendered; a READY run's wait for Send. */
    public long wouldSend() {
        return states.getOrDefault(DeliveryState.PENDING, 0L);
    }

    public long rejected() {
        return states.getOrDefault(DeliveryState.REJECTED, 0L);
    }

    /** Whether the run never started: it has no report until it is resumed and ends. */
    public boolean refused() {
        return status == RunStatus.REFUSED;
    }

    /** The run-control actions its status allows (SPEC section 13), as the page's buttons name them. */
    public List<String> actions() {
        return switch (status) {
            case RUNNING -> List.of("pause", "cancel");
            case PAUSED, STOPPED, FAILED, REFUSED -> List.of("resume", "cancel");
            case READY -> List.of("start", "cancel");
            case COMPLETED, CANCELLED -> List.of();
        };
    }

    /** When the run was created, to the second, for people. */
    public String createdAtUtc() {
        return SECONDS.format(createdAt);
    }

    /** The send window's wait, for people; null when no row waits. */
    public String waiting() {
        return waitingRows == null ? null : waitingRows + " row(s) wait for the send window; the next opens "
                + SECONDS.format(waitingUntil);
    }

    public String finishedAtUtc() {
        return finishedAt == null ? null : SECONDS.format(finishedAt);
    }

    /** The sending's pace and the time left, for people; null when the run is not sending. */
    public String pace() {
        if (rowsPerSecond == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%.1f rows/s", rowsPerSecond) + (secondsLeft == null ? ""
                : ", about " + Duration.ofSeconds(secondsLeft).toString().substring(2).toLowerCase(Locale.ROOT) + " left");
    }

    /** Progress as a whole percentage, for people. */
    public long percent() {
        return Math.round(progress * 100);
    }
}
