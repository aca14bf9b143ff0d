package dev.graft.code;

import dev.graft.process.Functions;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.ProcessInfo;
import dev.graft.process.Reason;
import dev.graft.process.UndefinedFunctionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.invoke.SwitchPoint;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A node's code server: Erlang's {@code code} module and code server. It loads modules from the
 * code path, a class file or bytes, keeps at most two versions of each — <em>current</em> and
 * <em>old</em> — links remote calls to the current one, and purges old code, killing the
 * processes that still run it.
 *
 * <h2>The versions of one module name</h2>
 * <pre>
 *   state          load                      delete              purge / softPurge
 *   none           -> current                false               false / true
 *   current        current->old, new->curr.  current->old, true  false / true
 *   current+old    refused: not_purged       false               old removed, runners killed
 *   old only       new->current, old kept    false               old removed
 * </pre>
 * {@link #loadBinary} purges before it loads, as Erlang's {@code load_binary} does, so a third
 * version kills the processes still in the first.
 *
 * <h2>Implementation overview</h2>
 * Loads, purges and deletes are serialised by one lock, as Erlang's code server is one process;
 * reads ({@link #isLoaded}, {@link #which}, remote calls) take no lock. A load is prepared
 * outside the lock (read, boundary-checked, rewritten, defined: {@link #prepareLoading}) and made
 * current under it ({@link #finishLoading}): the static initialisers run first, and only when all
 * have succeeded does every module of the batch switch, each slot writing current and then its
 * generation. One new {@link SwitchPoint} serves the whole batch and the retired ones are
 * invalidated together, so a batch deoptimises the callers of its modules once
 * (see {@link RemoteCallSite}).
 *
 * <p>Purging a version invalidates the guard that starts each of its lambdas, so that a lambda
 * still held raises {@link BadFun} when called (see {@link FunGuard}).
 *
 * <p>Which process runs old code is read from its stack: frames of a version's classes carry
 * its class loader's name, {@code module@vsn}, unique per loaded version. That is a stack walk
 * per live process, tens of microseconds each.
 */
public final class CodeServer {
    private static final System.Logger LOG = System.getLogger("dev.graft.code");

    private final Node node;
    private final ClassLoader shared;
    private final CodePath path = new CodePath();
    private final ConcurrentHashMap<String, ModuleSlot> slots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SiteKey, RemoteCallSite> sites = new ConcurrentHashMap<>();
    private final Set<String> stuck = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final String runtimeLocation;
    private volatile Duration purgeWait = Duration.ofSeconds(5);
    /** How long a process may take to answer a stack query before its stack is read from outside. */
    private static final Duration STACK_PATIENCE = Duration.ofMillis(50);

    private record SiteKey(String module, String function, MethodType type) {}

    private CodeServer(Node node, ClassLoader shared) {
        this.node = node;
        this.shared = shared;
        URL here = CodeServer.class.getProtectionDomain().getCodeSource().getLocation();
        this.runtimeLocation = here == null ? "" : here.getPath();
    }

    /** The code server of {@code node}, started on first use. Shared classes come from Graft's own loader. */
    public static CodeServer of(Node node) {
        return node.service(CodeServer.class, n -> new CodeServer(n, CodeServer.class.getClassLoader()));
    }

    public Node node() {
        return node;
    }

    /** The code path that {@link #load} and {@link #which} search. */
    public CodePath codePath() {
        return path;
    }

    /** How long a purge waits for each process it kills to finish dying (default 5 s). */
    public void purgeWait(Duration wait) {
        this.purgeWait = Objects.requireNonNull(wait, "wait");
    }

    // ---- loading ----

    /** Loads a module from the code path without purging: Erlang's {@code load_file/1}. */
    public LoadResult load(String module) {
        return atomicLoad(List.of(module));
    }

    /** Loads the module whose top-level class file is {@code classFile}, with its nested classes beside it: {@code load_abs/1}. */
    public LoadResult loadAbs(Path classFile) {
        String module;
        try {
            module = ClassFile.of().parse(Files.readAllBytes(classFile)).thisClass().asInternalName().replace('/', '.');
        } catch (IOException e) {
            return refused(classFile.toString(), LoadError.NOFILE, "cannot read " + classFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return refused(classFile.toString(), LoadError.BADFILE, classFile + " is not a class file: " + e.getMessage());
        }
        String fileName = classFile.getFileName().toString();
        String simple = module.substring(module.lastIndexOf('.') + 1);
        if (!fileName.equals(simple + ".class")) {
            return refused(classFile.toString(), LoadError.BADFILE, classFile + " holds class " + module
                    + ", not the module its name says (" + fileName.replace(".class", "") + ")");
        }
        try {
            ModuleBinary binary = CodePath.fromClassFile(classFile, module).orElseThrow();
            return atomicLoadBinaries(List.of(binary));
        } catch (CodeLoadException e) {
            return new LoadResult.Refused(e.failures());
        }
    }

    /**
     * Loads a module from its classes, purging its old code first (killing the processes that
     * run it): Erlang's {@code load_binary/3}, which the release handler uses.
     */
    public LoadResult loadBinary(ModuleBinary binary) {
        Prepared prepared;
        try {
            prepared = prepareLoadingBinaries(List.of(binary));
        } catch (CodeLoadException e) {
            return new LoadResult.Refused(e.failures());
        }
        lock.lock();
        try {
            if (!isSticky(binary.name()) && isLoaded(binary.name()).isPresent()) {
                purge(binary.name()); // as Erlang: only over a current version, so old-only code is kept
            }
            return finishLoading(prepared);
        } finally {
            lock.unlock();
        }
    }

    /** Loads the module from the code path unless a current version is loaded: {@code ensure_loaded/1}. */
    public LoadResult ensureLoaded(String module) {
        Optional<ModuleVersion> current = isLoaded(module);
        return current.isPresent() ? new LoadResult.Loaded(List.of(current.get())) : load(module);
    }

    /** Loads modules from the code path all at once, or none: {@code atomic_load/1}. */
    public LoadResult atomicLoad(List<String> modules) {
        try {
            return finishLoading(prepareLoading(modules));
        } catch (CodeLoadException e) {
            return new LoadResult.Refused(e.failures());
        }
    }

    /** {@link #atomicLoad} of modules given as classes. */
    public LoadResult atomicLoadBinaries(List<ModuleBinary> binaries) {
        try {
            return finishLoading(prepareLoadingBinaries(binaries));
        } catch (CodeLoadException e) {
            return new LoadResult.Refused(e.failures());
        }
    }

    /**
     * Reads modules from the code path and prepares them: {@code prepare_loading/1}.
     *
     * @throws CodeLoadException with every module that is duplicated, missing, malformed or
     *                           breaks the boundary; nothing is loaded
     */
    public Prepared prepareLoading(List<String> modules) {
        List<ModuleFailure> failures = new ArrayList<>(duplicates(modules));
        if (!failures.isEmpty()) {
            throw new CodeLoadException(failures);
        }
        List<ModuleBinary> binaries = new ArrayList<>();
        for (String m : modules) {
            try {
                Optional<ModuleBinary> b = path.find(m);
                if (b.isPresent()) {
                    binaries.add(b.get());
                } else {
                    failures.add(new ModuleFailure(m, LoadError.NOFILE, "not found on the code path " + path));
                }
            } catch (CodeLoadException e) {
                failures.addAll(e.failures());
            } catch (UncheckedIOException e) {
                failures.add(new ModuleFailure(m, LoadError.BADFILE, e.getMessage()));
            }
        }
        try {
            Prepared prepared = prepareLoadingBinaries(binaries);
            if (failures.isEmpty()) {
                return prepared;
            }
        } catch (CodeLoadException e) {
            failures.addAll(e.failures());
        }
        throw new CodeLoadException(failures);
    }

    /** {@link #prepareLoading} of modules given as classes. */
    public Prepared prepareLoadingBinaries(List<ModuleBinary> binaries) {
        List<String> names = binaries.stream().map(ModuleBinary::name).toList();
        List<ModuleFailure> failures = new ArrayList<>(duplicates(names));
        if (!failures.isEmpty()) {
            throw new CodeLoadException(failures);
        }
        Set<String> batch = Set.copyOf(names);
        Map<String, Boolean> known = new HashMap<>();
        List<ModuleVersion> versions = new ArrayList<>();
        for (ModuleBinary b : binaries) {
            ModuleRewriter.Result r = ModuleRewriter.rewrite(b,
                    top -> known.computeIfAbsent(top, t -> batch.contains(t) || isModule(t)), shared);
            if (!r.violations().isEmpty()) {
                failures.add(new ModuleFailure(b.name(), LoadError.BOUNDARY_VIOLATION, Boundary.describe(r.violations())));
                continue;
            }
            ModuleSlot slot = slot(b.name());
            ModuleLoader loader = new ModuleLoader(loaderName(slot, b), shared, this, b.name(), r.classes());
            try {
                Class.forName(b.name(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                failures.add(new ModuleFailure(b.name(), LoadError.BADFILE, "the JVM refused its class: " + e));
                continue;
            }
            versions.add(new ModuleVersion(b, loader, slot));
        }
        if (!failures.isEmpty()) {
            throw new CodeLoadException(failures);
        }
        return new Prepared(this, versions);
    }

    private static List<ModuleFailure> duplicates(List<String> names) {
        Set<String> seen = new HashSet<>();
        Set<String> dup = new LinkedHashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                dup.add(n);
            }
        }
        return dup.stream().map(n -> new ModuleFailure(n, LoadError.DUPLICATED, "listed more than once")).toList();
    }

    private boolean isModule(String name) {
        ModuleSlot s = slots.get(name);
        if (s != null && (s.current != null || s.old != null)) {
            return true;
        }
        return !isRuntimeClass(name) && path.contains(name);
    }

    /**
     * {@code module@vsn}, unique among the module's versions: a vsn loaded again while a loaded
     * version has that name gets {@code #n}, so stack frames still tell the two apart.
     */
    private static String loaderName(ModuleSlot slot, ModuleBinary b) {
        String name = b.name() + "@" + b.vsn();
        synchronized (slot) {
            slot.loads++;
            if (!slot.isLoaderName(name)) {
                return name;
            }
            return name + "#" + slot.loads;
        }
    }

    /**
     * Makes prepared modules current, all at once, or none: {@code finish_loading/1}. Refused
     * if any is sticky, then if any still has old code ({@code not_purged}), then if any static
     * initialiser fails ({@code on_load_failure}); a refusal changes nothing.
     */
    public LoadResult finishLoading(Prepared prepared) {
        if (prepared.server != this) {
            throw new IllegalArgumentException("finishLoading: " + prepared + " was prepared by another node's code server");
        }
        lock.lock();
        try {
            List<ModuleFailure> failures = new ArrayList<>();
            for (ModuleVersion v : prepared.versions) {
                if (isSticky(v.name())) {
                    failures.add(new ModuleFailure(v.name(), LoadError.STICKY_DIRECTORY,
                            "it is sticky (Graft's runtime, or stuck with stick()) and cannot be reloaded"));
                }
            }
            if (failures.isEmpty()) {
                for (ModuleVersion v : prepared.versions) {
                    ModuleSlot s = slot(v.name());
                    if (prepared.finished) {
                        throw new IllegalStateException("finishLoading: " + prepared + " was already finished");
                    }
                    if (s.current != null && s.old != null) {
                        failures.add(new ModuleFailure(v.name(), LoadError.NOT_PURGED, "old code " + s.old
                                + " is still loaded beside current " + s.current + "; purge it first"));
                    }
                }
            }
            if (failures.isEmpty()) {
                for (ModuleVersion v : prepared.versions) {
                    initialise(v).ifPresent(failures::add);
                }
            }
            if (!failures.isEmpty()) {
                return new LoadResult.Refused(failures);
            }
            commit(prepared.versions);
            prepared.finished = true;
            return new LoadResult.Loaded(prepared.versions);
        } finally {
            lock.unlock();
        }
    }

    /** Runs the module's static initialiser, Erlang's on_load, before it can become current. */
    private static Optional<ModuleFailure> initialise(ModuleVersion v) {
        try {
            Class.forName(v.name(), true, v.loader);
            return Optional.empty();
        } catch (ExceptionInInitializerError e) {
            return Optional.of(new ModuleFailure(v.name(), LoadError.ON_LOAD_FAILURE,
                    "its static initialiser threw " + e.getCause()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of(new ModuleFailure(v.name(), LoadError.BADFILE, "the JVM refused its class: " + e));
        }
    }

    /** The switch: holds the lock; every check has passed. */
    private void commit(List<ModuleVersion> versions) {
        Set<SwitchPoint> retired = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ModuleVersion v : versions) {
            ModuleSlot s = slot(v.name());
            retired.add(s.generation);
            if (s.current != null) {
                s.old = s.current;
            }
            s.current = v;
        }
        retire(retired);
    }

    /** Gives every slot guarded by a retired switch point a fresh one, then invalidates them in one batch. */
    private void retire(Set<SwitchPoint> retired) {
        SwitchPoint next = new SwitchPoint();
        for (ModuleSlot s : slots.values()) {
            if (retired.contains(s.generation)) {
                s.generation = next;
            }
        }
        SwitchPoint.invalidateAll(retired.toArray(SwitchPoint[]::new));
    }

    // ---- purge and delete ----

    /**
     * Removes the module's old code, first killing (reason {@code killed}) every process still
     * running it: {@code code:purge/1}. Its lambdas raise {@link BadFun} from then on.
     *
     * @return true if a process was killed
     */
    public boolean purge(String module) {
        lock.lock();
        try {
            ModuleSlot s = slots.get(module);
            if (s == null || s.old == null) {
                return false;
            }
            ModuleVersion old = s.old;
            List<Pid> victims = runningIn(old);
            for (Pid p : victims) {
                node.exit(p, Reason.KILL);
            }
            awaitDeaths(victims, old);
            dropOld(s, old);
            return !victims.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the module's old code unless a process still runs it: {@code code:soft_purge/1}.
     * Holding one of its lambdas does not count; they raise {@link BadFun} once it is removed.
     *
     * @return false if a process runs the old code (nothing is removed); true otherwise
     */
    public boolean softPurge(String module) {
        lock.lock();
        try {
            ModuleSlot s = slots.get(module);
            if (s == null || s.old == null) {
                return true;
            }
            if (!runningIn(s.old).isEmpty()) {
                return false;
            }
            dropOld(s, s.old);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the current version old, so the module has no current version and remote calls to
     * it fail with {@code undef}: {@code code:delete/1}.
     *
     * @return false if it has no current version, or still has old code (purge it first)
     */
    public boolean delete(String module) {
        lock.lock();
        try {
            ModuleSlot s = slots.get(module);
            if (s == null || s.current == null) {
                return false;
            }
            if (s.old != null) {
                LOG.log(System.Logger.Level.WARNING, "Module {0} must be purged before deleting", module);
                return false;
            }
            s.old = s.current;
            s.current = null;
            Set<SwitchPoint> retired = Collections.newSetFromMap(new IdentityHashMap<>());
            retired.add(s.generation);
            retire(retired);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void dropOld(ModuleSlot s, ModuleVersion old) {
        s.old = null;
        old.funGuard.purged(); // after it left the slot: see FunGuard
        for (RemoteCallSite site : s.sites) {
            if (site.isLinkedTo(old)) {
                site.link(); // a site not called since the load must not keep the old loader alive
            }
        }
    }

    private void awaitDeaths(List<Pid> victims, ModuleVersion old) {
        Pid self = currentPid();
        for (Pid p : victims) {
            if (p.equals(self)) {
                continue; // the caller dies at its next runtime call
            }
            try {
                if (!node.join(p, purgeWait)) {
                    LOG.log(System.Logger.Level.WARNING, "purge of {0}: process {1} was killed but has not "
                            + "finished after {2}; it dies at its next runtime call", old, p, purgeWait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Pid currentPid() {
        try {
            return dev.graft.process.Proc.self();
        } catch (IllegalStateException notInAProcess) {
            return null;
        }
    }

    // ---- which processes run which code ----

    /**
     * Whether {@code pid} runs the module's old code: a frame of its stack belongs to the old
     * version (it executes it, a call out of it has not returned, or it runs a lambda defined in
     * it). Holding a lambda or a value of the old version does not count: {@code check_process_code/2}.
     */
    public boolean checkProcessCode(Pid pid, String module) {
        ModuleSlot s = slots.get(module);
        ModuleVersion old = s == null ? null : s.old;
        if (old == null) {
            return false;
        }
        try {
            return node.runsCodeOf(pid, old.loader, STACK_PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("checkProcessCode(" + pid + ", " + module + ") was interrupted", e);
        }
    }

    /**
     * The processes whose stack holds a frame of {@code v}: those a purge of {@code v} would
     * kill. Behaviour processes idle in their loop are answered for at once.
     */
    public List<Pid> processesRunning(ModuleVersion v) {
        return runningIn(v);
    }

    private List<Pid> runningIn(ModuleVersion v) {
        try {
            return node.runningCodeOf(v.loader, STACK_PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("looking for the processes that run " + v + " was interrupted", e);
        }
    }

    /** The module version {@code pid} is executing: the innermost module frame on its stack. */
    public Optional<ModuleVersion> currentModule(Pid pid) {
        return node.info(pid).flatMap(ProcessInfo::currentModule).flatMap(this::versionByLoaderName);
    }

    /** The current or old version whose class loader has this name. */
    private Optional<ModuleVersion> versionByLoaderName(String loaderName) {
        String module = loaderName.substring(0, Math.max(0, loaderName.indexOf('@')));
        ModuleSlot s = slots.get(module);
        return s == null ? Optional.empty() : Optional.ofNullable(s.find(v -> v.loaderName().equals(loaderName)));
    }

    // ---- inspection ----

    /** The current version, if the module is loaded: {@code code:is_loaded/1}. */
    public Optional<ModuleVersion> isLoaded(String module) {
        ModuleSlot s = slots.get(module);
        return s == null ? Optional.empty() : Optional.ofNullable(s.current);
    }

    /** The old version, if the module has old code: {@code erlang:check_old_code/1}. */
    public Optional<ModuleVersion> oldCode(String module) {
        ModuleSlot s = slots.get(module);
        return s == null ? Optional.empty() : Optional.ofNullable(s.old);
    }

    /** Every module with a current version, by name: {@code code:all_loaded/0}. */
    public List<ModuleVersion> allLoaded() {
        return slots.values().stream().map(s -> s.current).filter(Objects::nonNull)
                .sorted(Comparator.comparing(ModuleVersion::name)).toList();
    }

    /**
     * Where the module comes from: the origin of the loaded version, else its file on the code
     * path, else empty (Erlang's {@code non_existing}): {@code code:which/1}.
     */
    public Optional<String> which(String module) {
        Optional<ModuleVersion> v = isLoaded(module);
        if (v.isPresent()) {
            return Optional.of(v.get().origin());
        }
        return path.locate(module).map(Path::toString);
    }

    /** How the loaded module compares with the code path: {@code code:module_status/1}. */
    public ModuleStatus moduleStatus(String module) {
        Optional<ModuleVersion> v = isLoaded(module);
        if (v.isEmpty()) {
            return ModuleStatus.NOT_LOADED;
        }
        if (v.get().origin().isEmpty()) {
            return ModuleStatus.LOADED;
        }
        Optional<ModuleBinary> onPath;
        try {
            onPath = path.find(module);
        } catch (CodeLoadException | UncheckedIOException e) {
            return ModuleStatus.MODIFIED;
        }
        if (onPath.isEmpty()) {
            return ModuleStatus.REMOVED;
        }
        return onPath.get().md5().equals(v.get().md5()) ? ModuleStatus.LOADED : ModuleStatus.MODIFIED;
    }

    /** The loaded modules whose bytecode on the code path has changed: {@code code:modified_modules/0}. */
    public List<String> modifiedModules() {
        return allLoaded().stream().map(ModuleVersion::name)
                .filter(m -> moduleStatus(m) == ModuleStatus.MODIFIED).toList();
    }

    // ---- sticky modules ----

    /** Makes a module sticky: once loaded it cannot be loaded again. */
    public void stick(String module) {
        stuck.add(module);
    }

    public void unstick(String module) {
        stuck.remove(module);
    }

    /** Whether loading the module is refused with {@code sticky_directory}: Graft's runtime always is. */
    public boolean isSticky(String module) {
        return isRuntimeClass(module) || (stuck.contains(module) && isLoaded(module).isPresent());
    }

    private boolean isRuntimeClass(String name) {
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")) {
            return true;
        }
        if (runtimeLocation.isEmpty()) {
            return false;
        }
        URL r = CodeServer.class.getClassLoader().getResource(name.replace('.', '/') + ".class");
        return r != null && r.getPath().contains(runtimeLocation);
    }

    // ---- calls ----

    /**
     * A method handle that calls {@code module.function} of this type in whatever version is
     * current at each call: the remote call of code outside any module (a launcher, a test).
     */
    public MethodHandle function(String module, String function, MethodType type) {
        return callSite(module, function, type).dynamicInvoker();
    }

    /**
     * Calls {@code module.function(args)} in the current version, choosing the public static
     * method by name and arguments: Erlang's {@code apply/3}.
     *
     * @throws UndefinedFunctionException if there is no such function in the current version
     */
    public Object apply(String module, String function, Object... args) throws Exception {
        ModuleVersion v = isLoaded(module).orElseThrow(() -> new UndefinedFunctionException(module, function, args.length));
        Method m = Functions.findStatic(v.moduleClass(), function, args)
                .orElseThrow(() -> new UndefinedFunctionException(module, function, args.length));
        try {
            return function(module, function, MethodType.methodType(m.getReturnType(), m.getParameterTypes()))
                    .invokeWithArguments(args);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t); // no other Throwable exists in practice
        }
    }

    /**
     * The site for calls to {@code module.function} of this type, shared by every caller. A type
     * that names a module version's own classes (a qualified call passing the module's record) is
     * bound to that version: its site is not shared or remembered, so it goes with the version.
     */
    RemoteCallSite callSite(String module, String function, MethodType type) {
        if (namesModuleClasses(type)) {
            return new RemoteCallSite(slot(module), function, type);
        }
        return sites.computeIfAbsent(new SiteKey(module, function, type), k -> {
            ModuleSlot s = slot(module);
            RemoteCallSite site = new RemoteCallSite(s, function, type);
            s.sites.add(site);
            return site;
        });
    }

    private static boolean namesModuleClasses(MethodType type) {
        if (type.returnType().getClassLoader() instanceof ModuleLoader) {
            return true;
        }
        for (Class<?> p : type.parameterArray()) {
            if (p.getClassLoader() instanceof ModuleLoader) {
                return true;
            }
        }
        return false;
    }

    /** The entry of {@code module}, loaded or not, for code that follows its current version. */
    public ModuleRef ref(String module) {
        return slot(module).ref;
    }

    private ModuleSlot slot(String module) {
        return slots.computeIfAbsent(module, ModuleSlot::new);
    }

    private static LoadResult refused(String module, LoadError error, String detail) {
        return new LoadResult.Refused(List.of(new ModuleFailure(module, error, detail)));
    }

    @Override
    public String toString() {
        return "CodeServer[" + node.name() + "]";
    }
}
