package dev.graft.release;

import dev.graft.term.Atom;
import dev.graft.term.Located;
import dev.graft.term.Tuple;
import java.nio.file.Path;
import java.util.List;

/**
 * A release the release handler knows: its name and version, its applications' versions and
 * directories, and its {@link ReleaseStatus}. Written in the status file as OTP writes
 * {@code RELEASES}: {@code {release, Name, Vsn, ErtsVsn, [{App, AppVsn, Dir}], Status}}.
 */
public record Release(String name, String vsn, String ertsVsn, List<Lib> libs, ReleaseStatus status) {
    /** One application of a release and the directory it was unpacked to. */
    public record Lib(String app, String vsn, Path dir) {
        @Override
        public String toString() {
            return app + "-" + vsn;
        }
    }

    public Release {
        libs = List.copyOf(libs);
    }

    Release withStatus(ReleaseStatus s) {
        return new Release(name, vsn, ertsVsn, libs, s);
    }

    /** The term of the status file; {@code current} is written as {@code unpacked} (reference §7.1). */
    Object toTerm() {
        ReleaseStatus stored = status == ReleaseStatus.CURRENT ? ReleaseStatus.UNPACKED : status;
        List<Object> l = libs.stream().<Object>map(x -> Tuple.of(Atom.of(x.app), x.vsn, x.dir.toString())).toList();
        return Tuple.of(Atom.of("release"), name, vsn, ertsVsn, l, Atom.of(stored.toString()));
    }

    static Release parse(Located t) {
        List<Located> e = t.tuple(6, "a release");
        if (!e.get(0).isAtom("release")) {
            throw e.get(0).error("expected the atom release");
        }
        List<Lib> libs = e.get(4).list("libs").stream().map(l -> {
            List<Located> x = l.tuple(3, "a lib");
            return new Lib(x.get(0).atom("an application").name(), x.get(1).string("a version"),
                    Path.of(x.get(2).string("a directory")));
        }).toList();
        return new Release(e.get(1).string("a release name"), e.get(2).string("a version"), e.get(3).string("an erts version"),
                libs, e.get(5).oneOf(ReleaseStatus.class, "a status"));
    }

    @Override
    public String toString() {
        return name + " " + vsn + " (" + status + ")";
    }
}
