package com.campaignsender.gateway;

import java.util.Optional;

/**
 * The limits a provider's documentation gives one account, across every credential and process
 * of it. {@code reads}: a budget of its own for status reads (Infobip's reports and logs), when
 * the provider counts them apart; otherwise reads share the account's budget with its sends.
 */
public record DocumentedLimits(Limit sends, Optional<Limit> reads) {
}
