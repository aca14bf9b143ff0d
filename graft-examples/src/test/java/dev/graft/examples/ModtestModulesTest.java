package dev.graft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Seed 003: which process moves to new code, and when. */
@Timeout(60)
class ModtestModulesTest {

    @Test
    void localLoopStays_qualifiedCallMoves_codeChangeRunsOnTheWay() throws Exception {
        // given, when: the seed's session, driven by the example
        Transcript transcript = new Transcript();
        new ModtestModules().run(transcript.out);

        // then: the server answers as the seed shows, line for line
        assertThat(transcript.lines()).containsSubsequence(
                "---> local call state is version1, current version is version1",
                "external call state is version1, current version is version1",
                // compiled outside, not loaded: nothing changes
                "---> local call state is version1, current version is version1",
                // loaded: the local loop still runs version 1
                "---> local call state is version1, current version is version1",
                // the reload message's clause still runs in version 1, then the qualified call moves
                "external call state is version1, current version is version1",
                "---> local call state is version1, current version is version2",
                "---> local call state is version2, current version is version2",
                "stopped",
                // versions 3 and 4: ?MODULE:code_change(State) runs in the new version first
                "---> local call state is version3, current version is version3",
                "it is possible here to do any action on the state: version3 before the code change is completed",
                "external call state is version3, current version is version3",
                "---> local call state is version3, current version is version3",
                "it is possible here to do any action on the state: version3 before the code change is completed",
                "external call state is version3, current version is version4",
                "---> local call state is version4, current version is version4",
                "stopped");
    }
}
