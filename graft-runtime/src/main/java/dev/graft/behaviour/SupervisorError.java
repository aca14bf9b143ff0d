package dev.graft.behaviour;

import java.util.List;

/**
 * Why a supervisor refused a request or could not start: the {@code Reason} of Erlang's
 * {@code {error, Reason}}, one record per OTP reason, printed as OTP prints it. The other
 * reason a supervisor gives, {@code {already_started, Pid}}, is {@link StartResult.AlreadyStarted},
 * which a start under a taken name gives too.
 */
public sealed interface SupervisorError {

    // ---- child operations ----

    /** startChild: a child with the spec's id exists and is not running. */
    record AlreadyPresent() implements SupervisorError {
        @Override
        public String toString() {
            return "already_present";
        }
    }

    /** restartChild, deleteChild: the child runs. */
    record Running() implements SupervisorError {
        @Override
        public String toString() {
            return "running";
        }
    }

    /** restartChild, deleteChild: the child's restart failed and the supervisor is trying again. */
    record Restarting() implements SupervisorError {
        @Override
        public String toString() {
            return "restarting";
        }
    }

    /** No child has this id (or, under simple_one_for_one, this pid). */
    record NotFound() implements SupervisorError {
        @Override
        public String toString() {
            return "not_found";
        }
    }

    /**
     * A request a simple_one_for_one supervisor does not take: restart or delete a child, name
     * a child by id rather than pid, or start a child from a spec rather than extra arguments.
     */
    record SimpleOneForOne() implements SupervisorError {
        @Override
        public String toString() {
            return "simple_one_for_one";
        }
    }

    /** startChild: the child's start failed with {@code reason}; the spec was dropped. OTP's {@code {Reason, Child}}. */
    record StartFailed(Object reason, ChildSpec spec) implements SupervisorError {
        @Override
        public String toString() {
            return "{" + reason + "," + spec + "}";
        }
    }

    // ---- child specs: each names the bad field and its value ----

    /** Not a child spec: a null in the list, or startChild's extra arguments for a supervisor that takes specs. */
    record InvalidChildSpec(Object value) implements SupervisorError {
        @Override
        public String toString() {
            return "{invalid_child_spec," + value + "}";
        }
    }

    record MissingId() implements SupervisorError {
        @Override
        public String toString() {
            return "missing_id";
        }
    }

    record MissingStart() implements SupervisorError {
        @Override
        public String toString() {
            return "missing_start";
        }
    }

    record InvalidRestartType(Object value) implements SupervisorError {
        @Override
        public String toString() {
            return "{invalid_restart_type," + value + "}";
        }
    }

    record InvalidChildType(Object value) implements SupervisorError {
        @Override
        public String toString() {
            return "{invalid_child_type," + value + "}";
        }
    }

    /** A null shutdown, or a timeout below 0 ms. */
    record InvalidShutdown(Object value) implements SupervisorError {
        @Override
        public String toString() {
            return "{invalid_shutdown," + value + "}";
        }
    }

    record InvalidModules(Object value) implements SupervisorError {
        @Override
        public String toString() {
            return "{invalid_modules," + value + "}";
        }
    }

    /** A null or blank module name. */
    record InvalidModule(Object value) implements SupervisorError {
        @Override
        public String toString() {
            return "{invalid_module," + value + "}";
        }
    }

    /** Two specs of one list have the same id. */
    record DuplicateChildName(Object id) implements SupervisorError {
        @Override
        public String toString() {
            return "{duplicate_child_name," + id + "}";
        }
    }

    // ---- flags ----

    /** A null strategy; or, in a code change, a change to or from simple_one_for_one, which OTP leaves broken. */
    record InvalidStrategy(Object value) implements SupervisorError {
        @Override
        public String toString() {
            return "{invalid_strategy," + value + "}";
        }
    }

    /** An intensity below 0. */
    record InvalidIntensity(Object value) implements SupervisorError {
        @Override
        public String toString() {
            return "{invalid_intensity," + value + "}";
        }
    }

    /** A period below 1 second. */
    record InvalidPeriod(Object value) implements SupervisorError {
        @Override
        public String toString() {
            return "{invalid_period," + value + "}";
        }
    }

    // ---- a supervisor that does not start ----

    /** Inside {@link ShutdownReason}: the child {@code id} failed to start, and its elder siblings were stopped. */
    record FailedToStartChild(Object id, Object reason) implements SupervisorError {
        @Override
        public String toString() {
            return "{failed_to_start_child," + id + "," + reason + "}";
        }
    }

    /** init gave flags that are not valid. */
    record SupervisorData(SupervisorError error) implements SupervisorError {
        @Override
        public String toString() {
            return "{supervisor_data," + error + "}";
        }
    }

    /** init gave a child spec that is not valid. */
    record StartSpec(SupervisorError error) implements SupervisorError {
        @Override
        public String toString() {
            return "{start_spec," + error + "}";
        }
    }

    /** A simple_one_for_one init (or code change) gave other than exactly one child spec. */
    record BadStartSpec(List<ChildSpec> specs) implements SupervisorError {
        @Override
        public String toString() {
            return "{bad_start_spec," + specs + "}";
        }
    }

    /** init returned {@code value} (null) instead of an {@link Supervisor.Init}. */
    record BadReturn(String module, Object value) implements SupervisorError {
        @Override
        public String toString() {
            return "{bad_return,{" + module + ",init," + value + "}}";
        }
    }
}
