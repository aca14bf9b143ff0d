package dev.graft.release;

import static dev.graft.release.Instructions.tagged;

import dev.graft.term.Atom;
import dev.graft.term.Located;
import dev.graft.term.Tuple;
import java.util.List;

/**
 * One low-level instruction, as a relup holds them and {@code release_handler_1} runs them
 * (relup(5), reference §6.4). An appup may hold them too, so each is also an
 * {@link AppupInstruction}.
 */
public sealed interface RelupInstruction extends AppupInstruction {

    /** Reads an instruction term built in Java. */
    static RelupInstruction parse(Object term) {
        return parse(Located.unplaced(term));
    }

    /**
     * Reads a low-level instruction term; a high-level one (which only an appup may hold), an
     * unknown one or a bad value is a {@link dev.graft.term.BadTermException} at its place.
     */
    static RelupInstruction parse(Located term) {
        return Instructions.relup(term);
    }

    /** {@code {load_object_code, {App, Vsn, [Mod]}}}: read the modules' new code, without loading it. */
    record LoadObjectCode(String application, String vsn, List<String> modules) implements RelupInstruction {
        public LoadObjectCode {
            modules = List.copyOf(modules);
        }

        @Override
        public Object toTerm() {
            return tagged("load_object_code", Tuple.of(Atom.of(application), vsn, Atom.list(modules)));
        }
    }

    /** {@code point_of_no_return}: what comes after it cannot fail without restarting the node. */
    record PointOfNoReturn() implements RelupInstruction {
        @Override
        public Object toTerm() {
            return Atom.of("point_of_no_return");
        }
    }

    /** {@code {load, {Mod, PrePurge, PostPurge}}}: load the code read for the module. */
    record Load(String module, PurgeMethod prePurge, PurgeMethod postPurge) implements RelupInstruction {
        @Override
        public Object toTerm() {
            return tagged("load", Tuple.of(Atom.of(module), Atom.of(prePurge), Atom.of(postPurge)));
        }
    }

    /** {@code {remove, {Mod, PrePurge, PostPurge}}}: make the module's current code old, and delete it. */
    record Remove(String module, PurgeMethod prePurge, PurgeMethod postPurge) implements RelupInstruction {
        @Override
        public Object toTerm() {
            return tagged("remove", Tuple.of(Atom.of(module), Atom.of(prePurge), Atom.of(postPurge)));
        }
    }

    /** {@code {purge, [Mod]}}: purge the modules' old code, killing the processes that run it. */
    record Purge(List<String> modules) implements RelupInstruction {
        public Purge {
            modules = List.copyOf(modules);
        }

        @Override
        public Object toTerm() {
            return tagged("purge", Atom.list(modules));
        }
    }

    /** {@code {suspend, [Mod | {Mod, Timeout}]}}: suspend the processes that use the modules. */
    record Suspend(List<Target> modules) implements RelupInstruction {
        /** A module, written alone when its timeout is the default. */
        public record Target(String module, Timeout timeout) {
            Object toTerm() {
                return timeout.equals(Timeout.DEFAULT) ? Atom.of(module) : Tuple.of(Atom.of(module), timeout.toTerm());
            }
        }

        public Suspend {
            modules = List.copyOf(modules);
        }

        @Override
        public Object toTerm() {
            return tagged("suspend", modules.stream().map(Target::toTerm).toList());
        }
    }

    /** {@code {resume, [Mod]}}: resume the processes suspended for the modules. */
    record Resume(List<String> modules) implements RelupInstruction {
        public Resume {
            modules = List.copyOf(modules);
        }

        @Override
        public Object toTerm() {
            return tagged("resume", Atom.list(modules));
        }
    }

    /**
     * {@code {code_change, Mode, [{Mod, Extra}]}}: have the processes suspended for each module
     * change their state. {@code {code_change, [{Mod, Extra}]}} is the {@code up} form.
     */
    record CodeChange(Mode mode, List<Target> modules) implements RelupInstruction {
        public enum Mode { UP, DOWN }

        public record Target(String module, Object extra) {}

        public CodeChange {
            modules = List.copyOf(modules);
        }

        @Override
        public Object toTerm() {
            return tagged("code_change", Atom.of(mode),
                    modules.stream().<Object>map(t -> Tuple.of(Atom.of(t.module()), t.extra())).toList());
        }
    }

    /** {@code {stop, [Mod]}}: terminate the supervisor children that use the modules. */
    record Stop(List<String> modules) implements RelupInstruction {
        public Stop {
            modules = List.copyOf(modules);
        }

        @Override
        public Object toTerm() {
            return tagged("stop", Atom.list(modules));
        }
    }

    /** {@code {start, [Mod]}}: restart the children stopped for the modules, where they were. */
    record Start(List<String> modules) implements RelupInstruction {
        public Start {
            modules = List.copyOf(modules);
        }

        @Override
        public Object toTerm() {
            return tagged("start", Atom.list(modules));
        }
    }

    /** {@code {sync_nodes, Id, [Node]}}: wait until the release handlers of the nodes reach the same {@code Id}. */
    record SyncNodes(Object id, List<String> nodes) implements RelupInstruction {
        public SyncNodes {
            nodes = List.copyOf(nodes);
        }

        @Override
        public Object toTerm() {
            return tagged("sync_nodes", id, Atom.list(nodes));
        }
    }

    /** {@code {sync_nodes, Id, {M, F, A}}}: as {@link SyncNodes}, with the nodes that {@code apply(M, F, A)} returns. */
    record SyncNodesFromCall(Object id, Mfa call) implements RelupInstruction {
        @Override
        public Object toTerm() {
            return tagged("sync_nodes", id, call.toTerm());
        }
    }

    /** {@code {apply, {M, F, A}}}: call a function; its result is ignored. */
    record Apply(Mfa call) implements RelupInstruction {
        @Override
        public Object toTerm() {
            return tagged("apply", call.toTerm());
        }
    }

    /** {@code restart_new_emulator}: restart into the new runtime first (its version changed). */
    record RestartNewEmulator() implements RelupInstruction {
        @Override
        public Object toTerm() {
            return Atom.of("restart_new_emulator");
        }
    }

    /** {@code restart_emulator}: restart the node into the new release last. */
    record RestartEmulator() implements RelupInstruction {
        @Override
        public Object toTerm() {
            return Atom.of("restart_emulator");
        }
    }

    /** {@code {Module, Function, Args}}: a call. */
    record Mfa(String module, String function, List<Object> args) {
        public Mfa {
            args = List.copyOf(args);
        }

        Object toTerm() {
            return Tuple.of(Atom.of(module), Atom.of(function), args);
        }
    }
}
