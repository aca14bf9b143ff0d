package dev.graft.application;

import dev.graft.application.AppSpec.Mod;
import dev.graft.application.AppSpec.StartPhase;
import dev.graft.term.Atom;
import dev.graft.term.Located;
import dev.graft.term.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads an {@link AppSpec} from its term, with systools' checks
 * ({@code systools_make:check_item}, OTP 25, confirmed with {@code erl}).
 */
final class AppSpecReader {
    /** The keys systools requires. */
    private static final List<String> REQUIRED = List.of("description", "vsn", "modules", "registered", "applications");

    /** The keys read into an {@link AppSpec}; any other entry is kept as written. */
    private static final Set<String> KNOWN = Set.of("description", "id", "vsn", "modules", "maxT", "registered",
            "included_applications", "optional_applications", "applications", "env", "mod", "start_phases",
            "runtime_dependencies");

    private final String name;
    /** Each known key's {@code {Key, Value}} entry. */
    private final Map<String, Located> entries = new LinkedHashMap<>();
    private final List<Object> others = new ArrayList<>();

    private AppSpecReader(String name) {
        this.name = name;
    }

    static AppSpec read(Located spec) {
        AppSpecReader reader = sorted(spec);
        for (String key : REQUIRED) {
            if (!reader.entries.containsKey(key)) {
                throw spec.error("application " + reader.name + " has no {" + key
                        + ", ...}; systools requires description, vsn, modules, registered and applications");
            }
        }
        return reader.spec(reader.names("modules"));
    }

    /**
     * Reads an application's source spec, rebar3's {@code .app.src}: the {@code .app} without
     * its modules, which a build lists; only {@code vsn} is required, {@code description},
     * {@code registered} and {@code applications} default to empty.
     */
    static AppSpec readSource(Located spec, List<String> modules) {
        AppSpecReader reader = sorted(spec);
        Located listed = reader.entries.get("modules");
        if (listed != null) {
            throw listed.error("the modules of application " + reader.name + " are listed by the build, from its "
                    + "classes; remove {modules, ...}");
        }
        if (!reader.entries.containsKey("vsn")) {
            throw spec.error("application " + reader.name + " has no {vsn, \"...\"}");
        }
        return reader.spec(modules);
    }

    private static AppSpecReader sorted(Located spec) {
        List<Located> parts = spec.tuple(3, "an application spec {application, Name, [Option]}");
        if (!parts.get(0).isAtom("application")) {
            throw parts.get(0).error("an application spec is {application, Name, [Option]}, found "
                    + parts.get(0).shown() + " where the atom application should be");
        }
        AppSpecReader reader = new AppSpecReader(parts.get(1).atom("the application name").name());
        reader.sort(parts.get(2).list("the options of application " + reader.name));
        return reader;
    }

    /** Puts each known key's entry in {@link #entries}, the rest in {@link #others}. */
    private void sort(List<Located> options) {
        for (Located option : options) {
            if (!(option.term() instanceof Tuple t && t.size() > 0 && t.get(0) instanceof Atom key && KNOWN.contains(key.name()))) {
                others.add(option.term());
                continue;
            }
            option.tuple(2, "{" + key.name() + ", Value}");
            Located first = entries.putIfAbsent(key.name(), option);
            if (first != null) {
                throw option.error(key.name() + " given twice in application " + name + "; the first is at "
                        + first.position().map(Object::toString).orElse("an earlier entry"));
            }
        }
    }

    private AppSpec spec(List<String> modules) {
        return new AppSpec(
                name,
                string("description", ""),
                string("id", ""),
                string("vsn", ""),
                modules,
                maxTime(),
                names("registered"),
                names("included_applications"),
                names("optional_applications"),
                names("applications"),
                env(),
                mod(),
                startPhases(),
                value("runtime_dependencies").map(v -> v.list("runtime_dependencies").stream()
                        .map(d -> d.string("runtime_dependencies")).toList()).orElse(List.of()),
                others);
    }

    /** The value of the key's entry, if the spec has it. */
    private Optional<Located> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(entry -> entry.elements().get(1));
    }

    private String string(String key, String absent) {
        return value(key).map(v -> v.string(key)).orElse(absent);
    }

    private List<String> names(String key) {
        return value(key).map(v -> v.atomNames(key)).orElse(List.of());
    }

    private OptionalLong maxTime() {
        Optional<Located> value = value("maxT");
        if (value.isEmpty() || value.get().isAtom("infinity")) {
            return OptionalLong.empty();
        }
        Located v = value.get();
        if (v.term() instanceof Long ms && ms > 0) {
            return OptionalLong.of(ms);
        }
        throw v.error("maxT: expected a positive integer (milliseconds) or infinity, found " + v.shown());
    }

    private Map<String, Object> env() {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Located entry : value("env").map(v -> v.list("env")).orElse(List.of())) {
            List<Located> pair = entry.tuple(2, "env entry {Par, Val}");
            String key = pair.get(0).atom("env parameter").name();
            if (env.putIfAbsent(key, pair.get(1).term()) != null) {
                throw entry.error("env parameter " + key + " given twice in application " + name);
            }
        }
        return env;
    }

    private Optional<Mod> mod() {
        Optional<Located> value = value("mod");
        if (value.isEmpty() || (value.get().isList() && value.get().list("mod").isEmpty())) {
            return Optional.empty();
        }
        List<Located> mod = value.get().tuple(2, "mod, {Module, StartArgs} or []");
        return Optional.of(new Mod(mod.get(0).atom("the module of mod").name(), mod.get(1).term()));
    }

    private Optional<List<StartPhase>> startPhases() {
        Optional<Located> value = value("start_phases");
        if (value.isEmpty() || value.get().isAtom("undefined")) {
            return Optional.empty();
        }
        return Optional.of(value.get().list("start_phases").stream().map(p -> {
            List<Located> phase = p.tuple(2, "start phase {Phase, PhaseArgs}");
            return new StartPhase(phase.get(0).atom("the name of a start phase").name(), phase.get(1).term());
        }).toList());
    }
}
