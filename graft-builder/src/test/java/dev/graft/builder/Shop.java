package dev.graft.builder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sample release {@code shop}, in two versions. Version 1: application kv 1.0 — a
 * supervisor {@code kvsup} with one store "a" (a GenServer whose state is
 * {@code State(name, count)}), the application's callback module, a label module and a text
 * module. Version 2: kv 2.0, where the state gains {@code upgrades} (default 1), the store uses
 * a new label module (the old one is removed), the text changes and the supervisor gains a
 * store "b"; and a new application stats 1.0 with its own server.
 */
final class Shop {
    private Shop() {}

    static Map<String, String> kv(int vsn) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kv.Store", STORE.replace("%STATE%", vsn == 1 ? "String name, int count"
                        : "String name, int count, @Migration.Default(\"1\") int upgrades")
                .replace("%START%", vsn == 1 ? "(String) name, 0" : "(String) name, 0, 1")
                .replace("%NEXT%", vsn == 1 ? "s.name(), s.count() + b.by()" : "s.name(), s.count() + b.by(), s.upgrades()")
                .replace("%LABEL%", "Label" + vsn));
        s.put("kv.Sup", SUP.replace("%CHILDREN%", vsn == 1 ? CHILD_A : CHILD_A + ",\n            " + CHILD_B));
        s.put("kv.KvApp", KV_APP);
        s.put("kv.Label" + vsn, LABEL.replace("%V%", String.valueOf(vsn)));
        s.put("kv.Text", TEXT.replace("%TEXT%", vsn == 1 ? "hello" : "hello again"));
        return s;
    }

    static String kvAppSrc(String vsn) {
        return """
                %% kv: a key-value store
                {application, kv,
                 [{description, "a key-value store"},
                  {vsn, "%V%"},
                  {registered, [kvsup]},
                  {mod, {'kv.KvApp', []}},
                  {env, [{greeting, "hello"}]}]}.
                """.replace("%V%", vsn);
    }

    static final Map<String, String> STATS = Map.of(
            "stats.Counter", """
                    package stats;

                    import dev.graft.behaviour.GenServer;
                    import dev.graft.process.Pid;

                    public final class Counter implements GenServer<Integer> {
                        public static Pid startLink() {
                            return GenServer.startLink("stats", Counter.class, null).pid();
                        }

                        @Override
                        public Init<Integer> init(Object args) {
                            return Init.ok(0);
                        }
                    }
                    """,
            "stats.StatsApp", """
                    package stats;

                    import dev.graft.application.Application;
                    import dev.graft.application.StartType;

                    public final class StatsApp implements Application<Object> {
                        @Override
                        public Start<Object> start(StartType type, Object args) {
                            return Start.ok(Counter.startLink());
                        }

                        @Override
                        public void stop(Object state) {}
                    }
                    """);

    static final String STATS_APP_SRC = """
            {application, stats, [{description, "statistics"}, {vsn, "1.0"}, {mod, {'stats.StatsApp', []}}]}.
            """;

    private static final String STORE = """
            package kv;

            import dev.graft.behaviour.GenServer;
            import dev.graft.behaviour.StartResult;
            import dev.graft.gen.From;
            import dev.graft.migrate.Migration;

            public final class Store implements GenServer<Store.State> {
                public record State(%STATE%) {}

                record Bump(int by) {}

                public static StartResult startLink(String name) {
                    return GenServer.startLink(name, Store.class, name);
                }

                public static Object bump(String name, int by) {
                    return GenServer.call(name, new Bump(by));
                }

                @Override
                public Init<State> init(Object name) {
                    return Init.ok(new State(%START%));
                }

                @Override
                public CallResult<State> handleCall(Object req, From from, State s) {
                    Bump b = (Bump) req;
                    State n = new State(%NEXT%);
                    return new Reply<>(Text.greeting() + " " + %LABEL%.of(n.count()), n);
                }
            }
            """;

    private static final String CHILD_A = "ChildSpec.worker(\"a\", () -> Store.startLink(\"a\"), \"kv.Store\")";
    private static final String CHILD_B = "ChildSpec.worker(\"b\", () -> Store.startLink(\"b\"), \"kv.Store\")";

    private static final String SUP = """
            package kv;

            import dev.graft.behaviour.ChildSpec;
            import dev.graft.behaviour.StartResult;
            import dev.graft.behaviour.Supervisor;

            public final class Sup implements Supervisor {
                public static StartResult startLink() {
                    return Supervisor.startLink("kvsup", Sup.class, null);
                }

                @Override
                public Init init(Object args) {
                    return Init.of(Flags.of(Strategy.ONE_FOR_ONE),
                        %CHILDREN%);
                }
            }
            """;

    private static final String KV_APP = """
            package kv;

            import dev.graft.application.Application;
            import dev.graft.application.StartType;

            public final class KvApp implements Application<Object> {
                @Override
                public Start<Object> start(StartType type, Object args) {
                    return Start.ok(Sup.startLink().pid());
                }

                @Override
                public void stop(Object state) {}
            }
            """;

    private static final String LABEL = """
            package kv;

            public final class Label%V% {
                public static String of(int n) {
                    return "v%V%:" + n;
                }
            }
            """;

    private static final String TEXT = """
            package kv;

            public final class Text {
                public static String greeting() {
                    return "%TEXT%";
                }
            }
            """;
}
