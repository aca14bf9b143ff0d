package dev.graft.release;

import dev.graft.application.AppSpec;
import java.util.List;
import java.util.Optional;

/**
 * A release's applications as {@code systools_rc} looks them up: in start order
 * ({@link StartOrder}), by name, and by module.
 */
record ApplicationList(ReleaseSpec spec, List<AppSpec> inStartOrder) {
    ApplicationList {
        inStartOrder = List.copyOf(inStartOrder);
    }

    Optional<AppSpec> find(String name) {
        return inStartOrder.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** How the release starts the application, which it names. */
    StartType type(String name) {
        return spec.application(name).orElseThrow().type();
    }

    /** The first application in start order whose modules hold the module ({@code systools_rc:get_lib}). */
    Optional<AppSpec> owner(String module) {
        return inStartOrder.stream().filter(a -> a.modules().contains(module)).findFirst();
    }
}
