package com.campaignsender.cli;

import java.io.PrintWriter;

import com.campaignsender.definition.InvalidDefinitionException;

/** Prints a refused definition's problems, one a line, the way every command does. */
final class Problems {

    private Problems() {
    }

    static int print(PrintWriter err, String verdict, InvalidDefinitionException refusal) {
        err.println("Campaign " + verdict + ":");
        refusal.problems().forEach(problem -> err.println("  - " + problem));
        return ExitCodes.REFUSED;
    }
}
