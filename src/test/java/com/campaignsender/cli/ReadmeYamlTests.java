package com.campaignsender.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 22: every YAML block of the README works when copied. A whole definition (it has a
 * {@code name}) is validated as it stands; a part of one (a {@code send-window} line) is validated
 * in place of the same keys of the sample campaign; a block that is another tool's file (its first
 * line names it, {@code # prometheus.yml}) must at least be YAML.
 */
@SpringBootTest
class ReadmeYamlTests {

    private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");
    private static final Pattern OTHER_TOOLS_FILE = Pattern.compile("\\A# [\\w.-]+\\.ya?ml\\s*\\n");
    private static final Path SAMPLE = Path.of("jobs/welcome-email.yml");

    @Autowired
    private SpringCommandFactory factory;

    @TempDir
    private Path folder;

    @Test
    void everyYamlBlockOfTheReadmeIsValidAsWritten() throws IOException {
        List<String> blocks = blocks(Files.readString(Path.of("README.md")));
        assertThat(blocks).as("YAML blocks in the README").hasSizeGreaterThanOrEqualTo(4);

        List<String> refused = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            if (OTHER_TOOLS_FILE.matcher(block).find()) {
                new Yaml().load(block); // throws on a block that is not YAML
                continue;
            }
            Path definition = folder.resolve("readme-block-" + (i + 1) + ".yml");
            Files.writeString(definition, block.contains("\nname:") || block.startsWith("name:") ? block : inSample(block));
            Terminal terminal = new Terminal(factory);
            if (terminal.run("validate", definition.toString()) != ExitCodes.OK) {
                refused.add("block " + (i + 1) + ":\n" + block + terminal.err());
            }
        }
        assertThat(refused).as("README YAML blocks that validate refuses").isEmpty();
    }

    private static List<String> blocks(String readme) {
        List<String> blocks = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(readme);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    /** The sample campaign with the block's keys in place of its own (paths stay the repository's). */
    private static String inSample(String part) throws IOException {
        Map<String, Object> definition = new LinkedHashMap<>(new Yaml().<Map<String, Object>>load(Files.readString(SAMPLE)));
        definition.putAll(new Yaml().<Map<String, Object>>load(part));
        return new Yaml().dump(definition);
    }
}
