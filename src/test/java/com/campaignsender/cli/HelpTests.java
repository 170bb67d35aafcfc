package com.campaignsender.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC section 16: {@code help}, {@code help <command>} and {@code <command> --help} print the usage and exit 0. */
@SpringBootTest
class HelpTests {

    private static final String[] COMMANDS = { "run", "validate", "preview", "reconcile", "serve", "runs", "suppress",
            "sandbox", "pause", "resume", "cancel" };

    @Autowired
    private SpringCommandFactory factory;

    @Test
    void helpListsEveryCommand() {
        Terminal terminal = new Terminal(factory);
        assertThat(terminal.run("help")).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).contains("Usage: campaign-sender").contains(COMMANDS).contains("help");
    }

    @ParameterizedTest
    @ValueSource(strings = { "run", "validate", "preview", "reconcile", "serve", "runs", "suppress", "sandbox", "pause",
            "resume", "cancel" })
    void helpForACommandAndItsHelpOptionPrintTheSameUsage(String command) {
        Terminal asked = new Terminal(factory);
        assertThat(asked.run("help", command)).isEqualTo(ExitCodes.OK);
        Terminal option = new Terminal(factory);
        assertThat(option.run(command, "--help")).isEqualTo(ExitCodes.OK);

        assertThat(asked.out()).startsWith("Usage: campaign-sender " + command).contains("-h, --help");
        assertThat(option.out()).isEqualTo(asked.out());
        assertThat(asked.err() + option.err()).isEmpty();
    }

    @Test
    void helpServeNamesTheTokenAndThePage() {
        Terminal terminal = new Terminal(factory);
        assertThat(terminal.run("help", "serve")).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).contains("campaign.server.token").contains("the page at http://127.0.0.1:<port>/")
                .contains("server.address");
    }
}
