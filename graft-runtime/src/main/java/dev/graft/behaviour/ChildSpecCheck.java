package dev.graft.behaviour;

import dev.graft.behaviour.ChildSpec.Modules;
import dev.graft.behaviour.ChildSpec.Shutdown;
import dev.graft.behaviour.SupervisorError.DuplicateChildName;
import dev.graft.behaviour.SupervisorError.InvalidChildSpec;
import dev.graft.behaviour.SupervisorError.InvalidChildType;
import dev.graft.behaviour.SupervisorError.InvalidIntensity;
import dev.graft.behaviour.SupervisorError.InvalidModule;
import dev.graft.behaviour.SupervisorError.InvalidModules;
import dev.graft.behaviour.SupervisorError.InvalidPeriod;
import dev.graft.behaviour.SupervisorError.InvalidRestartType;
import dev.graft.behaviour.SupervisorError.InvalidShutdown;
import dev.graft.behaviour.SupervisorError.InvalidStrategy;
import dev.graft.behaviour.SupervisorError.MissingId;
import dev.graft.behaviour.SupervisorError.MissingStart;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of a supervisor's flags and child specs: Erlang's {@code check_flags} and
 * {@code check_startspec}. Each gives the first error, in OTP's order of fields, or empty.
 * Pure functions.
 */
final class ChildSpecCheck {
    private ChildSpecCheck() {}

    static Optional<SupervisorError> flags(Supervisor.Flags flags) {
        if (flags.strategy() == null) {
            return Optional.of(new InvalidStrategy(null));
        }
        if (flags.intensity() < 0) {
            return Optional.of(new InvalidIntensity(flags.intensity()));
        }
        if (flags.period() <= 0) {
            return Optional.of(new InvalidPeriod(flags.period()));
        }
        return Optional.empty();
    }

    /** Every spec, then that no two have the same id. */
    static Optional<SupervisorError> specs(List<ChildSpec> specs) {
        Set<Object> ids = new HashSet<>();
        for (ChildSpec spec : specs) {
            Optional<SupervisorError> bad = spec(spec);
            if (bad.isPresent()) {
                return bad;
            }
            if (!ids.add(spec.id())) {
                return Optional.of(new DuplicateChildName(spec.id()));
            }
        }
        return Optional.empty();
    }

    static Optional<SupervisorError> spec(ChildSpec spec) {
        if (spec == null) {
            return Optional.of(new InvalidChildSpec(null));
        }
        if (spec.id() == null) {
            return Optional.of(new MissingId());
        }
        if (spec.start() == null) {
            return Optional.of(new MissingStart());
        }
        if (spec.restart() == null) {
            return Optional.of(new InvalidRestartType(null));
        }
        if (spec.type() == null) {
            return Optional.of(new InvalidChildType(null));
        }
        if (spec.shutdown() == null || spec.shutdown() instanceof Shutdown.Timeout t && t.millis() < 0) {
            return Optional.of(new InvalidShutdown(spec.shutdown()));
        }
        return modules(spec.modules());
    }

    private static Optional<SupervisorError> modules(Modules modules) {
        return switch (modules) {
            case null -> Optional.of(new InvalidModules(null));
            case Modules.Dynamic d -> Optional.empty();
            case Modules.Listed(List<String> names) when names == null -> Optional.of(new InvalidModules(modules));
            case Modules.Listed(List<String> names) -> {
                for (String name : names) {
                    if (name == null || name.isBlank()) {
                        yield Optional.of(new InvalidModule(name));
                    }
                }
                yield Optional.empty();
            }
        };
    }
}
