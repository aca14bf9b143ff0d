package dev.graft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.shell.Shell;
import dev.graft.sys.Sys;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Seed 002: "the code was hot swapped with new state and new style of response". */
@Timeout(60)
class DemoServerExampleTest {
    private static final String MODULE = DemoServerExample.MODULE;
    private static final String FILE = DemoServerExample.FILE;

    @TempDir
    Path work;

    @Test
    void moneyBecomesSalary_throughTheExplicitCodeChange() throws Exception {
        try (Node node = Node.start("demo-server-test")) {
            CodeServer code = CodeServer.of(node);
            Shell shell = new Shell(code, work.resolve("classes"));
            Path src = work.resolve("src");
            node.runProcess(() -> {
                // given DemoServer version 1 with 60000 after one add_money
                ModuleSources.install("demo-server", 1, FILE, src);
                shell.c(src.resolve(FILE));
                Pid pid = ((StartResult) code.apply(MODULE, "startLink", "blackode", 30000)).pid();
                assertThat(code.apply(MODULE, "addMoney", pid, 30000)).isEqualTo("30000 added to blackode ");
                assertThat(Sys.getState(pid)).hasToString("Employee[name=blackode, money=60000]");
                // when it is suspended, version 2 loaded, its code changed and it is resumed
                Sys.suspend(pid);
                ModuleSources.install("demo-server", 2, FILE, src);
                assertThat(shell.c(src.resolve(FILE)).isLoaded()).isTrue();
                Sys.changeCode(pid, MODULE, "1", null);
                Sys.resume(pid);
                // then the state has a salary, and add_money replies with the new state
                assertThat(code.apply(MODULE, "addMoney", pid, 100000)).hasToString("Employee[name=blackode, salary=160000]");
                GenServer.stop(pid);
                return null;
            });
        }
    }

    @Test
    void example_printsTheSeedsTranscript() throws Exception {
        Transcript transcript = new Transcript();
        new DemoServerExample().run(transcript.out);
        assertThat(transcript.lines())
                .anyMatch(l -> l.endsWith("\"30000 added to blackode \""))
                .anyMatch(l -> l.endsWith("Employee[name=blackode, money=60000]"))
                .anyMatch(l -> l.endsWith("Employee[name=blackode, salary=160000]"));
    }
}
