package dev.graft.release;

import dev.graft.term.Terms;
import java.util.Optional;

/**
 * systools would refuse to make the relup: an appup instruction its rules reject, an appup
 * with no script for a version, or a release whose applications cannot be ordered. No relup
 * is made.
 *
 * <p>{@link #reason()} is the term systools gives for the same input ({@code {undef_module, M}},
 * {@code too_many_point_of_no_return}, ...), the reason of its {@code {error, Module, Reason}};
 * where the fault is in an application's script, {@link #application()} names the application
 * and {@link #instruction()} the instruction.
 */
public final class RelupException extends RuntimeException {
    private final transient Object reason;
    private final String application;
    private final transient AppupInstruction instruction;

    RelupException(Object reason, Step step, String explanation) {
        this(reason, step.application(), step.instruction(), explanation);
    }

    RelupException(Object reason, String application, AppupInstruction instruction, String explanation) {
        super(message(reason, application, instruction, explanation));
        this.reason = reason;
        this.application = application;
        this.instruction = instruction;
    }

    private RelupException(String context, RelupException cause) {
        super(context + ": " + cause.getMessage());
        this.reason = cause.reason;
        this.application = cause.application;
        this.instruction = cause.instruction;
    }

    /** The same refusal, its message led by where it arose, such as {@code upgrade from release 1}. */
    RelupException in(String context) {
        return new RelupException(context, this);
    }

    /** The reason term systools gives, such as {@code {undef_module, 'kv.KvStats'}}. */
    public Object reason() {
        return reason;
    }

    /** The application whose script holds the fault, if the fault is in one. */
    public Optional<String> application() {
        return Optional.ofNullable(application);
    }

    /** The instruction at fault, if one is. */
    public Optional<AppupInstruction> instruction() {
        return Optional.ofNullable(instruction);
    }

    private static String message(Object reason, String application, AppupInstruction instruction, String explanation) {
        StringBuilder message = new StringBuilder(Terms.write(reason));
        if (application != null) {
            message.append(" in the script of application ").append(application);
        }
        if (instruction != null) {
            message.append(", at ").append(Terms.write(instruction.toTerm()));
        }
        return message.append(": ").append(explanation).toString();
    }
}
