package com.campaignsender.ledger;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static com.campaignsender.ledger.DeliveryState.ACCEPTED;
import static com.campaignsender.ledger.DeliveryState.BOUNCED;
import static com.campaignsender.ledger.DeliveryState.CANCELLED;
import static com.campaignsender.ledger.DeliveryState.DELIVERED;
import static com.campaignsender.ledger.DeliveryState.EXPIRED;
import static com.campaignsender.ledger.DeliveryState.FAILED;
import static com.campaignsender.ledger.DeliveryState.IN_DOUBT;
import static com.campaignsender.ledger.DeliveryState.PENDING;
import static com.campaignsender.ledger.DeliveryState.REJECTED;
import static com.campaignsender.ledger.DeliveryState.SENDING;
import static com.campaignsender.ledger.DeliveryState.UNKNOWN;

/**
 * The delivery state machine (SPEC section 17), whole: each event a ledger write is named for,
 * and its moves, each from the states it may find a row in to the state it leaves it in. Every
 * write of a row's state is guarded in SQL by the move's from-states, so a write that finds its
 * row elsewhere (an answer for a row a restart already settled, a late poll of a message a
 * webhook already delivered) changes nothing. States only move forward: nothing leads back to
 * SENDING, and the provider's statuses lead from in flight to delivered to bounced, never back.
 */
public enum LedgerEvent {

    /** The load step entered a row of the list. */
    LOADED,
    /** The send step (or a dry run) rendered a row's message: a row it cannot render is rejected. */
    RENDERED,
    /** The send step took a chunk's rows; committed before their requests leave. */
    CLAIMED,
    /** A request's outcome: accepted, refused for good, unanswered (in doubt), or never made (pending again). */
    ANSWERED,
    /** A restart found a row SENDING: its request may have left. */
    CRASH_FOUND,
    /** The settle step found the message of an unanswered request, or proved there is none. */
    SETTLED,
    /** The provider showed a message's status. */
    STATUS_SEEN,
    /** The run was cancelled before the row was sent. */
    CANCELLED_BEFORE_SENDING;

    /** One legal move: from any of {@code from} to {@code to}, on {@code event}. */
    public record Move(LedgerEvent event, Set<DeliveryState> from, DeliveryState to) {
    }

    private static final Set<DeliveryState> NEW = EnumSet.noneOf(DeliveryState.class);

    /** The table. */
    public static final List<Move> MOVES = List.of(
            new Move(LOADED, NEW, PENDING),
            new Move(LOADED, NEW, REJECTED),
            new Move(RENDERED, EnumSet.of(PENDING), PENDING),
            new Move(RENDERED, EnumSet.of(PENDING), REJECTED),
            new Move(CLAIMED, EnumSet.of(PENDING), SENDING),
            new Move(ANSWERED, EnumSet.of(SENDING), ACCEPTED),
            new Move(ANSWERED, EnumSet.of(SENDING), FAILED),
            new Move(ANSWERED, EnumSet.of(SENDING), IN_DOUBT),
            new Move(ANSWERED, EnumSet.of(SENDING), PENDING),
            new Move(CRASH_FOUND, EnumSet.of(SENDING), IN_DOUBT),
            new Move(SETTLED, EnumSet.of(IN_DOUBT), ACCEPTED),
            new Move(SETTLED, EnumSet.of(IN_DOUBT), DELIVERED),
            new Move(SETTLED, EnumSet.of(IN_DOUBT), BOUNCED),
            new Move(SETTLED, EnumSet.of(IN_DOUBT), FAILED),
            new Move(SETTLED, EnumSet.of(IN_DOUBT), EXPIRED),
            new Move(SETTLED, EnumSet.of(IN_DOUBT), PENDING),
            // A relay cannot be asked: an unanswered request may have been taken, and is not sent again.
            new Move(SETTLED, EnumSet.of(IN_DOUBT), UNKNOWN),
            // A newer status of a message in flight; a delivered one may still bounce.
            new Move(STATUS_SEEN, EnumSet.of(ACCEPTED), ACCEPTED),
            new Move(STATUS_SEEN, EnumSet.of(ACCEPTED, DELIVERED), DELIVERED),
            // (a bounce of a message a relay never answered for: it was taken after all)
            new Move(STATUS_SEEN, EnumSet.of(ACCEPTED, DELIVERED, UNKNOWN), BOUNCED),
            new Move(STATUS_SEEN, EnumSet.of(ACCEPTED), FAILED),
            new Move(STATUS_SEEN, EnumSet.of(ACCEPTED), EXPIRED),
            new Move(CANCELLED_BEFORE_SENDING, EnumSet.of(PENDING), CANCELLED));

    /** The states this event may move a row to {@code to} from; an {@link IllegalArgumentException} when it never leads there. */
    public Set<DeliveryState> from(DeliveryState to) {
        return MOVES.stream().filter(move -> move.event() == this && move.to() == to).findFirst()
                .map(Move::from)
                .orElseThrow(() -> new IllegalArgumentException(this + " never leads to " + to));
    }

    /** The from-states as an SQL list, for a write's guard: {@code 'ACCEPTED', 'DELIVERED'}. */
    String sqlFrom(DeliveryState to) {
        return String.join(", ", from(to).stream().map(state -> "'" + state.name() + "'").toList());
    }
}
