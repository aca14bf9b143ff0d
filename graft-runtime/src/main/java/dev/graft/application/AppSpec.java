package dev.graft.application;

import dev.graft.term.Atom;
import dev.graft.term.Located;
import dev.graft.term.Terms;
import dev.graft.term.Tuple;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An application's specification, the {@code .app} file (app(5)):
 * <pre>
 * {application, kv,
 *  [{description, "A key-value store"},
 *   {vsn, "1.1.0"},
 *   {modules, ['kv.KvApp', 'kv.KvServer']},
 *   {registered, ['kv.KvServer']},
 *   {applications, [kernel, stdlib]},
 *   {mod, {'kv.KvApp', []}},
 *   {env, [{max_keys, 1024}]}]}.
 * </pre>
 * Names (of the application, its modules, registered processes, other applications, env keys)
 * are atoms in the file and strings here; a Graft module is named by its Java class name, so
 * {@code kv.KvServer} is written {@code 'kv.KvServer'}.
 *
 * <p>Reading follows systools ({@code systools_make:parse_application}): {@code description},
 * {@code vsn}, {@code modules}, {@code registered} and {@code applications} are required, the
 * other keys take OTP's defaults, and a value of the wrong type is an error naming the key and
 * the place. Entries OTP does not read, an unknown key or {@code maxP} (which OTP ignores),
 * are kept as written in {@link #otherEntries}, as OTP keeps them. One difference: a key given
 * twice is an error, where OTP silently takes the first.
 *
 * @param id                   {@code ""} when not given
 * @param maxTime              {@code maxT}, the milliseconds the application may run; empty for
 *                             {@code infinity}, the default
 * @param optionalApplications applications that need not be present (OTP 24+); an optional one
 *                             started before this one is also in {@link #applications}
 * @param env                  the application's environment, in the order written
 * @param mod                  the callback module and start arguments; empty for none
 *                             ({@code []}, the default: a library application)
 * @param startPhases          empty when not given ({@code undefined}), which OTP treats apart
 *                             from an empty list
 * @param otherEntries         entries of the option list that are none of the above, kept as written
 */
public record AppSpec(
        String name,
        String description,
        String id,
        String vsn,
        List<String> modules,
        OptionalLong maxTime,
        List<String> registered,
        List<String> includedApplications,
        List<String> optionalApplications,
        List<String> applications,
        Map<String, Object> env,
        Optional<Mod> mod,
        Optional<List<StartPhase>> startPhases,
        List<String> runtimeDependencies,
        List<Object> otherEntries) {

    /** {@code {mod, {Module, StartArgs}}}: the module the application starts with {@code Module:start(Type, StartArgs)}. */
    public record Mod(String module, Object startArgs) {}

    /** {@code {Phase, PhaseArgs}}: a start phase, for {@code Module:start_phase(Phase, Type, PhaseArgs)}. */
    public record StartPhase(String phase, Object args) {}

    public AppSpec {
        if (maxTime.isPresent() && maxTime.getAsLong() <= 0) {
            throw new IllegalArgumentException("maxT is a positive number of milliseconds, not " + maxTime.getAsLong());
        }
        modules = List.copyOf(modules);
        registered = List.copyOf(registered);
        includedApplications = List.copyOf(includedApplications);
        optionalApplications = List.copyOf(optionalApplications);
        applications = List.copyOf(applications);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        startPhases = startPhases.map(List::copyOf);
        runtimeDependencies = List.copyOf(runtimeDependencies);
        otherEntries = List.copyOf(otherEntries);
    }

    /** Reads a {@code {application, Name, [Option]}} term built in Java. */
    public static AppSpec parse(Object term) {
        return parse(Located.unplaced(term));
    }

    /** Reads a {@code {application, Name, [Option]}} term; errors name the key and the term's place. */
    public static AppSpec parse(Located term) {
        return AppSpecReader.read(term);
    }

    /**
     * Reads an application's source spec, an {@code .app.src} term (rebar3's): the {@code .app}
     * without {@code modules}, which the build lists from the compiled classes and gives here.
     * Only {@code vsn} is required; errors name the key and the term's place.
     */
    public static AppSpec parseSource(Located term, List<String> modules) {
        return AppSpecReader.readSource(term, modules);
    }

    /** Reads a {@code .app} file. */
    public static AppSpec read(Path file) throws IOException {
        return parse(Terms.readOne(file));
    }

    public void write(Path file) throws IOException {
        Terms.writeFile(file, List.of(toTerm()));
    }

    /**
     * The {@code {application, Name, [Option]}} term: the keys systools requires always, the
     * others only when they differ from their defaults, then the other entries.
     */
    public Object toTerm() {
        List<Object> options = new ArrayList<>();
        options.add(entry("description", description));
        if (!id.isEmpty()) {
            options.add(entry("id", id));
        }
        options.add(entry("vsn", vsn));
        options.add(entry("modules", Atom.list(modules)));
        maxTime.ifPresent(ms -> options.add(entry("maxT", ms)));
        options.add(entry("registered", Atom.list(registered)));
        if (!includedApplications.isEmpty()) {
            options.add(entry("included_applications", Atom.list(includedApplications)));
        }
        if (!optionalApplications.isEmpty()) {
            options.add(entry("optional_applications", Atom.list(optionalApplications)));
        }
        options.add(entry("applications", Atom.list(applications)));
        if (!env.isEmpty()) {
            options.add(entry("env", env.entrySet().stream().<Object>map(e -> entry(e.getKey(), e.getValue())).toList()));
        }
        mod.ifPresent(m -> options.add(entry("mod", Tuple.of(Atom.of(m.module()), m.startArgs()))));
        startPhases.ifPresent(phases -> options.add(entry("start_phases",
                phases.stream().<Object>map(p -> entry(p.phase(), p.args())).toList())));
        if (!runtimeDependencies.isEmpty()) {
            options.add(entry("runtime_dependencies", List.<Object>copyOf(runtimeDependencies)));
        }
        options.addAll(otherEntries);
        return Tuple.of(Atom.of("application"), Atom.of(name), options);
    }

    private static Tuple entry(String key, Object value) {
        return Tuple.of(Atom.of(key), value);
    }
}
