package dev.graft.process;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Processes, as Erlang's {@code erlang} module gives them: spawn, send, selective receive,
 * links, monitors, exit signals, registered names and timers. Called from inside a process;
 * each call acts for the calling process ({@link #self()}) on its node. Code outside any
 * process uses {@link Node} instead; {@link #send(Pid, Object)} works anywhere.
 *
 * <p><b>Runtime calls.</b> Every method here that a process calls on its own behalf is a
 * runtime call: a process that an exit signal has told to die throws {@link ProcessExit} from
 * it, and one that {@link #suspendProcess suspendProcess} holds waits in it.
 *
 * <p><b>Timeouts</b> are in milliseconds: 0 looks only at what is already there,
 * {@link #INFINITY} waits for ever.
 *
 * <p>Memory consistency effects: actions in a process before it sends a message
 * <i>happen-before</i> actions of the receiver after it receives that message; the same holds
 * for the signals (exit, link, monitor) and for the messages ({@link Exit}, {@link Down}) they
 * produce.
 */
public final class Proc {
    /** A timeout that never expires. */
    public static final long INFINITY = Long.MAX_VALUE;

    private Proc() {}

    static ProcessCell me(String operation) {
        ProcessCell self = ProcessCell.current();
        if (self == null) {
            throw outsideAnyProcess(operation);
        }
        return self;
    }

    private static IllegalStateException outsideAnyProcess(String operation) {
        return new IllegalStateException("Proc." + operation
                + " was called outside any process; spawn a process, or use the Node's methods");
    }

    /** Whether the caller is a process (rather than a launcher's or a test's own thread). */
    public static boolean inProcess() {
        return ProcessCell.current() != null;
    }

    /** The calling process's pid; also where code runs for a claimed idle process ({@link IdleClaim#runAs}). */
    public static Pid self() {
        ProcessCell self = ProcessCell.identity();
        if (self == null) {
            throw outsideAnyProcess("self");
        }
        return self.pid;
    }

    /** The calling process's node. */
    public static Node node() {
        return me("node").node;
    }

    // ---- spawn ----

    /** Spawns a process that runs {@code body}. */
    public static Pid spawn(ProcessFunction body) {
        ProcessCell self = me("spawn");
        self.checkSignals();
        ProcessCell child = self.node.spawnCell(body, self, null);
        child.start();
        return child.pid;
    }

    /** Spawns a process that runs {@code module.function(args)}, a public static method. */
    public static Pid spawn(Class<?> module, String function, Object... args) {
        return spawn(new ModuleCall(module, function, args.clone()));
    }

    /** Spawns a process linked to the caller; the link exists before the new process runs. */
    public static Pid spawnLink(ProcessFunction body) {
        ProcessCell self = me("spawnLink");
        self.checkSignals();
        ProcessCell child = self.node.spawnCell(body, self, self);
        child.start();
        return child.pid;
    }

    public static Pid spawnLink(Class<?> module, String function, Object... args) {
        return spawnLink(new ModuleCall(module, function, args.clone()));
    }

    /** Spawns a process monitored by the caller; the monitor exists before the new process runs. */
    public static Spawned spawnMonitor(ProcessFunction body) {
        ProcessCell self = me("spawnMonitor");
        self.checkSignals();
        ProcessCell child = self.node.spawnCell(body, self, null);
        Ref ref = self.monitor(child);
        child.start();
        return new Spawned(child.pid, ref);
    }

    public static Spawned spawnMonitor(Class<?> module, String function, Object... args) {
        return spawnMonitor(new ModuleCall(module, function, args.clone()));
    }

    // ---- send and receive ----

    /**
     * Sends {@code message} to {@code to}. Messages from one process to another arrive in the
     * order sent; a message to a process that has died is dropped without error.
     */
    public static void send(Pid to, Object message) {
        Objects.requireNonNull(message, "message");
        ProcessCell self = ProcessCell.current();
        if (self != null) {
            self.checkSignals();
        }
        to.cell.deliver(message);
    }

    /** Sends to the process registered as {@code name} on the caller's node; the name must exist. */
    public static void send(String name, Object message) {
        ProcessCell self = me("send");
        self.checkSignals();
        self.node.whereisCell(name, "send").deliver(Objects.requireNonNull(message, "message"));
    }

    /** Takes the first message in the mailbox, waiting for one if it is empty. */
    public static Object receive() {
        return me("receive").receive(null, -1L);
    }

    /** Takes the first message, or returns null if none comes within {@code timeoutMillis}. */
    public static Object receive(long timeoutMillis) {
        return me("receive").receive(null, nanos(timeoutMillis));
    }

    /**
     * Selective receive: takes the first message that {@code pattern} accepts, leaving the
     * others in the mailbox, in order, for later receives.
     */
    public static Object receive(Predicate<Object> pattern) {
        return me("receive").receive(Objects.requireNonNull(pattern, "pattern"), -1L);
    }

    /** Selective receive with a timeout: null if no matching message comes in time. */
    public static Object receive(Predicate<Object> pattern, long timeoutMillis) {
        return me("receive").receive(Objects.requireNonNull(pattern, "pattern"), nanos(timeoutMillis));
    }

    /** Takes the first message of {@code type}. */
    public static <T> T receive(Class<T> type) {
        return type.cast(me("receive").receive(type::isInstance, -1L));
    }

    /** Takes the first message of {@code type}, or returns null if none comes in time. */
    public static <T> T receive(Class<T> type, long timeoutMillis) {
        return type.cast(me("receive").receive(type::isInstance, nanos(timeoutMillis)));
    }

    /** Waits {@code millis} without taking any message: Erlang's {@code timer:sleep/1}. */
    public static void sleep(long millis) {
        me("sleep").receive(m -> false, nanos(millis));
    }

    /**
     * A runtime call that lets other processes run: for long computations that should stay
     * killable. It gives up the carrier through a timed park, not {@link Thread#yield}: a
     * yielded virtual thread goes back to its carrier's own queue, which its carrier serves
     * before the processes woken from outside (by a timer, a platform thread, another node), so
     * processes that only yield could starve those for ever. Costs a few microseconds.
     */
    public static void yield() {
        ProcessCell self = me("yield");
        self.checkSignals();
        java.util.concurrent.locks.LockSupport.parkNanos(1L);
        self.checkSignals();
    }

    static long nanos(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a timeout must be 0 or more milliseconds, or Proc.INFINITY; got " + millis);
        }
        if (millis == INFINITY) {
            return -1L;
        }
        return TimeUnit.MILLISECONDS.toNanos(millis); // saturates: a timeout of centuries is one
    }

    // ---- links, monitors, exit signals ----

    /**
     * Links the caller and {@code pid}: when one dies, the other receives an exit signal. A link
     * to a process that does not exist gives a caller that traps exits the message
     * {@code Exit(pid, noproc)}; one that does not gets Erlang's error {@code noproc}, a
     * {@link ProcessExit} with reason {@link Reason#NOPROC} that it may catch.
     */
    public static void link(Pid pid) {
        ProcessCell self = me("link");
        self.checkSignals();
        self.link(pid.cell);
    }

    /** Removes the link between the caller and {@code pid}, if any. */
    public static void unlink(Pid pid) {
        ProcessCell self = me("unlink");
        self.checkSignals();
        self.unlink(pid.cell);
    }

    /**
     * Monitors {@code pid}: when it dies, the caller receives one {@link Down} with this ref and
     * the reason. If it is already dead, the {@code Down} (reason {@link Reason#NOPROC}) is sent at once.
     */
    public static Ref monitor(Pid pid) {
        ProcessCell self = me("monitor");
        self.checkSignals();
        return self.monitor(pid.cell);
    }

    /** Turns off a monitor; true if it was still active. A {@code Down} already sent stays in the mailbox. */
    public static boolean demonitor(Ref ref) {
        return demonitor(ref, false);
    }

    /**
     * Turns off a monitor and, with {@code flush}, removes its {@code Down} from the mailbox if it
     * was already delivered: Erlang's {@code demonitor(Ref, [flush])}.
     *
     * @return true if the monitor was still active (no {@code Down} had been sent)
     */
    public static boolean demonitor(Ref ref, boolean flush) {
        ProcessCell self = me("demonitor");
        self.checkSignals();
        boolean active = self.demonitor(ref);
        if (flush && !active) {
            self.receive(m -> m instanceof Down d && d.ref() == ref, 0L);
        }
        return active;
    }

    /**
     * Sets whether exit signals become {@link Exit} messages instead of killing the caller
     * ({@code process_flag(trap_exit, On)}). A signal with reason {@code kill} sent by
     * {@link #exit(Pid, Object)} cannot be trapped.
     *
     * @return the previous setting
     */
    public static boolean trapExit(boolean on) {
        ProcessCell self = me("trapExit");
        self.checkSignals();
        return self.trapExit(on);
    }

    /** Makes the caller exit with {@code reason}; may be caught, as Erlang's {@code exit/1}. */
    public static ProcessExit exit(Object reason) {
        me("exit");
        throw new ProcessExit(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Sends {@code pid} an exit signal. {@link Reason#KILL} kills it whatever it does (links
     * and monitors see {@link Reason#KILLED}); {@link Reason#NORMAL} is ignored unless it traps
     * exits or is the caller; any other reason kills it unless it traps exits, when it becomes
     * an {@link Exit} message.
     */
    public static void exit(Pid pid, Object reason) {
        Objects.requireNonNull(reason, "reason");
        ProcessCell self = me("exit");
        self.checkSignals();
        pid.cell.exitSignal(self.pid, reason);
        self.checkSignals();
    }

    /** Whether {@code pid} is alive. */
    public static boolean isAlive(Pid pid) {
        return pid.cell.isAlive();
    }

    // ---- erlang:suspend_process / resume_process ----

    /**
     * Suspends {@code pid} (Erlang's {@code suspend_process/1}): it stops at its next runtime
     * call until every suspend is taken back. Suspends count; the ones a process made are taken
     * back when it dies. A suspended process still receives messages and can still be killed.
     * Like every Graft signal it takes effect at the target's next runtime call: a process
     * inside a receive takes no further message, one running its own code runs on until it
     * calls the runtime.
     *
     * @throws IllegalArgumentException if the process is the caller or is not alive (Erlang's badarg)
     */
    public static void suspendProcess(Pid pid) {
        ProcessCell self = me("suspendProcess");
        if (pid.cell == self) {
            throw new IllegalArgumentException("suspendProcess: a process cannot suspend itself (" + pid + ")");
        }
        self.checkSignals();
        if (!self.suspend(pid.cell)) {
            throw new IllegalArgumentException("suspendProcess: " + pid + " is not alive");
        }
    }

    /** Takes back one suspend of {@code pid} made by the caller. */
    public static void resumeProcess(Pid pid) {
        ProcessCell self = me("resumeProcess");
        self.checkSignals();
        if (!self.resume(pid.cell)) {
            throw new IllegalArgumentException("resumeProcess: " + pid + " is not alive, or not suspended by " + self.pid);
        }
    }

    // ---- names ----

    /**
     * Registers {@code pid} as {@code name} on the caller's node. Fails if the name is taken, the
     * process already has a name, or it is not alive. The name is released when it dies.
     */
    public static void register(String name, Pid pid) {
        ProcessCell self = me("register");
        self.checkSignals();
        if (pid.cell.node != self.node) {
            throw new IllegalArgumentException("register: " + pid + " runs on node " + pid.cell.node.name()
                    + ", not on " + self.node.name());
        }
        self.node.registry.register(name, pid.cell);
    }

    /** Removes a registered name; fails if no process has it. */
    public static void unregister(String name) {
        ProcessCell self = me("unregister");
        self.checkSignals();
        self.node.registry.unregister(name);
    }

    /** The process registered as {@code name}, if any. */
    public static Optional<Pid> whereis(String name) {
        return me("whereis").node.whereis(name);
    }

    /** The names registered on the caller's node, sorted. */
    public static List<String> registered() {
        return me("registered").node.registered();
    }

    // ---- timers ----

    /** Sends {@code message} to {@code to} after {@code millis}: Erlang's {@code send_after/3}. */
    public static TimerRef sendAfter(long millis, Pid to, Object message) {
        Objects.requireNonNull(message, "message");
        ProcessCell self = me("sendAfter");
        self.checkSignals();
        return self.node.timers.sendAfter(millis, () -> to.cell.deliver(message));
    }

    /**
     * Sends {@code message} to whatever process is registered as {@code name} when the timer
     * fires; nothing happens if none is.
     */
    public static TimerRef sendAfter(long millis, String name, Object message) {
        Objects.requireNonNull(message, "message");
        ProcessCell self = me("sendAfter");
        self.checkSignals();
        Node node = self.node;
        return node.timers.sendAfter(millis, () -> {
            ProcessCell cell = node.registry.whereis(name);
            if (cell != null) {
                cell.deliver(message);
            }
        });
    }

    /**
     * Cancels a timer: Erlang's {@code cancel_timer/1}.
     *
     * @return the milliseconds that were left, or empty if it had already fired or been cancelled
     */
    public static OptionalLong cancelTimer(TimerRef timer) {
        ProcessCell self = me("cancelTimer");
        self.checkSignals();
        return self.node.timers.cancel(timer);
    }

    // ---- groups ----

    /**
     * The caller's group leader: Erlang's {@code group_leader()}. A process belongs to the
     * group of the process that spawned it, until it is moved; an application master leads the
     * group of its application's processes. Empty for a process spawned from outside any process
     * and never moved. (Where a process prints is {@link Io}'s, apart from this.)
     */
    public static Optional<Pid> groupLeader() {
        ProcessCell self = me("groupLeader");
        self.checkSignals();
        return Optional.ofNullable(self.groupLeader);
    }

    /**
     * Makes {@code leader} the group leader of {@code pid}: Erlang's {@code group_leader/2}.
     * Processes {@code pid} spawns from then on belong to that group too; the ones it spawned
     * before stay where they are.
     *
     * @throws IllegalArgumentException if {@code pid} is not alive (Erlang's badarg)
     */
    public static void groupLeader(Pid leader, Pid pid) {
        Objects.requireNonNull(leader, "leader");
        ProcessCell self = me("groupLeader");
        self.checkSignals();
        if (!pid.cell.isAlive()) {
            throw new IllegalArgumentException("groupLeader: " + pid + " is not alive");
        }
        pid.cell.groupLeader = leader;
    }

    // ---- inspection ----

    /** A snapshot of {@code pid}, or empty if it is not alive: Erlang's {@code process_info/1}. */
    public static Optional<ProcessInfo> info(Pid pid) {
        return Optional.ofNullable(pid.cell.info());
    }

    /** The live processes of the caller's node. */
    public static List<Pid> processes() {
        return me("processes").node.processes();
    }
}
