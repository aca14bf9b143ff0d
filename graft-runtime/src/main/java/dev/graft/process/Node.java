package dev.graft.process;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A Graft node: its processes, registered names and timers (DESIGN decision 10: a node is an
 * object, not the JVM; a test may run several in one JVM).
 *
 * <p>Code outside any process (a launcher, a test) uses the node's methods; code inside a
 * process uses {@link Proc}, which finds the node through the calling process.
 *
 * <pre>{@code
 * try (Node node = Node.start("demo")) {
 *     Pid echo = node.spawn(() -> {
 *         for (;;) {
 *             if (Proc.receive() instanceof Ping(Pid from)) Proc.send(from, "pong");
 *         }
 *     });
 *     String reply = node.runProcess(() -> {
 *         Proc.send(echo, new Ping(Proc.self()));
 *         return (String) Proc.receive(String.class);
 *     });
 * }
 * }</pre>
 */
public final class Node implements AutoCloseable {
    private static final AtomicInteger NODES = new AtomicInteger();

    private final String name;
    private final int index;
    private final AtomicLong pids = new AtomicLong();
    private final AtomicLong refs = new AtomicLong();
    private final ThreadFactory threads = Thread.ofVirtual().factory();
    private final Set<Pid> processes = ConcurrentHashMap.newKeySet();
    final Registry registry = new Registry();
    final Timers timers;
    private final ConcurrentHashMap<Class<?>, Service<?>> services = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile PrintStream output = System.out;

    private Node(String name) {
        this.name = name;
        this.index = NODES.getAndIncrement();
        this.timers = new Timers(name);
    }

    /** Starts a node. Its name is for people: it appears in logs and thread names. */
    public static Node start(String name) {
        return new Node(Objects.requireNonNull(name, "name"));
    }

    public String name() {
        return name;
    }

    /** This node's number within the JVM, the first number of its pids. */
    public int index() {
        return index;
    }

    // ---- spawning ----

    /** Spawns a process that runs {@code body}. */
    public Pid spawn(ProcessFunction body) {
        ProcessCell cell = spawnCell(body, ProcessCell.current(), null);
        cell.start();
        return cell.pid;
    }

    /** Spawns a process that runs {@code module.function(args)}, a public static method. */
    public Pid spawn(Class<?> module, String function, Object... args) {
        return spawn(new ModuleCall(module, function, args.clone()));
    }

