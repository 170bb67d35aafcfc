package com.campaignsender.rights;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.campaignsender.gateway.InboundText;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.recipients.SuppressionList.Reason;
import com.campaignsender.rights.InboundTexts.Action;

import static org.assertj.core.api.Assertions.assertThat;

/** Texts recipients send (SPEC section 15), on the real database: STOP is obeyed once, START lifts only a STOP. */
@SpringBootTest
class InboundTextsTests {

    @Autowired
    private InboundTexts texts;

    @Autowired
    private SuppressionList suppression;

    @Test
    void aStopTakesTheNumberOffEveryCampaignAndStartPutsItBack() {
        String number = number();

        assertThat(texts.receive(text(number, "Stop"))).isEqualTo(Action.STOPPED);
        assertThat(suppression.find(List.of(number))).hasEntrySatisfying(number, entry -> {
            assertThat(entry.reason()).isEqualTo(Reason.STOP);
            assertThat(entry.source()).contains("texted STOP to the voipbin account");
        });

        assertThat(texts.receive(text(number, "START"))).isEqualTo(Action.RESTARTED);
        assertThat(suppression.find(List.of(number))).isEmpty();
    }

    /** A provider delivers a webhook again: the text acts once, and its second delivery undoes nothing. */
    @Test
    void aTextDeliveredTwiceActsOnce() {
        String number = number();
        InboundText stop = text(number, "STOP");
        assertThat(texts.receive(stop)).isEqualTo(Action.STOPPED);
        InboundText start = text(number, "START");
        assertThat(texts.receive(start)).isEqualTo(Action.RESTARTED);

        assertThat(texts.receive(stop)).as("the STOP again, late").isEqualTo(Action.REPEATED);
        assertThat(suppression.find(List.of(number))).as("the later START stands").isEmpty();
    }

    /** START is no way around an operator: it lifts a STOP, never an import or a bounce. */
    @Test
    void startDoesNotLiftASuppressionOfAnotherKind() {
        String number = number();
        suppression.add(List.of(number), Reason.IMPORT, "an operator's list");

        assertThat(texts.receive(text(number, "start"))).isEqualTo(Action.RESTARTED);
        assertThat(suppression.find(List.of(number))).containsKey(number);
    }

    @Test
    void otherTextsAndTextsWithoutASenderAreRecordedAndChangeNothing() {
        String number = number();

        assertThat(texts.receive(text(number, "please stop sending these on Sundays"))).isEqualTo(Action.IGNORED);
        assertThat(texts.receive(text("", "STOP"))).isEqualTo(Action.IGNORED);
        assertThat(suppression.find(List.of(number))).isEmpty();
    }

    private static InboundText text(String from, String body) {
        return new InboundText("voipbin", UUID.randomUUID().toString(), from, body);
    }

    private static String number() {
        return "+3161" + String.format("%07d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000_000));
    }
}
