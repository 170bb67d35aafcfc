package com.campaignsender.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.regex.Pattern;

import picocli.CommandLine;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.campaignsender.system.ShutdownSignal;

/**
 * Hands the process arguments to picocli once the application context is up and keeps the exit
 * code for {@code SpringApplication.exit}. Tests that start the context without a command line
 * switch it off with {@code campaign.cli.enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "campaign.cli.enabled", matchIfMissing = true)
public class CommandLineEntry implements CommandLineRunner, ExitCodeGenerator {

    private final SpringCommandFactory factory;
    private final ShutdownSignal shutdown;
    private int exitCode;

    CommandLineEntry(SpringCommandFactory factory, ShutdownSignal shutdown) {
        this.factory = factory;
        this.shutdown = shutdown;
    }

    /** {@code --name.with.dots=value} is a Spring property given on the command line: Boot has read it already. */
    private static final Pattern SPRING_PROPERTY = Pattern.compile("--[a-z0-9-]+(\\.[a-z0-9\\[\\]-]+)+=.*");

    @Override
    public void run(String... args) {
        StopSignals.install(shutdown);
        String[] commandArgs = Arrays.stream(args).filter(arg -> !SPRING_PROPERTY.matcher(arg).matches()).toArray(String[]::new);
        exitCode = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), commandArgs);
    }

    /** Runs one command line with the given output streams and answers its exit code. */
    public int execute(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(CampaignCommand.class, factory)
                .setOut(out)
                .setErr(err)
                .setExitCodeExceptionMapper(failure -> failure instanceof CommandLine.ParameterException
                        ? ExitCodes.REFUSED : ExitCodes.RESUMABLE)
                .execute(args);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
