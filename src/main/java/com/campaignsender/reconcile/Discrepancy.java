package com.campaignsender.reconcile;

/**
 * Where our ledger and the provider's own record disagree about a recipient of the run.
 *
 * @param ourMessageId      the message id the ledger holds for the row, if any
 * @param providerMessageId the message the provider has, if any
 */
public record Discrepancy(Kind kind, int row, String address, String ourMessageId, String providerMessageId,
        String providerStatus) {

    public enum Kind {
        /** We recorded the message as accepted; the provider's listing does not have it. */
        UNKNOWN_AT_PROVIDER("accepted by us, unknown to the provider"),
        /** The provider has a message to a recipient of the run for whom we recorded none. */
        UNKNOWN_TO_US("created at the provider, not recorded by us"),
        /** The provider has another message to a recipient we recorded one message for. */
        DUPLICATE("more than one message for one recipient");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
