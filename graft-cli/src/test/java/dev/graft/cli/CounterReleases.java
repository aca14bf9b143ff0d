package dev.graft.cli;

import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.release.TestReleases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Two releases of a multi-module application, {@code counter}: an application callback module
 * that starts a GenServer registered as "counter", and the label module it formats replies
 * with. Release 2 renames the label module and adds a component to the server's state, which
 * its {@code codeChange} sets; its relup upgrades from 1 and downgrades to it.
 */
final class CounterReleases {
    private CounterReleases() {}

    static String counter(int vsn) {
        String state = vsn == 1 ? "public record State(int count) {}" : """
                public record State(int count, @Migration.Default("0") int upgrades) {}
                private record Old(int count) {}

                @Override
                public State codeChange(Object oldVsn, Object old, Object extra) {
                    if (oldVsn instanceof GenServer.Down) {
                        return (State) old;
                    }
                    return new State(Migration.convert(old, Old.class).count(), 1);
                }
                """;
        return """
                package counter;

                import dev.graft.behaviour.GenServer;
                import dev.graft.gen.From;
                import dev.graft.migrate.Migration;
                import dev.graft.process.Pid;

                @dev.graft.code.Vsn("%V%")
                public final class Counter implements GenServer<Counter.State> {
                    %STATE%

                    record Bump(int by) {}

                    public static Pid startLink() {
                        return GenServer.startLink("counter", Counter.class, null).pid();
                    }

                    public static Object bump(int by) {
                        return GenServer.call("counter", new Bump(by));
                    }

                    @Override
                    public Init<State> init(Object args) {
                        return Init.ok(%START%);
                    }

                    @Override
                    public CallResult<State> handleCall(Object req, From from, State s) {
                        State n = %NEXT%;
                        return new Reply<>(Label%V%.of(n.count()), n);
                    }
                }
                """.replace("%STATE%", state).replace("%V%", String.valueOf(vsn))
                .replace("%START%", vsn == 1 ? "new State(0)" : "new State(0, 0)")
                .replace("%NEXT%", vsn == 1 ? "new State(s.count() + ((Bump) req).by())"
                        : "new State(s.count() + ((Bump) req).by(), s.upgrades())");
    }

    static String label(int vsn) {
        return """
                package counter;

                public final class LabelV {
                    public static String of(int n) {
                        return "vV:" + n;
                    }
                }
                """.replace("V", String.valueOf(vsn));
    }

    static final String APP = """
            package counter;

            import dev.graft.application.Application;
            import dev.graft.application.StartType;

            public final class CounterApp implements Application<Object> {
                @Override
                public Start<Object> start(StartType type, Object args) {
                    return Start.ok(Counter.startLink());
                }

                @Override
                public void stop(Object state) {}
            }
            """;

    static final String RELUP = """
            {"2",
             [{"1",[],
               [{load_object_code,{counter,"2",['counter.Label2','counter.Counter']}},
                point_of_no_return,
                {load,{'counter.Label2',brutal_purge,brutal_purge}},
                {suspend,['counter.Counter']},
                {load,{'counter.Counter',brutal_purge,brutal_purge}},
                {code_change,up,[{'counter.Counter',[]}]},
                {resume,['counter.Counter']},
                {remove,{'counter.Label1',brutal_purge,brutal_purge}},
                {purge,['counter.Label1']}]}],
             [{"1",[],
               [{load_object_code,{counter,"1",['counter.Counter','counter.Label1']}},
                point_of_no_return,
                {load,{'counter.Label1',brutal_purge,brutal_purge}},
                {suspend,['counter.Counter']},
                {code_change,down,[{'counter.Counter',[]}]},
                {load,{'counter.Counter',brutal_purge,brutal_purge}},
                {resume,['counter.Counter']},
                {remove,{'counter.Label2',brutal_purge,brutal_purge}},
                {purge,['counter.Label2']}]}]}.
            """;

    /** Builds counter-1.zip and counter-2.zip in {@code dir}; returns their paths. */
    static List<Path> build(Path dir) throws Exception {
        try (Node compiler = Node.start("build")) {
            TestReleases builder = new TestReleases(dir, CodeServer.of(compiler));
            Path v1 = builder.buildRelease("counter", "1", List.of(new TestReleases.App("counter", "1", List.of(
                    Map.entry("counter.Label1", label(1)), Map.entry("counter.Counter", counter(1)),
                    Map.entry("counter.CounterApp", APP)), "counter.CounterApp")), null);
            Path v2 = builder.buildRelease("counter", "2", List.of(new TestReleases.App("counter", "2", List.of(
                    Map.entry("counter.Label2", label(2)), Map.entry("counter.Counter", counter(2)),
                    Map.entry("counter.CounterApp", APP)), "counter.CounterApp")), RELUP);
            return List.of(v1, v2);
        }
    }
}
