package dev.graft.release;

import dev.graft.term.Atom;
import dev.graft.term.Located;
import dev.graft.term.Terms;
import dev.graft.term.Tuple;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A release's specification, the {@code .rel} file (rel(5)): its name and version, the
 * runtime's version and the applications it holds.
 * <pre>
 * {release, {"kv", "2"}, {erts, "13.1.5"},
 *  [{kernel, "8.5.3"}, {stdlib, "4.2"}, {kv, "1.1.0"}, {kvlog, "1.0.0", load}]}.
 * </pre>
 * Reading checks each entry as systools does ({@code systools_make:check_rel}). systools also
 * requires kernel and stdlib, both permanent; that is a check of the release as a whole, for
 * the tool that builds it, not of the file's form.
 *
 * @param ertsVsn the runtime's version, {@code {erts, EVsn}}
 */
public record ReleaseSpec(String name, String vsn, String ertsVsn, List<App> applications) {

    /**
     * {@code {App, Vsn}}, {@code {App, Vsn, Type}}, {@code {App, Vsn, IncApps}} or
     * {@code {App, Vsn, Type, IncApps}}.
     *
     * @param type                 {@code permanent} when not given
     * @param includedApplications when given, the applications of the {@code .app}'s
     *                             {@code included_applications} this release includes
     */
    public record App(String name, String vsn, StartType type, Optional<List<String>> includedApplications) {
        public App {
            includedApplications = includedApplications.map(List::copyOf);
        }

        /** The shortest form: the type only when it is not {@code permanent}. */
        Object toTerm() {
            List<Object> parts = new ArrayList<>(List.of(Atom.of(name), vsn));
            if (type != StartType.PERMANENT) {
                parts.add(Atom.of(type));
            }
            includedApplications.ifPresent(apps -> parts.add(Atom.list(apps)));
            return new Tuple(parts);
        }
    }

    public ReleaseSpec {
        applications = List.copyOf(applications);
    }

    public Optional<App> application(String name) {
        return applications.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Reads a {@code {release, {Name, Vsn}, {erts, EVsn}, [App]}} term built in Java. */
    public static ReleaseSpec parse(Object term) {
        return parse(Located.unplaced(term));
    }

    /** Reads a {@code {release, {Name, Vsn}, {erts, EVsn}, [App]}} term. */
    public static ReleaseSpec parse(Located term) {
        String form = "a release spec {release, {Name, Vsn}, {erts, EVsn}, [App]}";
        List<Located> parts = term.tuple(4, form);
        if (!parts.get(0).isAtom("release")) {
            throw parts.get(0).error(form + " starts with the atom release, found " + parts.get(0).shown());
        }
        List<Located> release = parts.get(1).tuple(2, "{Name, Vsn} of the release");
        List<Located> erts = parts.get(2).tuple(2, "{erts, EVsn}");
        if (!erts.get(0).isAtom("erts")) {
            throw erts.get(0).error("{erts, EVsn}: expected the atom erts, found " + erts.get(0).shown());
        }
        return new ReleaseSpec(release.get(0).string("the release's Name"), release.get(1).string("the release's Vsn"),
                erts.get(1).string("EVsn"), parts.get(3).list("the release's applications").stream().map(ReleaseSpec::app).toList());
    }

    private static App app(Located app) {
        List<Located> parts = app.tuple("an application {App, Vsn}, {App, Vsn, Type}, {App, Vsn, IncApps} or {App, Vsn, Type, IncApps}");
        if (parts.size() < 2 || parts.size() > 4) {
            throw app.error("an application of a release is {App, Vsn}, {App, Vsn, Type}, {App, Vsn, IncApps} or "
                    + "{App, Vsn, Type, IncApps}, found " + app.shown());
        }
        String name = parts.get(0).atom("the application's name").name();
        String vsn = parts.get(1).string("the version of " + name);
        StartType type = StartType.PERMANENT;
        Optional<List<String>> included = Optional.empty();
        if (parts.size() > 2) {
            Located third = parts.get(2); // in a 3-tuple, Type if an atom, IncApps if a list
            if (parts.size() == 4 || !third.isList()) {
                type = third.oneOf(StartType.class, "the start type of " + name);
            }
            if (parts.size() == 4 || third.isList()) {
                included = Optional.of(parts.getLast().atomNames("the included applications of " + name));
            }
        }
        return new App(name, vsn, type, included);
    }

    public static ReleaseSpec read(Path file) throws IOException {
        return parse(Terms.readOne(file));
    }

    public void write(Path file) throws IOException {
        Terms.writeFile(file, List.of(toTerm()));
    }

    public Object toTerm() {
        return Tuple.of(Atom.of("release"), Tuple.of(name, vsn), Tuple.of(Atom.of("erts"), ertsVsn),
                applications.stream().map(App::toTerm).toList());
    }
}
