package dev.graft.testkit;

import java.nio.file.Path;

/**
 * The releases the testkit's tests run: application {@code kv}, whose callback module starts a
 * supervisor ({@code kvsup}) of stores, GenServers registered by their names.
 * <ul>
 *   <li>release 1: stores a and b; {@code kv.Store} 1 keeps {@code State(name, count)}; {@code kv.Label} 1 says
 *       {@code v1:N}, and its {@code hold()} waits for ever in its code;</li>
 *   <li>release 2: stores a, b and c; {@code kv.Store} 2 keeps {@code State(name, count, history)}, its codeChange
 *       adds the empty history on the way up; {@code kv.Label} 2 says {@code v2:N}; the new
 *       module {@code kv.Audit} writes the history's entries. Its appup adds and deletes Audit,
 *       loads Label, updates Store with an advanced code change, and updates the supervisor,
 *       starting c after it (and stopping and deleting c before it on the way down);</li>
 *   <li>flawed releases 2 ({@link Flaw}), for the tests of what the testkit reports.</li>
 * </ul>
 */
final class KvReleases {
    private KvReleases() {}

    static final String APP = """
            package kv;

            import dev.graft.application.Application;
            import dev.graft.application.StartType;

            public final class KvApp implements Application<Object> {
                @Override
                public Start<Object> start(StartType type, Object args) {
                    return Start.ok(KvSup.start().pid());
                }

                @Override
                public void stop(Object state) {}
            }
            """;

    /** The supervisor: stores a and b; in release 2, c too. */
    static String sup(int vsn) {
        return """
                package kv;

                import dev.graft.behaviour.ChildSpec;
                import dev.graft.behaviour.StartResult;
                import dev.graft.behaviour.Supervisor;

                public final class KvSup implements Supervisor {
                    public static StartResult start() {
                        return Supervisor.startLink("kvsup", KvSup.class, null);
                    }

                    @Override
                    public Init init(Object args) {
                        return Init.of(Flags.of(Strategy.ONE_FOR_ONE),
                                ChildSpec.worker("a", () -> Store.startLink("a"), "kv.Store"),
                                ChildSpec.worker("b", () -> Store.startLink("b"), "kv.Store")C);
                    }
                }
                """.replace("C)", vsn == 1 ? ")" : ",\n                ChildSpec.worker(\"c\", () -> Store.startLink(\"c\"), \"kv.Store\"))");
    }

    static String label(int vsn) {
        return """
                package kv;

                @dev.graft.code.Vsn("$V")
                public final class Label {
                    public static String of(int n) {
                        return "v$V:" + n;
                    }

                    /** Tells {@code ready} "holding", then waits for ever in this version's code: a process a purge of it kills. */
                    public static void hold(dev.graft.process.Pid ready) {
                        dev.graft.process.Proc.send(ready, "holding");
                        dev.graft.process.Proc.receive(m -> false);
                    }
                }
                """.replace("$V", String.valueOf(vsn));
    }

    static final String AUDIT = """
            package kv;

            public final class Audit {
                public static String entry(int by) {
                    return "bumped by " + by;
                }
            }
            """;

    static final String STORE_1 = """
            package kv;

            import dev.graft.behaviour.GenServer;
            import dev.graft.behaviour.StartResult;
            import dev.graft.gen.From;

            @dev.graft.code.Vsn("1")
            public final class Store implements GenServer<Store.State> {
                public record State(String name, int count) {}

                record Bump(int by) {}

                public static StartResult startLink(String name) {
                    return GenServer.startLink(name, Store.class, name);
                }

                public static Object bump(String name, int by) {
                    return GenServer.call(name, new Bump(by));
                }

                @Override
                public Init<State> init(Object name) {
                    return Init.ok(new State((String) name, 0));
                }

                @Override
                public CallResult<State> handleCall(Object request, From from, State s) {
                    Bump b = (Bump) request;
                    State next = new State(s.name(), s.count() + b.by());
                    return new Reply<>(Label.of(next.count()), next);
                }
            }
            """;

