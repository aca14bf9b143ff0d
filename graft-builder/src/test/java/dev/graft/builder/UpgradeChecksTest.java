package dev.graft.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.release.Appup;
import dev.graft.term.Terms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code --upgrade-from} checks and reports beyond the appup: a shared class that changed
 * (the applications that use it are restarted instead), an appup kept in the source, a state
 * shape that structural migration cannot reach (refused), and the dry run.
 */
class UpgradeChecksTest {
    private static final String GREETING = """
            package greet;

            public final class Greeting {
                public static String text() {
                    return "%TEXT%";
                }
            }
            """;

    private static final String HELLO = """
            package hi;

            import dev.graft.behaviour.GenServer;
            import dev.graft.gen.From;

            public final class Hello implements GenServer<Hello.State> {
                public record State(%STATE%) {}

                @Override
                public Init<State> init(Object args) {
                    return Init.ok(null);
                }

                @Override
                public CallResult<State> handleCall(Object request, From from, State s) {
                    return new Reply<>(greet.Greeting.text(), s);
                }
            }
            """;

    @TempDir
    Path tmp;
    Workspace ws;
    Path out;

    @BeforeEach
    void release1() throws Exception {
        ws = new Workspace(tmp);
        out = tmp.resolve("rel");
        Path jar1 = greetingJar("greetings-1.jar", "hello");
        Path classes = ws.compile("hi1", Map.of("hi.Hello", HELLO.replace("%STATE%", "int n")), jar1);
        ws.write("hi1/hi.app.src", "{application, hi, [{vsn, \"1.0\"}]}.\n");
        Workspace.Run run = Workspace.build(List.of("--vsn", "1", "--out", out.toString(), "--lib", jar1.toString(),
                "--app", tmp.resolve("hi1/hi.app.src").toString(), "--classes", classes.toString()));
        assertThat(run.status()).as(run.err()).isZero();
    }

    /** A dependency jar holding greet.Greeting, whose text() says {@code text}. */
    private Path greetingJar(String name, String text) throws Exception {
        Path classes = ws.compile(name + "-src", Map.of("greet.Greeting", GREETING.replace("%TEXT%", text)));
        Path jar = tmp.resolve(name);
        int status = ToolProvider.findFirst("jar").orElseThrow()
                .run(System.out, System.err, "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
        assertThat(status).isZero();
        return jar;
    }

    /** Builds release 2 of hi (at {@code vsn}) with --upgrade-from 1, Hello's state {@code state}, the jar given. */
    private Workspace.Run release2(String vsn, String state, Path jar, String... more) throws Exception {
        Path classes = ws.compile("hi2", Map.of("hi.Hello", HELLO.replace("%STATE%", state)), jar);
        ws.write("hi2/hi.app.src", "{application, hi, [{vsn, \"" + vsn + "\"}]}.\n");
        List<String> args = new ArrayList<>(List.of("--vsn", "2", "--out", out.toString(), "--lib", jar.toString(),
                "--app", tmp.resolve("hi2/hi.app.src").toString(), "--classes", classes.toString(), "--upgrade-from", "1"));
        args.addAll(List.of(more));
        return Workspace.build(args);
    }

    @Test
    void anApplicationUsingASharedClassThatChangedIsRestarted_notUpgradedLive() throws Exception {
        Workspace.Run run = release2("2.0", "int n", greetingJar("greetings-2.jar", "hello again"));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Terms.write(Appup.read(out.resolve("lib/hi-2.0/ebin/hi.appup")).toTerm()))
                .isEqualTo("{\"2.0\",[{\"1.0\",[{restart_application,hi}]}],[{\"1.0\",[{restart_application,hi}]}]}");
        assertThat(run.out()).contains("Cannot be upgraded live",
                "hi: uses the shared class greet.Greeting (changed, in greetings-2.jar, was in greetings-1.jar); shared "
                        + "classes are loaded once, when the node starts, so the running node keeps the old one; "
                        + "instead: {restart_application, hi}");
        assertThat(out.resolve("lib/graft/greetings-2.jar")).exists();
        assertThat(out.resolve("lib/graft/greetings-1.jar")).doesNotExist();
    }

    @Test
    void aSharedClassChangeUnderAnUnchangedApplicationVersionIsRefused() throws Exception {
        Workspace.Run run = release2("1.0", "int n", greetingJar("greetings-2.jar", "hello again"));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("application hi is 1.0 in both releases, but uses the shared class greet.Greeting",
                "bump its vsn in its .app.src, so that the upgrade restarts it");
    }

    @Test
    void anAppupKeptInTheSourceOverridesTheGeneratedOne() throws Exception {
        ws.write("hi2/hi.appup", """
                {"2.0", [{"1.0", [{update, 'hi.Hello', {advanced, from_source}}]}],
                        [{"1.0", [{update, 'hi.Hello', {advanced, from_source}}]}]}.
                """);

        Workspace.Run run = release2("2.0", "int n, @dev.graft.migrate.Migration.Default(\"0\") int m",
                tmp.resolve("greetings-1.jar"));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("~ hi 1.0 -> 2.0    appup from " + tmp.resolve("hi2/hi.appup"),
                "up:   [{update,'hi.Hello',{advanced,from_source}}]");
        assertThat(Files.readString(out.resolve("releases/2/relup"))).contains("{code_change,up,[{'hi.Hello',from_source}]}");
    }

    @Test
    void aStateShapeThatStructuralMigrationCannotReachIsRefused_andNothingIsWritten() throws Exception {
        Workspace.Run run = release2("2.0", "int n, int m", tmp.resolve("greetings-1.jar"));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("state shape Hello.State: (int n) -> (int n, int m)",
                "problem: m: new, and has no @Migration.Default and no @Migration.From; give it one, or write a codeChange",
                "Problems (nothing is packaged)");
        assertThat(run.err()).contains("the upgrade from 1 cannot be built: application hi: hi.Hello: record hi.Hello$State m: new");
        assertThat(out.resolve("releases/2")).doesNotExist();
        assertThat(out.resolve("lib/hi-2.0")).doesNotExist();
    }

    @Test
    void aShapeTheModulesCodeChangeMigratesIsItsToMigrate() throws Exception {
        Workspace.Run run = release2("2.0", """
                int n, int m) {}

                @Override
                public State codeChange(Object oldVsn, Object old, Object extra) {
                    return new State(0, 0);
                }

                record Unused(int x""", tmp.resolve("greetings-1.jar"));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("GenServer; defines codeChange, its records change shape: Hello.State",
                "state shape Hello.State: (int n) -> (int n, int m)", "migrated by hi.Hello.codeChange")
                .doesNotContain("problem:");
    }

    @Test
    void aDryRunPrintsThePlanAndWritesNothing() throws Exception {
        Workspace.Run run = release2("2.0", "long n", tmp.resolve("greetings-1.jar"), "--dry-run",
                "--from", out.resolve("releases/hi-1.zip").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("state shape Hello.State: (int n) -> (long n)", "n: kept, widened from int",
                "{update,'hi.Hello',{advanced,[]}}", "Dry run: nothing was written.");
        assertThat(out.resolve("releases/2")).doesNotExist();
        assertThat(out.resolve("lib/hi-2.0")).doesNotExist();
    }
}
