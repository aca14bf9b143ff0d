package dev.graft.release;

import java.util.List;

/**
 * An instruction on its way through the translation, with the application whose script it
 * came from (for {@code add_application} and {@code remove_application}, the application added
 * or removed; for a new runtime, {@code erts}), so that an error can name both.
 */
record Step(String application, AppupInstruction instruction) {
    static List<Step> all(String application, List<? extends AppupInstruction> instructions) {
        return instructions.stream().map(i -> new Step(application, i)).toList();
    }

    Step with(AppupInstruction other) {
        return new Step(application, other);
    }
}
