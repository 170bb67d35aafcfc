package com.campaignsender.report;

import java.util.Map;

import com.campaignsender.ledger.DeliveryState;

/**
 * Why a row did not end DELIVERED, in plain words, and what to do about it (SPEC section 22): the
 * one table of the providers' final statuses the report files, the API and the page all read.
 * A row the product itself ended (rejected at load, a template that failed, a provider's refusal
 * of the request) has its own reason in {@code error}; a row the provider ended has only its
 * status code, which this table puts into words. The provider's code stays beside the words.
 */
public final class RowReasons {

    /**
     * The providers' final failure statuses, by the code the ledger keeps as provider_status:
     * VoIPBIN's email and message target statuses, Infobip's status names (SMS and email share
     * them; providers.md), and an SMTP relay's delivery status notification (a bounce).
     */
    private static final Map<String, String> STATUS_WORDS = Map.ofEntries(
            // VoIPBIN email
            Map.entry("bounce", "the recipient's mail server refused the message for good (a hard bounce)"),
            Map.entry("dropped", "VoIPBIN dropped the message without sending it (an address it had seen bounce, "
                    + "unsubscribe or report spam before)"),
            // VoIPBIN messages (SMS)
            Map.entry("failed", "the carrier did not deliver the text"),
            Map.entry("gw_timeout", "the carrier's gateway did not take the text in time"),
            Map.entry("dlr_timeout", "no delivery report came back in time: the phone was off or out of reach"),
            // Infobip
            Map.entry("UNDELIVERABLE_REJECTED_OPERATOR", "the recipient's operator (carrier or mail server) refused it"),
            Map.entry("UNDELIVERABLE_NOT_DELIVERED", "sent, but the operator could not deliver it"),
            Map.entry("EXPIRED_EXPIRED", "not delivered within its validity: the phone was off or out of reach"),
            Map.entry("EXPIRED_DLR_UNKNOWN", "no delivery report came back before it expired"),
            Map.entry("EXPIRED_UNKNOWN", "it expired without a known delivery"),
            Map.entry("REJECTED_NETWORK", "Infobip refused it: the account may not send to this network"),
            Map.entry("REJECTED_PREFIX_MISSING", "Infobip refused it: the number has no country prefix"),
            Map.entry("REJECTED_DND", "Infobip refused it: the number is on a do-not-disturb list"),
            Map.entry("REJECTED_SOURCE", "Infobip refused it: the sender is not allowed for this destination"),
            Map.entry("REJECTED_SENDER", "Infobip refused it: the sender is blocked"),
            Map.entry("REJECTED_DESTINATION", "Infobip refused it: the destination is blocked"),
            Map.entry("REJECTED_NOT_ENOUGH_CREDITS", "Infobip refused it: the account's balance is spent"),
            Map.entry("REJECTED_ROUTE_NOT_AVAILABLE", "Infobip refused it: no route to this destination"),
            Map.entry("REJECTED_FLOODING_FILTER", "Infobip refused it: too many messages to this recipient"),
            Map.entry("REJECTED_INVALID_DESTINATION", "Infobip refused it: the address is not valid"));

    /** By Infobip's status group, the prefix of every status name, for a name this table does not list. */
    private static final Map<String, String> INFOBIP_GROUP_WORDS = Map.of(
            "UNDELIVERABLE_", "the operator could not deliver it",
            "EXPIRED_", "not delivered within its validity",
            "REJECTED_", "Infobip refused it");

    private RowReasons() {
    }

    /**
     * The reason in plain words, with the provider's code in brackets; the row's own {@code error}
     * when the product wrote one; null for a row that has no problem (DELIVERED, ACCEPTED, a row
     * still on its way).
     */
    public static String reason(DeliveryState state, String providerStatus, String error) {
        if (error != null && !error.isBlank()) {
            return error;
        }
        String words = providerStatus == null ? null : STATUS_WORDS.get(providerStatus);
        if (words == null && providerStatus != null) {
            words = INFOBIP_GROUP_WORDS.entrySet().stream().filter(group -> providerStatus.startsWith(group.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (words == null) {
            words = switch (state) {
                case BOUNCED -> "the recipient's mail server refused the message (a bounce)";
                case FAILED -> "the provider did not deliver it";
                case EXPIRED -> "not delivered in time";
                case IN_DOUBT -> "its request got no answer; the provider's record decides whether it was sent";
                case UNKNOWN -> "the relay gave no final answer: it may have been sent, and is not sent again";
                case CANCELLED -> "not sent: the run was cancelled before its turn";
                default -> null;
            };
        }
        return words == null || providerStatus == null || providerStatus.isBlank() || words.equals(providerStatus)
                ? words : words + " (" + providerStatus + ")";
    }

    /** What to do about a row in this state, or null when nothing is asked of anyone. */
    public static String nextStep(DeliveryState state) {
        return switch (state) {
            case REJECTED -> "fix the row (or the template) and send rejected.csv as a new list; "
                    + "duplicates and suppressed addresses need nothing";
            case BOUNCED -> "the address is suppressed now: correct it in your list, or remove it";
            case EXPIRED -> "the phone was off or out of reach: try again another day";
            case FAILED -> "read the reason: a refused address needs correcting, a refused sender or a spent balance "
                    + "needs the account fixed; then send the failed rows again as a new list";
            case UNKNOWN -> "look in the relay's own log before sending to it again";
            case IN_DOUBT -> "run reconcile on the run: the provider's record settles it";
            case CANCELLED -> "send the list again if it should still go";
            default -> null;
        };
    }
}
