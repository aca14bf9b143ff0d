package dev.graft.application;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The applications' environments: OTP's {@code {env, App, Key}} entries of {@code ac_tab}.
 * An application has an environment from its first {@link #set} or load until it is unloaded;
 * one that is not loaded may have one too, as in OTP.
 *
 * <p>Thread-safe, without the controller: each application's environment is an immutable map,
 * replaced whole by every write under {@link ConcurrentHashMap#compute}, so writes to one
 * application are atomic and ordered, and a reader sees one application's environment as one
 * write left it. Entries keep the order they were first written in.
 */
final class Environment {
    private final ConcurrentHashMap<String, Map<String, Object>> apps = new ConcurrentHashMap<>();

    Optional<Object> get(String app, String key) {
        return Optional.ofNullable(all(app).get(key));
    }

    /** The application's environment; empty if it has none. */
    Map<String, Object> all(String app) {
        return apps.getOrDefault(app, Map.of());
    }

    void set(String app, String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        update(app, env -> env.put(key, value));
    }

    void unset(String app, String key) {
        update(app, env -> env.remove(key));
    }

    /** Sets each of {@code entries}, keeping the other keys: a load's {@code add_env}. */
    void putAll(String app, Map<String, Object> entries) {
        update(app, env -> env.putAll(entries));
    }

    /** Makes {@code entries} the whole environment: {@code change_application_data}'s {@code del_env} then {@code add_env}. */
    void replace(String app, Map<String, Object> entries) {
        update(app, env -> {
            env.clear();
            env.putAll(entries);
        });
    }

    /** Removes the environment: an unload's {@code del_env}. */
    void delete(String app) {
        apps.remove(app);
    }

    private void update(String app, Consumer<Map<String, Object>> change) {
        apps.compute(app, (name, env) -> {
            Map<String, Object> next = env == null ? new LinkedHashMap<>() : new LinkedHashMap<>(env);
            change.accept(next);
            return next.isEmpty() ? null : Collections.unmodifiableMap(next);
        });
    }
}
