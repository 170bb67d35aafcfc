package com.campaignsender.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One configured provider account: what sends through it, what reads its webhooks. */
public interface AccountConnection {

    /** The account's name, as campaigns name it ({@code provider:}) and the ledger records it. */
    String name();

    Provider provider();

    AccountSettings settings();

    /** What keeps the account from being used, named by its configuration keys; empty when it can send. */
    List<String> problems();

    /** The adapter for a campaign on {@code channel}, one of {@link Provider#channels()}. */
    MessageGateway gateway(Channel channel, Envelope envelope);

    /**
     * Reads one push to the account's webhook: its raw body, and its headers by name (any case),
     * checked for the account's webhook credential first. Never throws for what a caller sent.
     */
    Webhook readWebhook(byte[] body, Function<String, String> headers);

    /**
     * The mailbox the account's bounces arrive in, read apart from any campaign (by {@code serve},
     * for runs long finished): an SMTP relay's (SPEC section 21); none for a provider that reports otherwise.
     */
    default Optional<StatusFeed.Bounces> bounces() {
        return Optional.empty();
    }

    /**
     * Why the account cannot carry an email address whose local part is not ASCII (RFC 6531, SPEC
     * section 23), in words that end a row's reason; empty when it can. Asked when a list holds such an
     * address, not before. No provider API here takes one; an SMTP relay that announces SMTPUTF8 does.
     *
     * @throws ProviderException when the account could not be asked (its relay did not answer)
     */
    default Optional<String> unicodeLocalPartsRefused() {
        return Optional.of("which account '" + name() + "' (" + provider().type()
                + ") does not carry; an SMTP relay that announces SMTPUTF8 does");
    }

    /** How long after a request that got no answer the provider may still create its message. */
    default Duration lateCreateGrace() {
        return settings().lateCreateGrace();
    }
}
