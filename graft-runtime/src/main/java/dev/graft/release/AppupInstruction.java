package dev.graft.release;

import static dev.graft.release.Instructions.tagged;
import static dev.graft.release.Instructions.withDepMods;

import dev.graft.term.Atom;
import dev.graft.term.Located;
import java.util.List;

/**
 * One instruction of an appup script (appup(5), reference §6.3): a high-level instruction
 * that systools translates into {@linkplain RelupInstruction low-level} ones, or a low-level
 * one written in the appup directly. Each record is the instruction's canonical form, with
 * the defaults systools fills in ({@code systools_rc:expand_script}); {@link #toTerm()}
 * writes the shortest form that means the same.
 */
public sealed interface AppupInstruction
        permits AppupInstruction.Update, AppupInstruction.LoadModule, AppupInstruction.AddModule,
                AppupInstruction.DeleteModule, AppupInstruction.AddApplication,
                AppupInstruction.RemoveApplication, AppupInstruction.RestartApplication, RelupInstruction {

    Object toTerm();

    /** Reads an instruction term built in Java. */
    static AppupInstruction parse(Object term) {
        return parse(Located.unplaced(term));
    }

    /**
     * Reads an instruction term; an unknown instruction, a form systools does not take or a
     * bad value is a {@link dev.graft.term.BadTermException} naming the instruction and its place.
     */
    static AppupInstruction parse(Located term) {
        return Instructions.appup(term);
    }

    /** Whether a module's processes change code by themselves ({@code dynamic}) or are told to ({@code static}, supervisors). */
    enum ModuleType { STATIC, DYNAMIC }

    /** An update's change: {@code soft} (suspend, load, resume) or {@code {advanced, Extra}} (and {@code code_change}). */
    sealed interface Change {
        Change SOFT = new Soft();

        Object toTerm();

        record Soft() implements Change {
            @Override
            public Object toTerm() {
                return Atom.of("soft");
            }
        }

        record Advanced(Object extra) implements Change {
            @Override
            public Object toTerm() {
                return tagged("advanced", extra);
            }
        }
    }

    /**
     * {@code {update, Mod, ModType, Timeout, Change, PrePurge, PostPurge, DepMods}}: replace a
     * module its processes are suspended for, changing their state when the change is
     * advanced. Written {@code {update, Mod}}, {@code {update, Mod, supervisor}},
     * {@code {update, Mod, Change}}, {@code {update, Mod, DepMods}} and so on up to all eight.
     */
    record Update(String module, ModuleType moduleType, Timeout timeout, Change change,
                  PurgeMethod prePurge, PurgeMethod postPurge, List<String> depMods) implements AppupInstruction {
        /** {@code {update, Mod, supervisor}}. */
        static final Change SUPERVISOR_CHANGE = new Change.Advanced(List.of());

        public Update {
            depMods = List.copyOf(depMods);
        }

        @Override
        public Object toTerm() {
            Atom mod = Atom.of(module);
            boolean brutal = prePurge == PurgeMethod.BRUTAL_PURGE && postPurge == PurgeMethod.BRUTAL_PURGE;
            boolean defaultTimeout = timeout.equals(Timeout.DEFAULT);
            boolean soft = change.equals(Change.SOFT);
            List<Object> deps = Atom.list(depMods);
            if (moduleType == ModuleType.STATIC) {
                return defaultTimeout && change.equals(SUPERVISOR_CHANGE) && brutal && depMods.isEmpty()
                        ? tagged("update", mod, Atom.of("supervisor"))
                        : tagged("update", mod, Atom.of(moduleType), timeout.toTerm(), change.toTerm(),
                                Atom.of(prePurge), Atom.of(postPurge), deps);
            }
            if (!defaultTimeout) {
                return tagged("update", mod, timeout.toTerm(), change.toTerm(), Atom.of(prePurge), Atom.of(postPurge), deps);
            }
            if (!brutal) {
                return tagged("update", mod, change.toTerm(), Atom.of(prePurge), Atom.of(postPurge), deps);
            }
            if (depMods.isEmpty()) {
                return soft ? tagged("update", mod) : tagged("update", mod, change.toTerm());
            }
            return soft ? tagged("update", mod, deps) : tagged("update", mod, change.toTerm(), deps);
        }
    }

    /** {@code {load_module, Mod, PrePurge, PostPurge, DepMods}}: load a module's new version, suspending nothing. */
    record LoadModule(String module, PurgeMethod prePurge, PurgeMethod postPurge, List<String> depMods)
            implements AppupInstruction {
        public LoadModule {
            depMods = List.copyOf(depMods);
        }

        @Override
        public Object toTerm() {
            Atom mod = Atom.of(module);
            if (prePurge != PurgeMethod.BRUTAL_PURGE || postPurge != PurgeMethod.BRUTAL_PURGE) {
                return tagged("load_module", mod, Atom.of(prePurge), Atom.of(postPurge), Atom.list(depMods));
            }
            return withDepMods("load_module", module, depMods);
        }
    }

    /** {@code {add_module, Mod, DepMods}}: load a new module. */
    record AddModule(String module, List<String> depMods) implements AppupInstruction {
        public AddModule {
            depMods = List.copyOf(depMods);
        }

        @Override
        public Object toTerm() {
            return withDepMods("add_module", module, depMods);
        }
    }

    /** {@code {delete_module, Mod, DepMods}}: remove a module, killing the processes that run it. */
    record DeleteModule(String module, List<String> depMods) implements AppupInstruction {
        public DeleteModule {
            depMods = List.copyOf(depMods);
        }

        @Override
        public Object toTerm() {
            return withDepMods("delete_module", module, depMods);
        }
    }

    /** {@code {add_application, App, Type}}: load the new application's modules and start it. */
    record AddApplication(String application, StartType type) implements AppupInstruction {
        @Override
        public Object toTerm() {
            return type == StartType.PERMANENT
                    ? tagged("add_application", Atom.of(application))
                    : tagged("add_application", Atom.of(application), Atom.of(type));
        }
    }

    /** {@code {remove_application, App}}: stop the application and remove its modules. */
    record RemoveApplication(String application) implements AppupInstruction {
        @Override
        public Object toTerm() {
            return tagged("remove_application", Atom.of(application));
        }
    }

    /** {@code {restart_application, App}}: stop the application, replace its modules, start it again. */
    record RestartApplication(String application) implements AppupInstruction {
        @Override
        public Object toTerm() {
            return tagged("restart_application", Atom.of(application));
        }
    }
}
