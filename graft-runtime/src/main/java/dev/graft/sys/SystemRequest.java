package dev.graft.sys;

import java.util.function.UnaryOperator;

/** The requests of the sys protocol, each answered by {@link Sys#handleSystemMessage}. */
public sealed interface SystemRequest {
    record Suspend() implements SystemRequest {
        @Override
        public String toString() {
            return "suspend";
        }
    }

    record Resume() implements SystemRequest {
        @Override
        public String toString() {
            return "resume";
        }
    }

    /** {@code {change_code, Module, OldVsn, Extra}}; answered only while suspended. */
    record ChangeCode(String module, Object oldVsn, Object extra) implements SystemRequest {
        @Override
        public String toString() {
            return "{change_code," + module + "," + oldVsn + "," + extra + "}";
        }
    }

    record GetState() implements SystemRequest {
        @Override
        public String toString() {
            return "get_state";
        }
    }

    record ReplaceState(UnaryOperator<Object> function) implements SystemRequest {
        @Override
        public String toString() {
            return "{replace_state," + function + "}";
        }
    }

    record GetStatus() implements SystemRequest {
        @Override
        public String toString() {
            return "get_status";
        }
    }

    record Terminate(Object reason) implements SystemRequest {
        @Override
        public String toString() {
            return "{terminate," + reason + "}";
        }
    }

    /** Part of a {@link CodeChangeBatch}: prepare the change and hold it until the batch decides. */
    record PrepareCodeChange(CodeChangeBatch batch, int index) implements SystemRequest {
        @Override
        public String toString() {
            return "{prepare_code_change," + batch + "}";
        }
    }

    /** Tells a process holding a prepared change that its batch has decided. */
    record Nudge() implements SystemRequest {
        @Override
        public String toString() {
            return "nudge";
        }
    }
}
