package dev.graft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProcessesTourTest {

    @Test
    void tour_printsEachBehaviourAsErlangWould() throws Exception {
        // given
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        // when
        new ProcessesTour().run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        // then
        String transcript = bytes.toString(StandardCharsets.UTF_8);
        assertThat(transcript)
                .containsPattern("receive \\s+Pong\\[from=<\\d+\\.\\d+\\.0>]")
                .contains("Tagged[n=2]")
                .contains("Tagged[n=1], then Tagged[n=3]")
                .contains("timeout")
                .containsPattern("\\{'EXIT',<\\d+\\.\\d+\\.0>,bad_thing_happened}")
                .containsPattern("\\{'DOWN',#Ref<\\d+\\.\\d+>,process,<\\d+\\.\\d+\\.0>,killed}")
                .containsPattern("\\{'DOWN',#Ref<\\d+\\.\\d+>,process,<\\d+\\.\\d+\\.0>,noproc}")
                .containsPattern("cancel_timer\\(never\\)\\s+true")
                .containsPattern("send_after\\(50, self\\(\\), tick\\)\\s+tick")
                .containsPattern("whereis\\(echo\\) after kill\\s+undefined");
    }
}
