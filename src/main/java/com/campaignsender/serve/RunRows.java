package com.campaignsender.serve;

import java.time.Instant;
import java.util.List;

import com.campaignsender.ledger.DeliveryState;

/**
 * A page of one run's rows as its web page lists them (SPEC section 22), of one state or all, and
 * the run's commonest reasons for rows not delivered with the next step for each. Public: the
 * page's template reads it.
 *
 * @param state   the state the rows are filtered by; null for all
 * @param page    which page, from 0, of {@link #PAGE} rows
 * @param hasMore whether a next page has rows
 */
public record RunRows(DeliveryState state, int page, List<Row> rows, boolean hasMore, List<Reason> reasons) {

    static final int PAGE = 50;
    static final int REASONS = 10;

    /** One row: its number in the list, address, state, the provider's id, and its reason in words (if not delivered). */
    public record Row(int row, String address, DeliveryState state, String providerMessageId, String reason,
            Instant updatedAt) {
    }

    /** How many rows of a state share a reason, and what to do about them. */
    public record Reason(DeliveryState state, String reason, long rows, String nextStep) {
    }
}
