package dev.graft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.behaviour.GenServer;
import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.shell.Shell;
import dev.graft.sys.Sys;
import dev.graft.sys.SysState;
import dev.graft.term.Atom;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Seed 001: "we are able to hot-swap running code, without stopping, losing state". */
@Timeout(60)
class KvExampleTest {
    private static final String MODULE = KvExample.MODULE;
    private static final String FILE = KvExample.FILE;

    @TempDir
    Path work;

    @Test
    void suspendChangeCodeResume_keepsTheState_andTheNewVersionLogs() throws Exception {
        Transcript transcript = new Transcript();
        try (Node node = Node.start("kv-test")) {
            node.output(transcript.out);
            CodeServer code = CodeServer.of(node);
            Shell shell = new Shell(code, work.resolve("classes"));
            Path src = work.resolve("src");
            node.runProcess(() -> {
                // given KV version 0, started, holding a = 42
                ModuleSources.install("kv", 0, FILE, src);
                shell.compile(src.resolve(FILE));
                assertThat(shell.l(MODULE).isLoaded()).isTrue();
                Pid kv = ((dev.graft.behaviour.StartResult) code.apply(MODULE, "startLink")).pid();
                assertThat(code.apply(MODULE, "get", "a")).isNull();
                assertThat(code.apply(MODULE, "put", "a", 42)).isEqualTo(Atom.of("ok"));

                // when version 1 is loaded, and the server suspended, changed and resumed
                ModuleSources.install("kv", 1, FILE, src);
                shell.compile(src.resolve(FILE));
                assertThat(code.load(MODULE).isLoaded()).isTrue();
                Sys.suspend("KV");
                Sys.changeCode("KV", MODULE, "0", null);
                assertThat(Sys.getStatus("KV").sysState()).isEqualTo(SysState.SUSPENDED);
                Sys.resume("KV");

                // then the same process has the same state, and handles requests with version 1
                assertThat(code.apply(MODULE, "get", "a")).isEqualTo(42);
                transcript.await(l -> l.endsWith("[info]  kv.KV: Handling get request for a"));
                assertThat(code.apply(MODULE, "put", "b", 2)).isEqualTo(Atom.of("ok"));
                transcript.await(l -> l.endsWith("[info]  kv.KV: Handling put request for b:2"));
                assertThat(node.whereis("KV")).contains(kv);
                assertThat(Sys.getState(kv)).isEqualTo(Map.of("a", 42, "b", 2));

                // and r KV reloads it again without touching the server
                assertThat(shell.r(MODULE).isLoaded()).isTrue();
                assertThat(code.apply(MODULE, "get", "a")).isEqualTo(42);
                GenServer.stop(kv);
                return null;
            });
        }
    }

    @Test
    void example_printsTheSeedsTranscript() throws Exception {
        Transcript transcript = new Transcript();
        new KvExample().run(transcript.out);
        assertThat(transcript.lines())
                .contains("iex> :sys.change_code(KV, KV, 0, nil)      :ok", "42", ":ok")
                .anyMatch(l -> l.endsWith("kv.KV: Handling get request for a"))
                .anyMatch(l -> l.endsWith("kv.KV: Handling put request for b:2"))
                .anyMatch(l -> l.endsWith("{:reloaded, KV, [KV]}"));
    }
}
