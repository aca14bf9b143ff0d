package dev.graft.application;

import dev.graft.term.Atom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why an application could not be loaded, started, stopped or told of a config change: the
 * {@code Reason} of OTP's {@code {error, Reason}}, one record per shape. Each prints as the term
 * OTP 25 returns (checked with {@code erl}), names as atoms: {@code {not_started,kv}},
 * {@code {nope,{'kv.KvApp',start,[normal,[]]}}}.
 */
public sealed interface ApplicationError {

    /** {@code {already_loaded, App}}: a load of an application that is loaded. */
    record AlreadyLoaded(String app) implements ApplicationError {
        @Override
        public String toString() {
            return tuple("already_loaded", Atom.of(app));
        }
    }

    /** {@code {not_loaded, App}}: an unload of an application that is not loaded. */
    record NotLoaded(String app) implements ApplicationError {
        @Override
        public String toString() {
            return tuple("not_loaded", Atom.of(app));
        }
    }

    /** {@code {running, App}}: an unload of an application that is running or starting. */
    record Running(String app) implements ApplicationError {
        @Override
        public String toString() {
            return tuple("running", Atom.of(app));
        }
    }

    /** {@code {already_started, App}}: a start of an application that is running. */
    record AlreadyStarted(String app) implements ApplicationError {
        @Override
        public String toString() {
            return tuple("already_started", Atom.of(app));
        }
    }

    /**
     * {@code {not_started, App}}: a start of an application one of whose {@code applications}
     * was never started, or a stop of an application that is not started.
     */
    record NotStarted(String app) implements ApplicationError {
        @Override
        public String toString() {
            return tuple("not_started", Atom.of(app));
        }
    }

    /**
     * {@code {not_running, App}}: a start of an application one of whose {@code applications}
     * was started and has ended by itself (a temporary application: it stays started, so
     * OTP tells the two apart).
     */
    record NotRunning(String app) implements ApplicationError {
        @Override
        public String toString() {
            return tuple("not_running", Atom.of(app));
        }
    }

    /**
     * {@code {Reason, File}}: the {@code .app} file could not be found or read, e.g.
     * {@code {"no such file or directory","kv.app"}}.
     */
    record FileError(String reason, String file) implements ApplicationError {
        static final String NOT_FOUND = "no such file or directory";

        @Override
        public String toString() {
            return tuple(quoted(reason), quoted(file));
        }
    }

    /**
     * {@code {Reason, {Mod, start, [Type, Args]}}}: the callback's {@link Application#start}
     * returned {@link Application.Start#error}.
     */
    record CallbackError(Object reason, CallbackCall call) implements ApplicationError {
        @Override
        public String toString() {
            return tuple(reason, call);
        }
    }

    /**
     * {@code {bad_return, {{Mod, Function, Args}, Value}}}: a callback returned what it may not
     * (null), or threw ({@code value} is the exception, where OTP has {@code {'EXIT', Reason}});
     * a callback module that is not loaded, or is no {@link Application}, throws
     * {@code undef}.
     */
    record BadReturn(CallbackCall call, Object value) implements ApplicationError {
        @Override
        public String toString() {
            return tuple("bad_return", tuple(call, value));
        }
    }

    /** {@code {App, Reason}}: what {@link ApplicationController#ensureAllStarted} says of the application that failed. */
    record Failed(String app, ApplicationError reason) implements ApplicationError {
        @Override
        public String toString() {
            return tuple(Atom.of(app), reason);
        }
    }

    /** {@code {module_not_defined, App}}: the environment of a running application without {@code mod} changed. */
    record ModuleNotDefined(String app) implements ApplicationError {
        @Override
        public String toString() {
            return tuple("module_not_defined", Atom.of(app));
        }
    }

    /** {@code [Error]}: the applications whose {@link Application#configChange} failed, each error once. */
    record ConfigChangeFailed(List<ApplicationError> errors) implements ApplicationError {
        public ConfigChangeFailed {
            errors = List.copyOf(errors);
        }

        @Override
        public String toString() {
            return list(errors);
        }
    }

    /**
     * The reason an application master exited with while it started its application, when it
     * was none of the above: it was killed, or its node is stopping.
     */
    record Exited(Object reason) implements ApplicationError {
        @Override
        public String toString() {
            return String.valueOf(reason);
        }
    }

    /** A call of a callback as errors name it: {@code {Mod, Function, Args}}. */
    record CallbackCall(String module, String function, List<Object> args) {
        public CallbackCall {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return tuple(Atom.of(module), Atom.of(function), list(args));
        }
    }

    /** Erlang's printing of a tuple of these elements: {@code {a,b}}. */
    private static String tuple(Object... elements) {
        return Arrays.stream(elements).map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** Erlang's printing of a list: {@code [a,b]}. */
    private static String list(List<?> elements) {
        return elements.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
