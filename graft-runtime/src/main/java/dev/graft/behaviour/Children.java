package dev.graft.behaviour;

import dev.graft.process.Pid;
import java.util.List;
import java.util.Optional;

/**
 * A supervisor's children and what its requests and its children's exits do to them: Erlang's
 * {@code #state.children} with the strategies one_for_one, one_for_all and rest_for_one
 * ({@link StaticChildren}), or {@code #state.dynamics} under simple_one_for_one
 * ({@link DynamicChildren}). Each answers a request the way OTP does for its kind, including
 * the requests its kind refuses.
 *
 * <p>Written only by the supervisor's own process. Readable from any thread: {@link
 * dev.graft.sys.Sys#getState} hands the supervisor's state out, so each implementation keeps
 * its children where a reader on another thread sees a consistent, if possibly stale, view.
 */
sealed interface Children permits StaticChildren, DynamicChildren {

    // ---- requests (see Supervisor for their answers) ----

    StartResult startChild(ChildSpec spec);

    StartResult startChild(List<Object> extraArgs);

    Optional<SupervisorError> terminateChild(Object idOrPid);

    StartResult restartChild(Object id);

    Optional<SupervisorError> deleteChild(Object id);

    Optional<ChildSpec> childSpec(Object idOrPid);

    /** Newest first. */
    List<Supervisor.Child> which();

    Supervisor.Counts count();

    // ---- exits, restarts, shutdown, code change ----

    /**
     * A child (or any linked process) exited: restarts it if its restart type says so, as the
     * strategy says. A failed restart is tried again later, through a cast the supervisor sends
     * itself, so that requests already waiting are answered first.
     *
     * @return false if the restart went over the supervisor's restart intensity: the
     *         supervisor must stop, with reason {@code shutdown}
     */
    boolean exited(Pid pid, Object reason, SupervisorState supervisor);

    /** Tries again a restart that failed; {@code key} is what the retry's cast carries. Returns as {@link #exited}. */
    boolean tryAgain(Object key, SupervisorState supervisor);

    /** Stops every child, in reverse start order: the supervisor is stopping. */
    void terminateAll();

    /** Takes the specs of a code change, already checked for this kind of children. Starts and stops nothing. */
    void update(List<ChildSpec> specs);
}
