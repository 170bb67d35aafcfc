package com.campaignsender.ledger;

/**
 * Rows {@code first} to {@code last} of a run, both included: the part of a run one send step
 * works. A single process sends {@link #ALL} of it; in a cluster each partition is a range.
 */
public record RowRange(int first, int last) {

    public static final RowRange ALL = new RowRange(1, Integer.MAX_VALUE);

    public RowRange {
        if (first > last) {
            throw new IllegalArgumentException("rows " + first + " to " + last + " is no range");
        }
    }

    @Override
    public String toString() {
        return last == Integer.MAX_VALUE ? "rows " + first + " on" : "rows " + first + " to " + last;
    }
}
