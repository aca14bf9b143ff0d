package dev.graft.builder;

/**
 * A build that cannot be made, with what was wrong and where (a file, its line and column, an
 * option, a module); nothing was written.
 */
public final class BuildException extends Exception {
    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
