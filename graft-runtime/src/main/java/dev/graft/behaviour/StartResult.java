package dev.graft.behaviour;

import dev.graft.process.Pid;

/**
 * What starting a behaviour process returns: Erlang's {@code {ok, Pid} | ignore | {error,
 * Reason}}.
 */
public sealed interface StartResult {
    /** The process started and runs. */
    record Ok(Pid pid) implements StartResult {
        @Override
        public String toString() {
            return "{ok," + pid + "}";
        }
    }

    /** Its init said ignore: no process runs. */
    record Ignore() implements StartResult {
        @Override
        public String toString() {
            return "ignore";
        }
    }

    /**
     * It did not start: its init stopped or threw ({@code reason} is the stop reason or the
     * exception), or its name was taken ({@link AlreadyStarted}).
     */
    record Error(Object reason) implements StartResult {
        @Override
        public String toString() {
            return "{error," + reason + "}";
        }
    }

    /** The reason of a start whose name another process holds: {@code {already_started, Pid}}. */
    record AlreadyStarted(Pid pid) {
        @Override
        public String toString() {
            return "{already_started," + pid + "}";
        }
    }

    /** The pid of a started process. */
    default Pid pid() {
        return switch (this) {
            case Ok ok -> ok.pid;
            case Ignore i -> throw new StartException(this);
            case Error e -> throw new StartException(this);
        };
    }
}
