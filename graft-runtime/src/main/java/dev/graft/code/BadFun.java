package dev.graft.code;

/**
 * Erlang's {@code badfun}: a lambda (or a method reference to a module's own code) was called
 * after the module version that made it was purged, while no version of that module with a
 * byte-identical binary is loaded. It is thrown before the lambda's body runs; the lambda's
 * frame in the stack trace says which lambda it was. A process that does not catch it dies with
 * it as its exit reason.
 */
public final class BadFun extends RuntimeException {
    private final String module;
    private final String vsn;

    BadFun(String module, String vsn) {
        super("badfun: a lambda of " + module + "@" + vsn + ", purged");
        this.module = module;
        this.vsn = vsn;
    }

    /** The module whose purged version made the lambda. */
    public String module() {
        return module;
    }

    /** That version's {@link ModuleVersion#vsn() vsn}. */
    public String vsn() {
        return vsn;
    }
}
