package dev.graft.release;

import dev.graft.release.AppupInstruction.AddApplication;
import dev.graft.release.AppupInstruction.AddModule;
import dev.graft.release.AppupInstruction.Change;
import dev.graft.release.AppupInstruction.DeleteModule;
import dev.graft.release.AppupInstruction.LoadModule;
import dev.graft.release.AppupInstruction.ModuleType;
import dev.graft.release.AppupInstruction.RemoveApplication;
import dev.graft.release.AppupInstruction.RestartApplication;
import dev.graft.release.AppupInstruction.Update;
import dev.graft.release.RelupInstruction.Apply;
import dev.graft.release.RelupInstruction.CodeChange;
import dev.graft.release.RelupInstruction.Load;
import dev.graft.release.RelupInstruction.LoadObjectCode;
import dev.graft.release.RelupInstruction.Mfa;
import dev.graft.release.RelupInstruction.PointOfNoReturn;
import dev.graft.release.RelupInstruction.Purge;
import dev.graft.release.RelupInstruction.Remove;
import dev.graft.release.RelupInstruction.RestartEmulator;
import dev.graft.release.RelupInstruction.RestartNewEmulator;
import dev.graft.release.RelupInstruction.Resume;
import dev.graft.release.RelupInstruction.Start;
import dev.graft.release.RelupInstruction.Stop;
import dev.graft.release.RelupInstruction.Suspend;
import dev.graft.release.RelupInstruction.SyncNodes;
import dev.graft.release.RelupInstruction.SyncNodesFromCall;
import dev.graft.term.Atom;
import dev.graft.term.BadTermException;
import dev.graft.term.Located;
import dev.graft.term.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The term syntax of appup and relup instructions: reads each form systools takes into its
 * canonical record, filling OTP's defaults ({@code systools_rc:expand_script} and
 * {@code normalize_instrs}), and checks each value as {@code systools_rc:check_op} does. An
 * error names the instruction, and the value at fault by its place in appup(5)'s forms
 * ({@code PrePurge}, {@code DepMods}, ...).
 */
final class Instructions {
    private static final PurgeMethod BRUTAL = PurgeMethod.BRUTAL_PURGE;

    private static final List<String> HIGH_LEVEL = List.of("update", "load_module", "add_module", "delete_module",
            "add_application", "remove_application", "restart_application");
    private static final List<String> LOW_LEVEL = List.of("load_object_code", "point_of_no_return", "load", "remove",
            "purge", "suspend", "resume", "code_change", "stop", "start", "sync_nodes", "apply",
            "restart_new_emulator", "restart_emulator");

    private Instructions() {}

    /** The term {@code {tag, Elements...}}. */
    static Tuple tagged(String tag, Object... elements) {
        List<Object> all = new ArrayList<>(elements.length + 1);
        all.add(Atom.of(tag));
        all.addAll(List.of(elements));
        return new Tuple(all);
    }

    /** {@code {Tag, Mod}}, or {@code {Tag, Mod, DepMods}} when there are DepMods. */
    static Tuple withDepMods(String tag, String module, List<String> depMods) {
        return depMods.isEmpty() ? tagged(tag, Atom.of(module)) : tagged(tag, Atom.of(module), Atom.list(depMods));
    }

    static AppupInstruction appup(Located instruction) {
        Parts p = Parts.of(instruction);
        if (!HIGH_LEVEL.contains(p.tag())) {
            if (!LOW_LEVEL.contains(p.tag())) {
                throw instruction.error("unknown instruction " + instruction.shown() + "; an appup instruction is one of "
                        + String.join(", ", HIGH_LEVEL) + ", or a low-level one: " + String.join(", ", LOW_LEVEL));
            }
            return relup(p);
        }
        return switch (p.tag()) {
            case "update" -> update(p);
            case "load_module" -> switch (p.size()) {
                case 2 -> new LoadModule(p.name(1, "Mod"), BRUTAL, BRUTAL, List.of());
                case 3 -> new LoadModule(p.name(1, "Mod"), BRUTAL, BRUTAL, p.names(2, "DepMods"));
                case 5 -> new LoadModule(p.name(1, "Mod"), p.purge(2, "PrePurge"), p.purge(3, "PostPurge"), p.names(4, "DepMods"));
                default -> throw p.forms("{load_module, Mod}", "{load_module, Mod, DepMods}",
                        "{load_module, Mod, PrePurge, PostPurge, DepMods}");
            };
            case "add_module" -> switch (p.size()) {
                case 2 -> new AddModule(p.name(1, "Mod"), List.of());
                case 3 -> new AddModule(p.name(1, "Mod"), p.names(2, "DepMods"));
                default -> throw p.forms("{add_module, Mod}", "{add_module, Mod, DepMods}");
            };
            case "delete_module" -> switch (p.size()) {
                case 2 -> new DeleteModule(p.name(1, "Mod"), List.of());
                case 3 -> new DeleteModule(p.name(1, "Mod"), p.names(2, "DepMods"));
                default -> throw p.forms("{delete_module, Mod}", "{delete_module, Mod, DepMods}");
            };
            case "add_application" -> switch (p.size()) {
                case 2 -> new AddApplication(p.name(1, "App"), StartType.PERMANENT);
                case 3 -> new AddApplication(p.name(1, "App"), p.at(2).oneOf(StartType.class, p.what("Type")));
                default -> throw p.forms("{add_application, App}", "{add_application, App, Type}");
            };
            case "remove_application" -> new RemoveApplication(p.only("{remove_application, App}").name(1, "App"));
            default -> new RestartApplication(p.only("{restart_application, App}").name(1, "App"));
        };
    }

