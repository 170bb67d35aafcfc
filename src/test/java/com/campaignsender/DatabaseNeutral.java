package com.campaignsender;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A slow test whose subject does not depend on which database holds the ledger (a provider's
 * faults and outages, a service's signals, its inbox folder, its web side's doors): CI runs it once, on H2, and leaves
 * it out of the MariaDB and PostgreSQL runs ({@code -DexcludedGroups=database-neutral}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("database-neutral")
public @interface DatabaseNeutral {
}
