package dev.graft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.shell.Shell;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000, second half: "the module was reloaded and the output instantly changed". */
@Timeout(60)
class HelloWorldGenServerTest {
    private static final String MODULE = HelloWorldGenServer.MODULE;
    private static final String FILE = HelloWorldGenServer.FILE;

    @TempDir
    Path work;

    @Test
    void reloadingTheCallbackModule_changesTheRunningServerAtItsNextMessage() throws Exception {
        Transcript transcript = new Transcript();
        try (Node node = Node.start("hello-genserver-test")) {
            node.output(transcript.out);
            CodeServer code = CodeServer.of(node);
            Shell shell = new Shell(code, work.resolve("classes"));
            Path src = work.resolve("src");
            node.runProcess(() -> {
                // given a HelloWorld server of version 1, greeting
                ModuleSources.install("hello-genserver", 1, FILE, src);
                assertThat(shell.c(src.resolve(FILE)).isLoaded()).isTrue();
                Pid server = ((StartResult) code.apply(MODULE, "startLink", 10L)).pid();
                transcript.await("Hi, Joe");
                // when version 2 is loaded
                ModuleSources.install("hello-genserver", 2, FILE, src);
                assertThat(shell.r(MODULE).isLoaded()).isTrue();
                // then the same server says Hello from its next message on, with its state carried over
                transcript.await("Hello, Joe");
                transcript.skipPending();
                assertThat(transcript.await(l -> l.endsWith(", Joe"))).isEqualTo("Hello, Joe");
                assertThat(code.checkProcessCode(server, MODULE)).as("a behaviour loop runs no old code").isFalse();
                GenServer.stop(server);
                return null;
            });
        }
    }

    @Test
    void example_printsTheSeedsTranscript() throws Exception {
        Transcript transcript = new Transcript();
        new HelloWorldGenServer().run(transcript.out);
        assertThat(transcript.lines()).contains("Hi, Joe", "Hello, Joe")
                .anyMatch(l -> l.endsWith("{:reloaded, HelloWorld, [HelloWorld]}"));
    }
}
