package com.campaignsender.definition;

import java.util.List;

/**
 * A campaign that must not run: each problem names the file and the field (or the template,
 * or the list) and says why. Nothing has been sent when this is thrown.
 */
public class InvalidDefinitionException extends RuntimeException {

    private final List<String> problems;

    public InvalidDefinitionException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
