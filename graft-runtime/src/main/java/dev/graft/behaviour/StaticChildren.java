package dev.graft.behaviour;

import dev.graft.behaviour.ChildSpec.Restart;
import dev.graft.behaviour.SupervisorError.AlreadyPresent;
import dev.graft.behaviour.SupervisorError.InvalidChildSpec;
import dev.graft.behaviour.SupervisorError.NotFound;
import dev.graft.behaviour.SupervisorError.Running;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The children of a one_for_one, one_for_all or rest_for_one supervisor: one entry per spec,
 * in start order. Children start in that order and stop in the reverse order.
 *
 * <p>{@link #entries} is an immutable list, replaced at each change by the supervisor's
 * process alone (a volatile write), so a reader on any thread sees one whole list. A
 * supervisor has few static children: each change copies the list.
 */
final class StaticChildren implements Children {
    /**
     * A child: its spec, its pid while it runs (else null), and whether its restart failed and
     * is to be tried again (OTP's {@code {restarting, Pid}}; the pid is then null).
     */
    record Entry(ChildSpec spec, Pid pid, boolean restarting) {
        Object id() {
            return spec.id();
        }

        Entry running(Pid p) {
            return new Entry(spec, p, false);
        }

        Entry stopped() {
            return new Entry(spec, null, false);
        }

        Entry toRestart() {
            return new Entry(spec, null, true);
        }
    }

    /** A child that failed to start, and why. */
    record Failed(Object id, Object reason) {}

    private volatile List<Entry> entries;

    /** The children of {@code specs}, checked, none started yet. */
    StaticChildren(List<ChildSpec> specs) {
        entries = specs.stream().map(s -> new Entry(s, null, false)).toList();
    }

    /** Starts every child, in order, as the supervisor starts; stops at the first that fails and returns it. */
    Optional<Failed> startAll() {
        return start(entries);
    }

    // ---- requests ----

    @Override
    public StartResult startChild(ChildSpec spec) {
        Optional<SupervisorError> bad = ChildSpecCheck.spec(spec);
        if (bad.isPresent()) {
            return new StartResult.Error(bad.get());
        }
        Entry old = byId(spec.id());
        if (old != null) {
            return new StartResult.Error(old.pid() != null ? new StartResult.AlreadyStarted(old.pid()) : new AlreadyPresent());
        }
        StartResult result = ChildProcess.start(spec, List.of());
        switch (result) {
            case StartResult.Ok ok -> append(new Entry(spec, ok.pid(), false));
            case StartResult.Ignore i -> {
                if (spec.restart() != Restart.TEMPORARY) {
                    append(new Entry(spec, null, false));
                }
            }
            case StartResult.Error(StartResult.AlreadyStarted taken) -> {} // the child's own name was taken: as it is
            case StartResult.Error e -> {
                return new StartResult.Error(new SupervisorError.StartFailed(e.reason(), spec));
            }
        }
        return result;
    }

    @Override
    public StartResult startChild(List<Object> extraArgs) {
        return new StartResult.Error(new InvalidChildSpec(extraArgs));
    }

    @Override
    public Optional<SupervisorError> terminateChild(Object id) {
        Entry e = byId(id);
        if (e == null) {
            return Optional.of(new NotFound());
        }
        stop(e);
        forget(e);
        return Optional.empty();
    }

    @Override
    public StartResult restartChild(Object id) {
        Entry e = byId(id);
        Optional<SupervisorError> notStopped = notStopped(e);
        if (notStopped.isPresent()) {
            return new StartResult.Error(notStopped.get());
        }
        StartResult result = ChildProcess.start(e.spec(), List.of());
        if (result instanceof StartResult.Ok ok) {
            put(e.running(ok.pid()));
        }
        return result;
    }

    @Override
    public Optional<SupervisorError> deleteChild(Object id) {
        Optional<SupervisorError> notStopped = notStopped(byId(id));
        if (notStopped.isEmpty()) {
            remove(id);
        }
        return notStopped;
    }

    /** Why a child cannot be restarted or deleted, if it cannot. */
    private static Optional<SupervisorError> notStopped(Entry e) {
        if (e == null) {
            return Optional.of(new NotFound());
        }
        if (e.restarting()) {
            return Optional.of(new SupervisorError.Restarting());
        }
        return e.pid() != null ? Optional.of(new Running()) : Optional.empty();
    }

    @Override
    public Optional<ChildSpec> childSpec(Object id) {
        return Optional.ofNullable(byId(id)).map(Entry::spec);
    }

    @Override
    public List<Supervisor.Child> which() {
        return entries.reversed().stream()
                .map(e -> new Supervisor.Child(e.id(), e.pid(), e.restarting(), e.spec().type(), e.spec().modules()))
                .toList();
    }

    @Override
    public Supervisor.Counts count() {
        int active = 0;
        int supervisors = 0;
        List<Entry> now = entries;
        for (Entry e : now) {
            if (e.pid() != null && Proc.isAlive(e.pid())) {
                active++;
            }
            if (e.spec().type() == ChildSpec.Type.SUPERVISOR) {
                supervisors++;
            }
        }
        return new Supervisor.Counts(now.size(), active, supervisors, now.size() - supervisors);
    }

    // ---- exits and restarts ----

    @Override
    public boolean exited(Pid pid, Object reason, SupervisorState supervisor) {
        Entry e = entries.stream().filter(x -> pid.equals(x.pid())).findFirst().orElse(null);
        if (e == null) {
            return true; // not a child, or one that was stopped already
        }
        Restart restart = e.spec().restart();
        if (restart.reports(reason)) {
            ChildProcess.report("child_terminated", reason, e.spec(), pid);
        }
        if (!restart.restartsAfter(reason)) {
            forget(e);
            return true;
        }
        return restart(e, supervisor);
    }

    @Override
    public boolean tryAgain(Object id, SupervisorState supervisor) {
        Entry e = byId(id);
        return e == null || !e.restarting() || restart(e, supervisor);
    }

    /**
     * Restarts a child that ended (or whose restart failed) and, by the strategy, its siblings:
     * Erlang's {@code restart/2,3}. A child that fails to start is marked restarting, and the
     * restart is tried again through a cast.
     */
    private boolean restart(Entry e, SupervisorState supervisor) {
        if (!supervisor.restartAllowed(e.spec(), e.pid())) {
            forget(e);
            return false;
        }
        Entry ended = e.stopped();
        put(ended);
        Optional<Failed> failed = switch (supervisor.flags().strategy()) {
            case ONE_FOR_ONE -> start(List.of(ended));
            case REST_FOR_ONE -> start(terminate(fromId(ended.id())));
            case ONE_FOR_ALL -> start(terminate(entries));
            case SIMPLE_ONE_FOR_ONE -> throw new IllegalStateException("static children under simple_one_for_one");
        };
        failed.ifPresent(f -> {
            put(byId(f.id()).toRestart());
            GenServer.cast(Proc.self(), new SupervisorServer.TryAgain(f.id()));
        });
        return true;
    }

    /**
     * Starts the given children in order (Erlang's {@code start_children}) up to the first that
     * fails, which is returned; the ones after it stay not running. A temporary child that
     * ignores its start is dropped.
     */
    private Optional<Failed> start(List<Entry> which) {
        for (Entry e : which) {
            switch (ChildProcess.start(e.spec(), List.of())) {
                case StartResult.Ok ok -> put(e.running(ok.pid()));
                case StartResult.Ignore i -> {
                    if (e.spec().restart() == Restart.TEMPORARY) {
                        remove(e.id());
                    }
                }
                case StartResult.Error err -> {
                    ChildProcess.report("start_error", err.reason(), e.spec(), null);
                    return Optional.of(new Failed(e.id(), err.reason()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Stops the given children in reverse start order (Erlang's {@code terminate_children}): a
     * temporary one is dropped, the others stay, not running. Returns those, in start order.
     */
    private List<Entry> terminate(List<Entry> which) {
        List<Entry> kept = new ArrayList<>();
        for (Entry e : which.reversed()) {
            stop(e);
            if (e.spec().restart() == Restart.TEMPORARY) {
                remove(e.id());
            } else {
                put(e.stopped());
                kept.addFirst(e.stopped());
            }
        }
        return kept;
    }

    @Override
    public void terminateAll() {
        terminate(entries);
    }

    /** Stops the child's process if it runs, reporting an unexpected end. */
    private static void stop(Entry e) {
        if (e.pid() != null) {
            ChildProcess.shutdown(List.of(e.pid()), e.spec())
                    .forEach((pid, reason) -> ChildProcess.report("shutdown_error", reason, e.spec(), pid));
        }
    }

    /** A child that ended and is not restarted: a temporary one is dropped, another kept not running. */
    private void forget(Entry e) {
        if (e.spec().restart() == Restart.TEMPORARY) {
            remove(e.id());
        } else {
            put(e.stopped());
        }
    }

    // ---- code change ----

    /**
     * Erlang's {@code update_childspec}: each new spec replaces the old one of its id, keeping
     * its process; new ids come in not running; ids the new list lacks are kept as they are.
     * The order is the new list's, then the kept ones' in their old order.
     */
    @Override
    public void update(List<ChildSpec> specs) {
        List<Entry> merged = new ArrayList<>();
        Set<Object> ids = new HashSet<>();
        for (ChildSpec spec : specs) {
            Entry old = byId(spec.id());
            merged.add(old == null ? new Entry(spec, null, false) : new Entry(spec, old.pid(), old.restarting()));
            ids.add(spec.id());
        }
        entries.stream().filter(e -> !ids.contains(e.id())).forEach(merged::add);
        entries = List.copyOf(merged);
    }

    // ---- the list ----

    private Entry byId(Object id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }

    /** The child of {@code id} and the ones started after it. */
    private List<Entry> fromId(Object id) {
        List<Entry> now = entries;
        int first = 0;
        while (!now.get(first).id().equals(id)) {
            first++;
        }
        return now.subList(first, now.size());
    }

    private void append(Entry e) {
        List<Entry> next = new ArrayList<>(entries);
        next.add(e);
        entries = List.copyOf(next);
    }

    /** Replaces the entry of {@code e}'s id. */
    private void put(Entry e) {
        entries = entries.stream().map(x -> x.id().equals(e.id()) ? e : x).toList();
    }

    private void remove(Object id) {
        entries = entries.stream().filter(x -> !x.id().equals(id)).toList();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