    /** Every form of {@code update}, told apart by size and, in the 3-tuple, by the third element. */
    private static Update update(Parts p) {
        if (p.size() < 2 || p.size() == 5 || p.size() > 8) {
            throw p.forms("{update, Mod}", "{update, Mod, supervisor}", "{update, Mod, Change}",
                    "{update, Mod, DepMods}", "{update, Mod, Change, DepMods}",
                    "{update, Mod, Change, PrePurge, PostPurge, DepMods}",
                    "{update, Mod, Timeout, Change, PrePurge, PostPurge, DepMods}",
                    "{update, Mod, ModType, Timeout, Change, PrePurge, PostPurge, DepMods}");
        }
        String mod = p.name(1, "Mod");
        return switch (p.size()) {
            case 2 -> new Update(mod, ModuleType.DYNAMIC, Timeout.DEFAULT, Change.SOFT, BRUTAL, BRUTAL, List.of());
            case 3 -> {
                Located third = p.at(2);
                if (third.isAtom("supervisor")) {
                    yield new Update(mod, ModuleType.STATIC, Timeout.DEFAULT, Update.SUPERVISOR_CHANGE, BRUTAL, BRUTAL, List.of());
                }
                yield third.isList()
                        ? new Update(mod, ModuleType.DYNAMIC, Timeout.DEFAULT, Change.SOFT, BRUTAL, BRUTAL, p.names(2, "DepMods"))
                        : new Update(mod, ModuleType.DYNAMIC, Timeout.DEFAULT, p.change(2), BRUTAL, BRUTAL, List.of());
            }
            case 4 -> new Update(mod, ModuleType.DYNAMIC, Timeout.DEFAULT, p.change(2), BRUTAL, BRUTAL, p.names(3, "DepMods"));
            case 6 -> new Update(mod, ModuleType.DYNAMIC, Timeout.DEFAULT, p.change(2),
                    p.purge(3, "PrePurge"), p.purge(4, "PostPurge"), p.names(5, "DepMods"));
            case 7 -> new Update(mod, ModuleType.DYNAMIC, p.timeout(2), p.change(3),
                    p.purge(4, "PrePurge"), p.purge(5, "PostPurge"), p.names(6, "DepMods"));
            default -> new Update(mod, p.at(2).oneOf(ModuleType.class, p.what("ModType")), p.timeout(3), p.change(4),
                    p.purge(5, "PrePurge"), p.purge(6, "PostPurge"), p.names(7, "DepMods"));
        };
    }

    static RelupInstruction relup(Located instruction) {
        Parts p = Parts.of(instruction);
        if (HIGH_LEVEL.contains(p.tag())) {
            throw instruction.error(p.tag() + " is an appup instruction, which systools translates into low-level ones; "
                    + "a relup holds only " + String.join(", ", LOW_LEVEL) + ", found " + instruction.shown());
        }
        if (!LOW_LEVEL.contains(p.tag())) {
            throw instruction.error("unknown instruction " + instruction.shown() + "; a relup instruction is one of "
                    + String.join(", ", LOW_LEVEL));
        }
        return relup(p);
    }

    private static RelupInstruction relup(Parts p) {
        return switch (p.tag()) {
            case "load_object_code" -> {
                List<Located> lib = p.only("{load_object_code, {App, Vsn, [Mod]}}").at(1).tuple(3, p.what("{App, Vsn, [Mod]}"));
                yield new LoadObjectCode(lib.get(0).atom(p.what("App")).name(), lib.get(1).string(p.what("Vsn")),
                        lib.get(2).atomNames(p.what("[Mod]")));
            }
            case "point_of_no_return" -> p.atomOnly(new PointOfNoReturn());
            case "load" -> {
                List<Located> load = p.only("{load, {Mod, PrePurge, PostPurge}}").at(1).tuple(3, p.what("{Mod, PrePurge, PostPurge}"));
                yield new Load(load.get(0).atom(p.what("Mod")).name(), p.purge(load.get(1), "PrePurge"), p.purge(load.get(2), "PostPurge"));
            }
            case "remove" -> {
                List<Located> remove = p.only("{remove, {Mod, PrePurge, PostPurge}}").at(1).tuple(3, p.what("{Mod, PrePurge, PostPurge}"));
                yield new Remove(remove.get(0).atom(p.what("Mod")).name(), p.purge(remove.get(1), "PrePurge"), p.purge(remove.get(2), "PostPurge"));
            }
            case "purge" -> new Purge(p.only("{purge, [Mod]}").names(1, "[Mod]"));
            case "suspend" -> new Suspend(p.only("{suspend, [Mod | {Mod, Timeout}]}").at(1).list(p.what("[Mod | {Mod, Timeout}]"))
                    .stream().map(p::suspended).toList());
            case "resume" -> new Resume(p.only("{resume, [Mod]}").names(1, "[Mod]"));
            case "code_change" -> switch (p.size()) {
                case 2 -> new CodeChange(CodeChange.Mode.UP, p.codeChanges(1));
                case 3 -> new CodeChange(p.at(1).oneOf(CodeChange.Mode.class, p.what("Mode")), p.codeChanges(2));
                default -> throw p.forms("{code_change, [{Mod, Extra}]}", "{code_change, Mode, [{Mod, Extra}]}");
            };
            case "stop" -> new Stop(p.only("{stop, [Mod]}").names(1, "[Mod]"));
            case "start" -> new Start(p.only("{start, [Mod]}").names(1, "[Mod]"));
            case "sync_nodes" -> {
                if (p.size() != 3) {
                    throw p.forms("{sync_nodes, Id, [Node]}", "{sync_nodes, Id, {M, F, A}}");
                }
                yield p.at(2).isList()
                        ? new SyncNodes(p.at(1).term(), p.names(2, "[Node]"))
                        : new SyncNodesFromCall(p.at(1).term(), p.mfa(2));
            }
            case "apply" -> new Apply(p.only("{apply, {M, F, A}}").mfa(1));
            case "restart_new_emulator" -> p.atomOnly(new RestartNewEmulator());
            default -> p.atomOnly(new RestartEmulator());
        };
    }

