package com.campaignsender.ledger;

import java.util.Arrays;

/**
 * Why a row was rejected, as written ({@code text}) and as counted with the rows rejected for the
 * same reason ({@code group}: the text with the row's own values left out, SPEC section 22). The
 * code that words a reason knows which of its parts are the row's own (its address, a cell, the
 * row an earlier copy of the address was on) and marks them with {@link #own}; everything else,
 * column names, paths, times, stays in the group as written.
 */
public record RowReason(String text, String group) {

    /** A part of a reason that is the row's own value, left out of its group. */
    public record Own(Object value) {
    }

    private static final String LEFT_OUT = "…";

    /** A reason without the row's own values: it groups as written. */
    public static RowReason of(String text) {
        return new RowReason(text, text);
    }

    /** {@code String.format(pattern, parts)}, where a part wrapped in {@link #own} is the row's own value. */
    public static RowReason of(String pattern, Object... parts) {
        return new RowReason(String.format(pattern, Arrays.stream(parts).map(part -> part instanceof Own own
                ? String.valueOf(own.value()) : part).toArray()),
                String.format(pattern, Arrays.stream(parts).map(part -> part instanceof Own ? LEFT_OUT : part).toArray()));
    }

    public static Own own(Object value) {
        return new Own(value);
    }

    /** The same reason, continued with more words that are not the row's own. */
    public RowReason then(String more) {
        return new RowReason(text + more, group + more);
    }
}
