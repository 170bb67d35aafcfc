package com.campaignsender.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed partition's record gives the manager to say when its worker recorded no reason of its own. */
class PartitionWatchTests {

    @Test
    void aPartitionsExitDescriptionGivesItsExceptionsMessage() {
        assertThat(PartitionWatch.firstLine("java.lang.IllegalStateException: the ledger changed under the send step\n\tat x"))
                .isEqualTo("the ledger changed under the send step");
        assertThat(PartitionWatch.firstLine("JobInterruptedException")).isEqualTo("JobInterruptedException");
        assertThat(PartitionWatch.firstLine("")).isEmpty();
    }
}