    private static final String STORE_2 = """
            package kv;

            import dev.graft.behaviour.GenServer;
            import dev.graft.behaviour.StartResult;
            import dev.graft.gen.From;
            import dev.graft.migrate.Migration;
            import java.util.ArrayList;
            import java.util.List;

            @dev.graft.code.Vsn("2")
            public final class Store implements GenServer<Store.State> {
                public record State(String name, int count, List<String> history) {}

                private record Old(String name, int count) {}

                record Bump(int by) {}

                public static StartResult startLink(String name) {
                    return GenServer.startLink(name, Store.class, name);
                }

                public static Object bump(String name, int by) {
                    return GenServer.call(name, new Bump(by));
                }

                @Override
                public Init<State> init(Object name) {
                    return Init.ok(new State((String) name, 0, List.of()));
                }

                @Override
                public CallResult<State> handleCall(Object request, From from, State s) {
                    Bump b = (Bump) request;
                    List<String> history = new ArrayList<>(s.history());
                    history.add(Audit.entry(b.by()));
                    State next = new State(s.name(), s.count() + b.by(), List.copyOf(history));
                    return new Reply<>(Label.of(next.count()), next);
                }

                @Override
                public State codeChange(Object oldVsn, Object old, Object extra) {
                    if (oldVsn instanceof GenServer.Down) {
                        return (State) old; // the history is dropped as the state goes back to version 1's shape
                    }
                    Old o = Migration.convert(old, Old.class);
                    POISON
                    return new State(o.name(), o.count(), List.of());
                }
            }
            """;

    /** What is wrong with a release 2, for the tests of what the testkit reports. */
    enum Flaw {
        NONE,
        /** Store's codeChange up throws for store b. */
        CODE_CHANGE_THROWS_FOR_B,
        /** Store's codeChange up multiplies the count by 10, which the way down does not undo. */
        CODE_CHANGE_NOT_UNDONE,
        /** The appup's downgrade does not delete kv.Audit. */
        APPUP_KEEPS_AUDIT
    }

    private static String store2(Flaw flaw) {
        return STORE_2
                .replace("POISON", flaw == Flaw.CODE_CHANGE_THROWS_FOR_B
                        ? "if (o.name().equals(\"b\")) {\n            throw new IllegalStateException(\"store b cannot be upgraded\");\n        }"
                        : "")
                .replace("o.count(), List.of()", flaw == Flaw.CODE_CHANGE_NOT_UNDONE ? "o.count() * 10, List.of()" : "o.count(), List.of()");
    }

    /**
     * Release 2's appup, as the appup cookbook writes a changed server and an added child: the
     * supervisor's code change takes its new specs, and the new child starts after it; on the
     * way down the child is stopped and deleted first.
     */
    static final String APPUP = """
            {"2",
             [{"1", [{add_module, 'kv.Audit'},
                     {load_module, 'kv.Label'},
                     {update, 'kv.Store', {advanced, []}, ['kv.Label', 'kv.Audit']},
                     {update, 'kv.KvSup', supervisor},
                     {apply, {'dev.graft.behaviour.Supervisor', restartChild, ["kvsup", "c"]}}]}],
             [{"1", [{apply, {'dev.graft.behaviour.Supervisor', terminateChild, ["kvsup", "c"]}},
                     {apply, {'dev.graft.behaviour.Supervisor', deleteChild, ["kvsup", "c"]}},
                     {update, 'kv.KvSup', supervisor},
                     {update, 'kv.Store', {advanced, []}, ['kv.Label']},
                     {load_module, 'kv.Label'},
                     {delete_module, 'kv.Audit'}]}]}.
            """;

    /** Release 1's archive, {@code dir/kv-1.zip}; its release directory is {@code dir/kv-1}. */
    static Path release1(Path dir) {
        return ReleaseSources.release("kv", "1")
                .application(AppSources.of("kv", "1").callbackModule("kv.KvApp")
                        .module("kv.Label", label(1))
                        .module("kv.Store", STORE_1)
                        .module("kv.KvSup", sup(1))
                        .module("kv.KvApp", APP))
                .writeTo(dir);
    }

    /**
     * Release 2's archive, with a relup to and from {@code release1}: {@code dir/kv-2.zip}, or
     * for a flawed one {@code dir/FLAW/kv-2.zip}.
     */
    static Path release2(Path dir, Path release1, Flaw flaw) {
        String appup = flaw == Flaw.APPUP_KEEPS_AUDIT ? APPUP.replaceAll(",\\s*\\{delete_module, 'kv.Audit'}", "") : APPUP;
        return ReleaseSources.release("kv", "2")
                .application(AppSources.of("kv", "2").callbackModule("kv.KvApp")
                        .module("kv.Label", label(2))
                        .module("kv.Audit", AUDIT)
                        .module("kv.Store", store2(flaw))
                        .module("kv.KvSup", sup(2))
                        .module("kv.KvApp", APP)
                        .appup(appup))
                .relupWith(release1)
                .writeTo(flaw == Flaw.NONE ? dir : dir.resolve(flaw.name().toLowerCase(java.util.Locale.ROOT)));
    }
}
