package com.campaignsender.report;

import org.junit.jupiter.api.Test;

import com.campaignsender.ledger.DeliveryState;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC section 22: every row not delivered has a reason in words with the provider's code, and a next step by class. */
class RowReasonsTests {

    @Test
    void aProvidersStatusIsPutIntoWordsWithItsCodeBeside() {
        assertThat(RowReasons.reason(DeliveryState.EXPIRED, "dlr_timeout", null))
                .isEqualTo("no delivery report came back in time: the phone was off or out of reach (dlr_timeout)");
        assertThat(RowReasons.reason(DeliveryState.BOUNCED, "UNDELIVERABLE_REJECTED_OPERATOR", null))
                .isEqualTo("the recipient's operator (carrier or mail server) refused it (UNDELIVERABLE_REJECTED_OPERATOR)");
    }

    @Test
    void aStatusTheTableDoesNotNameIsReadByItsGroupOrItsState() {
        assertThat(RowReasons.reason(DeliveryState.FAILED, "REJECTED_SOMETHING_NEW", null))
                .isEqualTo("Infobip refused it (REJECTED_SOMETHING_NEW)");
        assertThat(RowReasons.reason(DeliveryState.BOUNCED, "550 5.1.1 user unknown", null))
                .isEqualTo("the recipient's mail server refused the message (a bounce) (550 5.1.1 user unknown)");
        assertThat(RowReasons.reason(DeliveryState.CANCELLED, null, null)).startsWith("not sent: the run was cancelled");
    }

    @Test
    void theProductsOwnReasonStandsAndADeliveredRowHasNone() {
        assertThat(RowReasons.reason(DeliveryState.FAILED, "failed", "POST /v1.0/emails: HTTP 400 invalid destination"))
                .isEqualTo("POST /v1.0/emails: HTTP 400 invalid destination");
        assertThat(RowReasons.reason(DeliveryState.DELIVERED, "delivered", null)).isNull();
        assertThat(RowReasons.nextStep(DeliveryState.DELIVERED)).isNull();
        assertThat(RowReasons.nextStep(DeliveryState.BOUNCED)).contains("suppressed");
        assertThat(RowReasons.nextStep(DeliveryState.EXPIRED)).contains("try again another day");
    }
}
