package com.campaignsender.gateway;

import java.util.Map;
import java.util.Set;

/**
 * A provider's own section of a campaign definition ({@code infobip:}): {@code fields} maps each
 * key written there (kebab-case) to the request field it is sent as; {@code flags} are the keys
 * whose value must be true or false.
 */
public record DefinitionSection(String key, Map<String, String> fields, Set<String> flags) {
}
