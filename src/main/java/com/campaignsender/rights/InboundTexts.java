package com.campaignsender.rights;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.gateway.InboundText;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.recipients.SuppressionList.Origin;
import com.campaignsender.recipients.SuppressionList.Reason;

/**
 * Texts recipients send to the account's numbers (SMS STOP): each is recorded once, with what it
 * did. A stop word puts the sender's number on the suppression list (reason STOP); START takes a
 * STOP off it again, but not a suppression of another kind (an operator's import stays). A text
 * delivered twice (a provider's retry) acts once.
 */
@Service
public class InboundTexts {

    private static final Logger log = LoggerFactory.getLogger(InboundTexts.class);

    /** What a text did; REPEATED: it had been received before, and did nothing this time. */
    public enum Action {
        STOPPED, RESTARTED, IGNORED, REPEATED
    }

    private final JdbcTemplate jdbc;
    private final SuppressionList suppression;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    public InboundTexts(JdbcTemplate jdbc, SuppressionList suppression, TransactionTemplate ownTransaction, Clock clock) {
        this.jdbc = jdbc;
        this.suppression = suppression;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
    }

    public Action receive(InboundText text) {
        StopWords word = StopWords.of(text.text());
        Action action = text.from().isEmpty() ? Action.IGNORED : switch (word) {
            case STOP -> Action.STOPPED;
            case START -> Action.RESTARTED;
            case NONE -> Action.IGNORED;
        };
        try {
            ownTransaction.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO inbound_message (provider, message_id, source, body, action, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", text.account(), text.messageId(), truncate(text.from(), 32),
                        truncate(text.text(), 2000), action.name(), Timestamp.from(clock.instant()));
                if (action == Action.STOPPED) {
                    suppression.add(List.of(text.from()), Reason.STOP,
                            Origin.of("texted " + word.name() + " to the " + text.account() + " account"));
                }
                else if (action == Action.RESTARTED) {
                    suppression.lift(text.from(), Reason.STOP);
                }
            });
        }
        catch (DuplicateKeyException ex) {
            return Action.REPEATED;
        }
        if (action != Action.IGNORED) {
            log.info("{} texted {}: {}", text.from(), word, action == Action.STOPPED ? "no more SMS to this number"
                    : "its STOP is lifted");
        }
        return action;
    }

    private static String truncate(String value, int length) {
        return value.length() > length ? value.substring(0, length) : value;
    }
}
