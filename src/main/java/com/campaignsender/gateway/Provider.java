package com.campaignsender.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * One provider API (SPEC section 18), as the rest of the product may know it: one component per
 * provider package says what the provider is called, what it carries on each channel, its own
 * section of a campaign definition, the limits its documentation gives an account, and how an
 * account of it is opened. Nothing outside the provider's package decides on its name.
 */
public interface Provider {

    /** What {@code campaign.providers.<account>.type} names it by, and its account's name when there is no other. */
    String type();

    /** What it carries on each channel it sends; a channel missing here is one it cannot send. */
    Map<Channel, Carries> channels();

    /** Its own section of a campaign definition, if it has request fields of its own. */
    default Optional<DefinitionSection> section() {
        return Optional.empty();
    }

    /** The limits the provider's documentation gives one account: the budget of an account that sets none. */
    DocumentedLimits limits();

    /** Opens one account of this provider; binds its own settings (credentials) from {@code setup.binder()}. */
    AccountConnection connect(AccountSetup setup);
}
