package dev.graft.release;

import static dev.graft.release.ErlangLists.union;

import dev.graft.release.RelupInstruction.LoadObjectCode;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The instructions before the point of no return, as systools leaves them
 * ({@code systools_rc:merge_load_object_code}): one {@code load_object_code} an application,
 * where its first one stood among them, then the other instructions ({@code apply}) in their
 * order. The modules of an application's instructions are joined by {@code union}, so a
 * module named twice stands where it was named last. One application at two versions is
 * {@code {conflicting_versions, App, Vsn1, Vsn2}}.
 */
final class ObjectCodeMerge {
    private ObjectCodeMerge() {}

    static List<RelupInstruction> merge(List<Step> before) {
        List<Step> objectCode = new ArrayList<>(before.stream().filter(s -> s.instruction() instanceof LoadObjectCode).toList());
        List<RelupInstruction> merged = new ArrayList<>();
        while (!objectCode.isEmpty()) {
            LoadObjectCode first = (LoadObjectCode) objectCode.removeFirst().instruction();
            checkVersions(first, objectCode);
            List<Step> same = objectCode.stream().filter(s -> ((LoadObjectCode) s.instruction()).application().equals(first.application())).toList();
            List<String> modules = List.of();
            for (Step s : same.reversed()) {
                modules = union(((LoadObjectCode) s.instruction()).modules(), modules);
            }
            merged.add(new LoadObjectCode(first.application(), first.vsn(), union(first.modules(), modules)));
            objectCode.removeAll(same);
        }
        before.stream().map(Step::instruction).filter(i -> !(i instanceof LoadObjectCode))
                .forEach(i -> merged.add((RelupInstruction) i));
        return merged;
    }

    /** systools looks from the last instruction back, so of several conflicts the last is the one named. */
    private static void checkVersions(LoadObjectCode first, List<Step> others) {
        for (Step other : others.reversed()) {
            LoadObjectCode code = (LoadObjectCode) other.instruction();
            if (code.application().equals(first.application()) && !code.vsn().equals(first.vsn())) {
                throw new RelupException(Tuple.of(Atom.of("conflicting_versions"), Atom.of(first.application()), first.vsn(), code.vsn()),
                        other, "the object code of application " + first.application() + " is loaded from version "
                                + first.vsn() + " and from version " + code.vsn());
            }
        }
    }
}
