package dev.graft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.code.Code;
import dev.graft.code.CodeServer;
import dev.graft.process.Down;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.shell.Shell;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000, first half: "the VM can run 2 versions of a module simultaneously". */
@Timeout(60)
class HelloWorldModulesTest {
    private static final String MODULE = HelloWorldModules.MODULE;
    private static final String FILE = HelloWorldModules.FILE;

    @TempDir
    Path work;

    @Test
    void twoVersionsRunSideBySide_aThirdKillsTheProcessInTheOldest() throws Exception {
        Transcript transcript = new Transcript();
        try (Node node = Node.start("hello-test")) {
            node.output(transcript.out);
            CodeServer code = CodeServer.of(node);
            Shell shell = new Shell(code, work.resolve("classes"));
            Path src = work.resolve("src");
            node.runProcess(() -> {
                // given: version 1 loaded and a process greeting with it
                ModuleSources.install("hello", 1, FILE, src);
                assertThat(shell.c(src.resolve(FILE)).isLoaded()).isTrue();
                Pid first = Code.spawn(MODULE, "hello", "Joe", 10L);
                var firstDown = Proc.monitor(first);
                transcript.await("Hi, Joe");

                // when: version 2 is loaded and a second process spawned
                ModuleSources.install("hello", 2, FILE, src);
                assertThat(shell.r(MODULE).isLoaded()).isTrue();
                Pid second = Code.spawn(MODULE, "hello", "Joe", 10L);

                // then: both versions run at once
                transcript.skipPending();
                transcript.await("Hello, Joe");
                transcript.await("Hi, Joe");
                assertThat(code.checkProcessCode(first, MODULE)).as("the first runs old code").isTrue();
                assertThat(code.checkProcessCode(second, MODULE)).as("the second runs current code").isFalse();

                // when: a third version is loaded (r purges the oldest first)
                ModuleSources.install("hello", 3, FILE, src);
                assertThat(shell.r(MODULE).isLoaded()).isTrue();

                // then: the process in version 1 was killed, the one in version 2 goes on
                Down down = Proc.receive(Down.class);
                assertThat(down.ref()).isEqualTo(firstDown);
                assertThat(down.reason()).isEqualTo(Reason.KILLED);
                assertThat(Proc.isAlive(second)).isTrue();
                transcript.skipPending();
                transcript.await("Hello, Joe");

                // and a new process runs the newest version
                Pid third = Code.spawn(MODULE, "hello", "Joe", 10L);
                transcript.await("Goodbye, Joe");
                assertThat(code.isLoaded(MODULE).orElseThrow().vsn()).isEqualTo("3");
                assertThat(code.oldCode(MODULE).orElseThrow().vsn()).isEqualTo("2");
                Proc.exit(second, Reason.KILL);
                Proc.exit(third, Reason.KILL);
                return null;
            });
        }
    }

    @Test
    void example_printsTheSeedsTranscript() throws Exception {
        Transcript transcript = new Transcript();
        new HelloWorldModules().run(transcript.out);
        assertThat(transcript.lines())
                .contains("Hi, Joe", "Hello, Joe", "Goodbye, Joe")
                .anyMatch(l -> l.contains("ran version 1, which was purged") && l.endsWith(",killed}"));
    }
}
