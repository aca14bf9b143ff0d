package dev.graft.release;

import dev.graft.behaviour.BehaviourIndex;
import dev.graft.behaviour.ChildSpec;
import dev.graft.behaviour.Supervisor;
import dev.graft.process.ProcessExit;
import dev.graft.sys.Sys;
import dev.graft.sys.SysState;
import dev.graft.behaviour.GenServer;
import dev.graft.code.CodeLoadException;
import dev.graft.code.CodePath;
import dev.graft.code.CodeServer;
import dev.graft.code.LoadResult;
import dev.graft.code.ModuleBinary;
import dev.graft.code.ModuleVersion;
import dev.graft.code.Prepared;
import dev.graft.process.Pid;
import dev.graft.release.RelupInstruction.Apply;
import dev.graft.release.RelupInstruction.CodeChange;
import dev.graft.release.RelupInstruction.Load;
import dev.graft.release.RelupInstruction.LoadObjectCode;
import dev.graft.release.RelupInstruction.Purge;
import dev.graft.release.RelupInstruction.Remove;
import dev.graft.sys.CodeChangeBatch;
import dev.graft.sys.CodeChangeException;
import dev.graft.process.Functions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One relup script installed as a transaction (DESIGN decision 6). Everything that can fail
 * runs first and changes nothing the node runs: reading every module's classes, checking and
 * defining them ({@code prepareLoading}), the soft-purge checks, and every affected process's
 * {@code codeChange} on a state not yet installed ({@link CodeChangeBatch#prepare}). A failure
 * there aborts all of it: the node is as it was, every process on its old code and state. Then
 * the commit: brutal pre-purges, the prepared modules made current at once, every batch
 * committed (one write each), and what comes after OTP's point of no return — applies,
 * removals, post-purges.
 *
 * <p>The processes of a module are the behaviour processes whose callback module it is
 * ({@link BehaviourIndex}). Confined to the release handler's lock.
 */
final class Install {
    /** How long a process has to prepare its code change, as OTP's default suspend timeout. */
    private static final long PREPARE_TIMEOUT_MILLIS = 30_000;
    private static final long SUPERVISOR_TIMEOUT_MILLIS = 5_000;

    private final ReleaseHandler handler;
    /** The release being installed, whose applications an {@code application:start} apply starts. */
    private final Release target;
    private final CodeServer code;
    private final List<RelupInstruction> script;
    private final boolean down;

    Install(ReleaseHandler handler, Release target, List<RelupInstruction> script, boolean down) {
        this.handler = handler;
        this.target = target;
        this.code = CodeServer.of(handler.node());
        this.script = List.copyOf(script);
        this.down = down;
    }

    /**
     * What the script would do, computed without changing anything, after the checks the install
     * makes before it changes anything (the new code reads and defines, no soft pre-purge finds
     * a process in old code). With {@code purge}, then removes the old code of each module the
     * script loads or removes that no process runs: check_install_release's {@code purge}.
     */
    InstallPlan plan(String from, String to, boolean purge) throws ReleaseException {
        List<String> load = new ArrayList<>();
        Map<String, List<Pid>> change = new LinkedHashMap<>();
        Map<String, List<Pid>> kills = new LinkedHashMap<>();
        Map<String, InstallPlan.OldCode> left = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        List<String> apply = new ArrayList<>();
        readObjectCode();
        softPurgeChecks();
        for (RelupInstruction i : script) {
            switch (i) {
                case Load l -> {
                    load.add(l.module());
                    purges(l.module(), l.postPurge(), kills, left);
                }
                case CodeChange c -> {
                    for (CodeChange.Target t : c.modules()) {
                        change.put(t.module(), processesOf(t.module()));
                    }
                }
                case Remove r -> {
                    remove.add(r.module());
                    purges(r.module(), r.postPurge(), kills, left);
                }
                case Apply a -> apply.add(a.call().toString());
                default -> { }
            }
        }
        return new InstallPlan(from, to, load, change, kills, left, remove, apply,
                purge ? purgeUnusedOldCode() : List.of());
    }

    /**
     * Soft-purges the old code of every module the script loads or removes, so that the install
     * finds none to check or kill (OTP purges those whose old code no process runs, whatever
     * their purge methods; a soft purge is that check and the removal as one step). Returns the
     * modules whose old code it removed.
     */
    private List<String> purgeUnusedOldCode() {
        List<String> purged = new ArrayList<>();
        for (RelupInstruction i : script) {
            String module = i instanceof Load l ? l.module() : i instanceof Remove r ? r.module() : null;
            if (module != null && code.oldCode(module).isPresent() && code.softPurge(module)) {
                purged.add(module);
            }
        }
        return purged;
    }

    /** Who a load or removal of {@code module} kills now (in its old code), and who it leaves in the code it replaces. */
    private void purges(String module, PurgeMethod postPurge, Map<String, List<Pid>> kills,
                        Map<String, InstallPlan.OldCode> left) {
        code.oldCode(module).map(code::processesRunning).filter(p -> !p.isEmpty()).ifPresent(p -> kills.put(module, p));
        code.isLoaded(module).map(code::processesRunning).filter(p -> !p.isEmpty())
                .ifPresent(p -> left.put(module, new InstallPlan.OldCode(p, postPurge)));
    }

    /** Runs the transaction; returns the modules left with old code that processes still run. */
    List<UnpurgedModules.Entry> run() throws ReleaseException {
        Prepared prepared = prepare();
        List<CodeChangeBatch> batches = new ArrayList<>();
        try {
            softPurgeChecks();
            // Every target's processes are found before any batch is prepared: a supervisor that
            // holds a prepared change takes only system messages, so it could not list its children.
            List<Map.Entry<CodeChange.Target, List<Pid>>> changes = new ArrayList<>();
            for (RelupInstruction i : script) {
                if (i instanceof CodeChange c) {
                    for (CodeChange.Target t : c.modules()) {
                        changes.add(Map.entry(t, processesOf(t.module())));
                    }
                }
            }
            for (Map.Entry<CodeChange.Target, List<Pid>> change : changes) {
                batches.add(prepareChange(change.getKey(), change.getValue(), prepared));
            }
        } catch (ReleaseException | RuntimeException e) {
            batches.forEach(CodeChangeBatch::abort);
            throw e;
        }
        return commit(prepared, batches);
    }

    // ---- before the point of no return: nothing the node runs changes ----

    private List<ModuleBinary> readObjectCode() throws ReleaseException {
        List<ModuleBinary> binaries = new ArrayList<>();
        for (RelupInstruction i : script) {
            if (i instanceof LoadObjectCode o) {
                Path classes = libOfTarget(o).dir().resolve("classes");
                for (String m : o.modules()) {
                    binaries.add(CodePath.read(classes, m).orElseThrow(() -> ReleaseException.of("no_object_code",
                            "module " + m + " of " + o.application() + "-" + o.vsn() + " is not in " + classes, m)));
                }
            }
        }
        return binaries;
    }

    /** The target release's directory of the application whose code is read: OTP's {@code libdirs}. */
    private Release.Lib libOfTarget(LoadObjectCode o) throws ReleaseException {
        Release.Lib lib = target.libs().stream().filter(l -> l.app().equals(o.application())).findFirst()
                .orElseThrow(() -> ReleaseException.of("no_such_application", "the relup loads the code of "
                        + o.application() + ", which release " + target.vsn() + " does not have", o.application()));
        if (!lib.vsn().equals(o.vsn())) {
            throw ReleaseException.of("bad_lib_vsn", "the relup loads " + o.application() + "-" + o.vsn()
                    + ", but release " + target.vsn() + " has " + lib, dev.graft.term.Atom.of(o.application()), lib.vsn());
        }
        return lib;
    }

    private Prepared prepare() throws ReleaseException {
        List<ModuleBinary> binaries = readObjectCode();
        try {
            return code.prepareLoadingBinaries(binaries);
        } catch (CodeLoadException e) {
            throw new ReleaseException(e.failures().toString(), "the new code does not load: " + e.getMessage(), e);
        }
    }

    /** A load whose pre-purge is soft fails up front if a process still runs the old code it would need to drop. */
    private void softPurgeChecks() throws ReleaseException {
        for (RelupInstruction i : script) {
            String module = switch (i) {
                case Load l when l.prePurge() == PurgeMethod.SOFT_PURGE -> l.module();
                case Remove r when r.prePurge() == PurgeMethod.SOFT_PURGE -> r.module();
                default -> null;
            };
            Optional<ModuleVersion> old = module == null ? Optional.empty() : code.oldCode(module);
            if (old.isPresent() && !code.processesRunning(old.get()).isEmpty()) {
                throw ReleaseException.of("old_processes", "processes still run the old code of " + module
                        + ", which its soft pre-purge may not kill", module);
            }
        }
    }

    private CodeChangeBatch prepareChange(CodeChange.Target t, List<Pid> processes, Prepared prepared) throws ReleaseException {
        String m = t.module();
        Optional<ModuleVersion> current = code.isLoaded(m);
        ModuleVersion target = prepared.versions().stream().filter(v -> v.name().equals(m)).findFirst()
                .or(() -> current).orElseThrow(() -> ReleaseException.of("undef_module",
                        "code_change of " + m + ", which is neither loaded nor in the release", m));
        Object oldVsn = down ? new GenServer.Down(target.vsn()) : current.map(ModuleVersion::vsn).orElse(null);
        try {
            return CodeChangeBatch.prepare(processes, target, oldVsn, t.extra(), PREPARE_TIMEOUT_MILLIS);
        } catch (CodeChangeException e) {
            throw ReleaseException.of("code_change_failed", "the code change of " + m + " failed, nothing was changed: "
                    + e.reason(), m, e.reason());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ReleaseException.of("interrupted", "the install was interrupted while " + m + " prepared", m);
        }
    }

    /**
     * The processes that use {@code module}: the behaviour processes whose callback module it
     * is, and the children whose specs list it among their modules (reference §7.5). A
     * supervisor that is suspended cannot be asked, which is an error, as in OTP.
     */
    private List<Pid> processesOf(String module) throws ReleaseException {
        BehaviourIndex index = BehaviourIndex.of(handler.node());
        Set<Pid> pids = new LinkedHashSet<>(index.running(module));
        for (Pid sup : index.supervisors()) {
            try {
                if (Sys.getStatus(sup, SUPERVISOR_TIMEOUT_MILLIS).sysState() == SysState.SUSPENDED) {
                    throw ReleaseException.of("suspended_supervisor", "supervisor " + sup
                            + " is suspended, so its children cannot be listed", sup);
                }
                for (Supervisor.Child c : Supervisor.whichChildren(sup)) {
                    if (c.pid() != null && c.modules() instanceof ChildSpec.Modules.Listed l && l.names().contains(module)) {
                        pids.add(c.pid());
                    }
                }
            } catch (ProcessExit gone) {
                // the supervisor died while we asked: its subtree is gone too (OTP PR #822)
            }
        }
        return List.copyOf(pids);
    }

    // ---- the commit ----

    private List<UnpurgedModules.Entry> commit(Prepared prepared, List<CodeChangeBatch> batches) throws ReleaseException {
        // OTP's load_binary and remove purge first: old code left by an earlier install goes now,
        // killing what runs it under a brutal pre-purge; under a soft one, the checks found nothing does
        for (RelupInstruction i : script) {
            String module = i instanceof Load l ? l.module() : i instanceof Remove r ? r.module() : null;
            if (module != null && code.oldCode(module).isPresent()) {
                code.purge(module);
            }
        }
        LoadResult loaded = code.finishLoading(prepared);
        if (loaded instanceof LoadResult.Refused r) {
            batches.forEach(CodeChangeBatch::abort);
            throw new ReleaseException(r.failures().toString(), "the new code could not be made current: " + r.describe());
        }
        batches.forEach(CodeChangeBatch::commit);
        List<UnpurgedModules.Entry> unpurged = new ArrayList<>();
        for (RelupInstruction i : script) {
            switch (i) {
                case Apply a -> apply(a);
                case Remove r -> {
                    code.delete(r.module());
                    postPurge(r.module(), r.postPurge(), unpurged);
                }
                case Load l -> postPurge(l.module(), l.postPurge(), unpurged);
                case Purge p -> p.modules().forEach(code::purge);
                default -> { }
            }
        }
        return unpurged;
    }

    /**
     * OTP's {@code do_soft_purge}: whatever the post-purge method, old code that processes still
     * run is left, and noted with the method; a brutal one is carried out at make_permanent.
     */
    private void postPurge(String module, PurgeMethod how, List<UnpurgedModules.Entry> unpurged) {
        unpurged.removeIf(e -> e.module().equals(module)); // a module loaded, then removed: its last word counts
        if (!code.softPurge(module)) {
            unpurged.add(new UnpurgedModules.Entry(module, how));
        }
    }

    /**
     * Calls a module's function in its current version, or a public static function of shared
     * code (Graft's own API: {@code {apply, {'dev.graft.behaviour.Supervisor', restartChild,
     * [Sup, Id]}}}).
     */
    private void apply(Apply a) throws ReleaseException {
        RelupInstruction.Mfa call = a.call();
        Object[] args = call.args().toArray();
        try {
            if (call.module().equals("application")) {
                new ReleaseApplications(handler).apply(target, call.function(), call.args());
            } else if (code.isLoaded(call.module()).isPresent()) {
                code.apply(call.module(), call.function(), args);
            } else {
                Class<?> shared = Class.forName(call.module(), true, Install.class.getClassLoader());
                Method m = Functions.findStatic(shared, call.function(), args).orElseThrow(() ->
                        new NoSuchMethodException(call.module() + "." + call.function() + "/" + args.length));
                m.invoke(null, args);
            }
        } catch (InvocationTargetException e) {
            throw ReleaseException.of("apply_failed", "after the point of no return, " + call + " threw " + e.getCause()
                    + "; the new code is installed", call.toString());
        } catch (Exception e) {
            throw ReleaseException.of("apply_failed", "after the point of no return, " + a.call() + " threw " + e
                    + "; the new code is installed", a.call().toString());
        }
    }
}
