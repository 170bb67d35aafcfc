package com.campaignsender.definition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One mapping of a definition file, read field by field. Every problem is collected with its
 * dotted field path (for example {@code limits.rate}) rather than thrown, so that a user sees
 * all that is wrong with a file at once.
 */
final class YamlSection {

    private final String path;
    private final Map<?, ?> values;
    private final List<String> problems;

    YamlSection(String path, Map<?, ?> values, List<String> problems) {
        this.path = path;
        this.values = values;
        this.problems = problems;
    }

    /** Reports keys that no reader asked for: a misspelt field must not be ignored silently. */
    void rejectUnknown(Collection<String> known) {
        for (Object key : values.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problem(String.valueOf(key), "unknown field (known here: " + String.join(", ", known) + ")");
            }
        }
    }

    Optional<String> text(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            problem(key, "must be a single value, not a " + (value instanceof Map ? "mapping" : "list"));
            return Optional.empty();
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    String requiredText(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty() && !values.containsKey(key)) {
            problem(key, "is required");
        }
        else if (text.isEmpty()) {
            problem(key, "must not be empty");
        }
        return text.orElse(null);
    }

    /** Parses a value with {@code parser}, whose IllegalArgumentException message becomes the problem. */
    <T> Optional<T> parsed(String key, Function<String, T> parser) {
        return text(key).flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            }
            catch (RuntimeException ex) {
                problem(key, ex.getMessage());
                return Optional.empty();
            }
        });
    }

    int positiveInt(String key, int defaultValue) {
        return intBetween(key, 1, Integer.MAX_VALUE, defaultValue);
    }

    int intBetween(String key, int least, int most, int defaultValue) {
        return parsed(key, text -> {
            try {
                int value = Integer.parseInt(text);
                if (value < least) {
                    throw new IllegalArgumentException("must be at least " + least + ", was " + value);
                }
                if (value > most) {
                    throw new IllegalArgumentException("must be at most " + most + ", was " + value);
                }
                return value;
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException("'" + text + "' is not a whole number");
            }
        }).orElse(defaultValue);
    }

    Optional<YamlSection> section(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(key, "must be a mapping of fields");
            return Optional.empty();
        }
        return Optional.of(new YamlSection(qualified(key), map, problems));
    }

    /** The section, or an empty one where it is absent: its fields then take their defaults. */
    YamlSection sectionOrEmpty(String key) {
        return section(key).orElseGet(() -> new YamlSection(qualified(key), Map.of(), problems));
    }

    List<String> textList(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problem(key, "must be a list, for example [a.pdf, b.pdf]");
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (Object item : list) {
            texts.add(String.valueOf(item));
        }
        return texts;
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    void problem(String key, String reason) {
        problems.add(qualified(key) + ": " + reason);
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