    /**
     * One instruction's parts: its tag and elements (none for a bare atom), read with errors
     * that name the instruction and, by appup(5)'s name for it, the value at fault.
     *
     * @param size the tuple's size, tag included; 0 for a bare atom
     */
    private record Parts(Located instruction, String tag, int size) {
        static Parts of(Located instruction) {
            if (instruction.term() instanceof Atom a) {
                return new Parts(instruction, a.name(), 0);
            }
            if (instruction.term() instanceof Tuple t && t.size() > 0 && t.get(0) instanceof Atom tag) {
                return new Parts(instruction, tag.name(), t.size());
            }
            throw instruction.error("expected an instruction, an atom or a tuple that starts with one, found " + instruction.shown());
        }

        Located at(int index) {
            return instruction.elements().get(index);
        }

        String what(String name) {
            return name + " in " + instruction.shown();
        }

        String name(int index, String name) {
            return at(index).atom(what(name)).name();
        }

        List<String> names(int index, String name) {
            return at(index).atomNames(what(name));
        }

        PurgeMethod purge(int index, String name) {
            return purge(at(index), name);
        }

        PurgeMethod purge(Located purge, String name) {
            return purge.oneOf(PurgeMethod.class, what(name));
        }

        Timeout timeout(int index) {
            return Timeout.parse(at(index), what("Timeout"));
        }

        Change change(int index) {
            Located change = at(index);
            if (change.isAtom("soft")) {
                return Change.SOFT;
            }
            if (change.term() instanceof Tuple t && t.size() == 2 && change.elements().getFirst().isAtom("advanced")) {
                return new Change.Advanced(t.get(1));
            }
            throw change.error(what("Change") + ": expected soft or {advanced, Extra}, found " + change.shown()
                    + (change.isAtom("supervisor") ? " (a supervisor is updated with {update, Mod, supervisor})" : ""));
        }

        Suspend.Target suspended(Located module) {
            if (module.term() instanceof Atom a) {
                return new Suspend.Target(a.name(), Timeout.DEFAULT);
            }
            List<Located> pair = module.tuple(2, what("Mod or {Mod, Timeout}"));
            return new Suspend.Target(pair.get(0).atom(what("Mod")).name(), Timeout.parse(pair.get(1), what("Timeout")));
        }

        List<CodeChange.Target> codeChanges(int index) {
            return at(index).list(what("[{Mod, Extra}]")).stream().map(change -> {
                List<Located> pair = change.tuple(2, what("{Mod, Extra}"));
                return new CodeChange.Target(pair.get(0).atom(what("Mod")).name(), pair.get(1).term());
            }).toList();
        }

        Mfa mfa(int index) {
            List<Located> mfa = at(index).tuple(3, what("{M, F, A}"));
            return new Mfa(mfa.get(0).atom(what("M")).name(), mfa.get(1).atom(what("F")).name(),
                    mfa.get(2).list(what("A")).stream().map(Located::term).toList());
        }

        /** These parts, if the instruction is a 2-tuple, its only form. */
        Parts only(String form) {
            if (size != 2) {
                throw forms(form);
            }
            return this;
        }

        /** The instruction, if it is a bare atom, its only form. */
        RelupInstruction atomOnly(RelupInstruction instruction) {
            if (size != 0) {
                throw forms(tag);
            }
            return instruction;
        }

        BadTermException forms(String... forms) {
            String written = forms.length == 1 ? forms[0]
                    : String.join(", ", List.of(forms).subList(0, forms.length - 1)) + " or " + forms[forms.length - 1];
            return instruction.error("bad instruction " + instruction.shown() + ": " + tag + " is written " + written);
        }
    }
}
