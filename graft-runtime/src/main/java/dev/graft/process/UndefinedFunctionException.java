package dev.graft.process;

/**
 * Erlang's {@code undef}: a process was spawned to run a module function that does not exist,
 * or does not accept the arguments given. The process dies with this as its reason.
 */
public final class UndefinedFunctionException extends RuntimeException {
    public UndefinedFunctionException(String module, String function, int arity) {
        super("undefined function " + module + "." + function + "/" + arity
                + ": no public static method of that name takes " + arity + " argument(s) of the types given");
    }
}
