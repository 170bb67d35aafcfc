package com.campaignsender.definition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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

    /**
     * Reports keys that no reader asked for: a misspelt field must not be ignored silently. The
     * nearest known field is suggested where one is near (a letter or two off), and the known
     * fields are listed in order, so that a reader finds theirs.
     */
    void rejectUnknown(Collection<String> known) {
        List<String> sorted = known.stream().sorted().toList();
        for (Object key : values.keySet()) {
            String name = String.valueOf(key);
            if (!known.contains(name)) {
                String suggestion = sorted.stream().filter(field -> distance(name, field) <= Math.max(1, field.length() / 4))
                        .min(Comparator.comparingInt(field -> distance(name, field)))
                        .map(field -> "did you mean " + field + "? ").orElse("");
                problem(name, "unknown field (" + suggestion + "known here: " + String.join(", ", sorted) + ")");
            }
        }
    }

    /** Edits (insert, delete, replace a character) between two names. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
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