    /**
     * Runs {@code body} in a new process of this node, waits for it and returns its result, or
     * throws what it threw. For launchers and tests that need to be a process for a while.
     */
    public <T> T runProcess(Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        spawn(new ProcessCall<>(body, result));
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw (Error) e.getCause();
        }
    }

    /** The body of {@link #asProcess}: what it throws, besides unchecked exceptions, is {@code X}. */
    @FunctionalInterface
    public interface ProcessBody<T, X extends Exception> {
        T call() throws X;
    }

    /**
     * Runs {@code body} as a process: in the caller, if it is one, else in a new process of this
     * node ({@link #runProcess}), for APIs that act from a process and may be called from a
     * launcher or a test. What {@code body} throws comes out as it is.
     */
    @SuppressWarnings("unchecked")
    public <T, X extends Exception> T asProcess(ProcessBody<T, X> body) throws X {
        if (Proc.inProcess()) {
            return body.call();
        }
        try {
            return runProcess(body::call);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a process of " + name, e);
        } catch (Exception e) {
            throw (X) e; // runProcess rethrows what body threw: an unchecked exception or an X
        }
    }

    /**
     * Creates a process, linked to {@code linkTo} if not null; the caller starts it. It prints
     * where {@code parent} (the spawning process, or null) prints, and belongs to its group.
     */
    ProcessCell spawnCell(ProcessFunction body, ProcessCell parent, ProcessCell linkTo) {
        Objects.requireNonNull(body, "body");
        if (stopped) {
            throw new IllegalStateException("node " + name + " is stopped: it spawns no more processes");
        }
        ProcessCell cell = new ProcessCell(this, pids.incrementAndGet(), body, parent, output);
        processes.add(cell.pid);
        if (stopped) { // read after the add: a stop that missed this cell in its copy of the table is seen here
            processes.remove(cell.pid);
            throw new IllegalStateException("node " + name + " is stopped: it spawns no more processes");
        }
        if (linkTo != null) {
            linkTo.linkUnstarted(cell);
        }
        return cell;
    }

    Thread newThread(Runnable r) {
        return threads.newThread(r);
    }

    Ref newRef() {
        return new Ref(index, refs.incrementAndGet());
    }

    void removeProcess(ProcessCell cell) {
        processes.remove(cell.pid);
    }

    // ---- messages and names ----

    /** Sends a message; one to a process that has died is dropped. */
    public void send(Pid to, Object message) {
        Proc.send(to, message);
    }

    /** Sends a message to the process registered as {@code name}, which must exist. */
    public void send(String name, Object message) {
        whereisCell(name, "send").deliver(Objects.requireNonNull(message, "message"));
    }

    ProcessCell whereisCell(String name, String operation) {
        ProcessCell cell = registry.whereis(name);
        if (cell == null) {
            throw new IllegalArgumentException(operation + ": no process is registered as \"" + name + "\" on node " + this.name);
        }
        return cell;
    }

    public Optional<Pid> whereis(String name) {
        ProcessCell cell = registry.whereis(name);
        return cell == null ? Optional.empty() : Optional.of(cell.pid);
    }

    public List<String> registered() {
        return registry.registered();
    }

    // ---- inspection ----

    /** The live processes, in pid order. */
    public List<Pid> processes() {
        return processes.stream().sorted().toList();
    }

    /** How many processes are alive. */
    public int processCount() {
        return processes.size();
    }

    public Optional<ProcessInfo> info(Pid pid) {
        return Optional.ofNullable(pid.cell.info());
    }

    /**
     * The group leader of a live process (see {@link Proc#groupLeader(Pid, Pid)}); empty if it
     * has none or has died. Any thread; one volatile read, for scans over many processes.
     */
    public Optional<Pid> groupLeader(Pid pid) {
        return pid.cell.isAlive() ? Optional.ofNullable(pid.cell.groupLeader) : Optional.empty();
    }

    /**
     * Sends {@code pid} an exit signal from the node itself rather than from a process, as the
     * code server does when a purge kills the processes still running old code. With
     * {@link Reason#KILL} it cannot be trapped; a trapped one arrives as {@code Exit(null, reason)}.
     */
    public void exit(Pid pid, Object reason) {
        pid.cell.exitSignal(null, Objects.requireNonNull(reason, "reason"));
    }

    /** Waits for {@code pid} to finish dying; true if it did within {@code timeout}. */
    public boolean join(Pid pid, Duration timeout) throws InterruptedException {
        return awaitEnd(pid, System.nanoTime() + timeout.toNanos());
    }

    /**
     * Waits until the process's thread has ended. A process in the table whose spawner has not
     * started it yet is waited for until it starts (the spawner is between two lines) or leaves
     * the table (its spawn failed because the node stopped).
     */
    private boolean awaitEnd(Pid pid, long deadline) throws InterruptedException {
        Thread t = pid.cell.thread();
        while (t.getState() == Thread.State.NEW) {
            if (!processes.contains(pid)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        long left = deadline - System.nanoTime();
        return left > 0 ? t.join(Duration.ofNanos(left)) : !t.isAlive();
    }

    /**
     * The stack of a live process, innermost frame first (Erlang's
     * {@code process_info(Pid, current_stacktrace)}); empty once it has died. Frames of a loaded
     * module version name its class loader, {@code module@vsn}. Costs a stack walk of the
     * process's thread: tens of microseconds.
     */
    public StackTraceElement[] stackTrace(Pid pid) {
        return pid.cell.isAlive() ? pid.cell.thread().getStackTrace() : new StackTraceElement[0];
    }

    /**
     * The processes that run code of classes defined by {@code loader}: a frame of their stack
     * belongs to such a class (they execute it, a call out of it has not returned, or they run a
     * lambda defined in it). Each process walks its own stack at its next runtime call — a
     * waiting one is woken for it — so the walks run in parallel on the carriers; a process that
     * has not answered within {@code patience} (busy outside any runtime call, or blocked in I/O)
     * has its stack read from outside, which matches frames by the loader's name.
     *
     * @param loader a named class loader, such as a module version's
     */
    public List<Pid> runningCodeOf(ClassLoader loader, Duration patience) throws InterruptedException {
        ProcessCell self = ProcessCell.current();
        List<ProcessCell> cells = new ArrayList<>(processes.size());
        for (Pid p : processes) {
            if (p.cell != self) {
                cells.add(p.cell);
            }
        }
        List<Pid> found = new ArrayList<>();
        List<ProcessCell> toAsk = new ArrayList<>();
        for (ProcessCell c : cells) {
            Boolean known = c.cachedRuns(loader);
            if (known == null) {
                toAsk.add(c);
            } else if (known) {
                found.add(c.pid);
            }
        }
        CountDownLatch answered = new CountDownLatch(toAsk.size());
        StackQuery[] asked = new StackQuery[toAsk.size()];
        for (int i = 0; i < asked.length; i++) {
            asked[i] = new StackQuery(loader, answered);
            toAsk.get(i).postQuery(asked[i]);
        }
        answered.await(patience.toNanos(), TimeUnit.NANOSECONDS);
        for (int i = 0; i < asked.length; i++) {
            boolean runs = asked[i].answered() ? asked[i].runs() : stackNames(toAsk.get(i), loader.getName());
            if (runs) {
                found.add(toAsk.get(i).pid);
            }
        }
        if (self != null && ownStackHas(loader)) {
            found.add(self.pid);
        }
        return found;
    }

    /** {@link #runningCodeOf} for one process. */
    public boolean runsCodeOf(Pid pid, ClassLoader loader, Duration patience) throws InterruptedException {
        ProcessCell cell = pid.cell;
        if (cell == ProcessCell.current()) {
            return ownStackHas(loader);
        }
        Boolean known = cell.cachedRuns(loader);
        if (known != null) {
            return known;
        }
        CountDownLatch answered = new CountDownLatch(1);
        StackQuery q = new StackQuery(loader, answered);
        cell.postQuery(q);
        answered.await(patience.toNanos(), TimeUnit.NANOSECONDS);
        return q.answered() ? q.runs() : stackNames(cell, loader.getName());
    }

    private static boolean ownStackHas(ClassLoader loader) {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.anyMatch(f -> f.getDeclaringClass().getClassLoader() == loader));
    }

    private static boolean stackNames(ProcessCell cell, String loaderName) {
        if (!cell.isAlive()) {
            return false;
        }
        for (StackTraceElement f : cell.thread().getStackTrace()) {
            if (loaderName.equals(f.getClassLoaderName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The node's single instance of a service built on it, such as its code server, made by
     * {@code factory} on first use. Lets packages above this one keep per-node state without
     * this package knowing them.
     */
    public <T> T service(Class<T> type, Function<Node, ? extends T> factory) {
        return type.cast(services.computeIfAbsent(type, k -> new Service<>(factory)).get(this));
    }

    /**
     * A service made once, under its own lock rather than the map's: a factory may start
     * processes that use other services of the node (an application controller's process
     * finding the code server) without waiting on the map.
     */
    private static final class Service<T> {
        private Function<Node, ? extends T> factory;
        private T instance;

        Service(Function<Node, ? extends T> factory) {
            this.factory = factory;
        }

        synchronized T get(Node node) {
            if (instance == null) {
                instance = factory.apply(node);
                factory = null;
            }
            return instance;
        }
    }

    /** Sets where processes spawned from outside any process print (see {@link Io}). */
    public void output(PrintStream out) {
        this.output = Objects.requireNonNull(out, "out");
    }

    /** Where processes spawned from outside any process print. */
    public PrintStream output() {
        return output;
    }

    // ---- stopping ----

    /**
     * Stops the node: kills every process (links and monitors see {@code killed}), waits up to
     * {@code timeout} for them to finish, and stops the timers. Spawning afterwards fails.
     *
     * @return true if every process finished within the timeout
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopped = true;
        List<Pid> live = List.copyOf(processes);
        for (Pid p : live) {
            p.cell.exitSignal(null, Reason.KILL);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (Pid p : live) {
            if (!awaitEnd(p, deadline)) {
                all = false;
            }
        }
        timers.shutdown();
        return all;
    }

    /** Whether {@link #stop} has been called: the node is stopping or stopped. */
    public boolean isStopped() {
        return stopped;
    }

    /** {@link #stop} with a 10 second timeout. */
    @Override
    public void close() {
        try {
            stop(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Node[" + name + "]";
    }
}
