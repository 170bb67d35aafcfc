package com.campaignsender.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdentityTests {

    @TempDir
    Path dir;

    @Test
    void isTheCampaignAndTheSha256OfTheListWhateverTheFileIsCalled() throws IOException {
        Path first = Files.writeString(dir.resolve("a.csv"), "email\nann@example.com\n");
        Path copy = Files.writeString(dir.resolve("b.csv"), "email\nann@example.com\n");
        Path other = Files.writeString(dir.resolve("c.csv"), "email\nbob@example.com\n");

        RunIdentity identity = RunIdentity.of("welcome", first);
        // sha256sum of the same bytes
        assertThat(identity.recipientsSha256()).isEqualTo("89e1153b227e2a022ad28b5d52d845ce261e6efcc55dd3461a41dc6bf3745e15");
        assertThat(RunIdentity.of("welcome", copy)).isEqualTo(identity);
        assertThat(RunIdentity.of("welcome", other)).isNotEqualTo(identity);
        assertThat(RunIdentity.of("other-campaign", first)).isNotEqualTo(identity);
    }
}
