package com.campaignsender.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import com.campaignsender.system.ShutdownSignal;

/** The command line as a test drives it: one call at a time, its output and errors kept to read. */
final class Terminal {

    private final SpringCommandFactory factory;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    Terminal(SpringCommandFactory factory) {
        this.factory = factory;
    }

    /** Runs one command line; answers its exit code. Output accumulates until {@link #clear()}. */
    int run(String... args) {
        return new CommandLineEntry(factory, new ShutdownSignal()).execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
