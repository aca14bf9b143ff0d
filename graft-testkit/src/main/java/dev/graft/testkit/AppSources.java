package dev.graft.testkit;

import dev.graft.release.Appup;
import dev.graft.term.Located;
import dev.graft.term.Terms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One application of a {@link ReleaseSources} release: its modules' Java sources, its callback
 * module, the applications it needs and its appup. Each setter checks its value at once and
 * says what was wrong. Not thread-safe: build it in one thread.
 *
 * <pre>{@code
 * AppSources.of("kv", "2")
 *         .callbackModule("kv.KvApp")
 *         .module("kv.Store", STORE_V2)
 *         .module("kv.KvApp", KV_APP)
 *         .appup("""
 *             {"2", [{"1", [{update, 'kv.Store', {advanced, []}}]}],
 *                   [{"1", [{update, 'kv.Store', {advanced, []}}]}]}.
 *             """);
 * }</pre>
 */
public final class AppSources {
    private final String name;
    private final String vsn;
    /** Module name to source, in compile order. */
    private final Map<String, String> modules = new LinkedHashMap<>();
    private final List<String> applications = new ArrayList<>();
    private String callbackModule;
    private Appup appup;

    private AppSources(String name, String vsn) {
        this.name = name;
        this.vsn = vsn;
    }

    /** Application {@code name} at version {@code vsn}, with no modules yet. */
    public static AppSources of(String name, String vsn) {
        if (!name.matches("[a-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("an application's name is a plain atom (a lower-case letter, then letters,"
                    + " digits or _), not \"" + name + "\"");
        }
        if (vsn.isBlank()) {
            throw new IllegalArgumentException("application " + name + " needs a version");
        }
        return new AppSources(name, vsn);
    }

    /**
     * Adds a module: {@code module} is its top-level class's binary name ({@code kv.Store}),
     * {@code source} the Java source of that class. Modules compile in the order they are added,
     * so add a module before the modules that name it.
     */
    public AppSources module(String module, String source) {
        Objects.requireNonNull(source, "source");
        if (!module.matches("[\\w$]+(\\.[\\w$]+)+")) {
            throw new IllegalArgumentException("application " + name + ": a module is named by its class's binary name"
                    + " with its package (kv.Store), not \"" + module + "\"");
        }
        if (modules.putIfAbsent(module, source) != null) {
            throw new IllegalArgumentException("application " + name + " already has module " + module);
        }
        return this;
    }

    /** The application's callback module, the {@code .app}'s {@code {mod, {Module, []}}}: one of its modules or a shared class. */
    public AppSources callbackModule(String module) {
        this.callbackModule = Objects.requireNonNull(module, "module");
        return this;
    }

    /** Applications that must be started before this one, the {@code .app}'s {@code applications}. */
    public AppSources applications(String... names) {
        applications.addAll(List.of(names));
        return this;
    }

    /**
     * The application's {@code .appup}, in OTP's syntax; its version must be this application's.
     * Read at once: a syntax error names its line and column.
     */
    public AppSources appup(String text) {
        List<Located> terms = Terms.parseLocated(name + ".appup", text);
        if (terms.size() != 1) {
            throw new IllegalArgumentException(name + ".appup holds " + terms.size() + " terms; an appup is one"
                    + " {Vsn, [{UpFromVsn, Instructions}], [{DownToVsn, Instructions}]} term");
        }
        Appup parsed = Appup.parse(terms.getFirst());
        if (!parsed.vsn().equals(vsn)) {
            throw new IllegalArgumentException(name + ".appup is for version " + parsed.vsn() + " of " + name
                    + ", not " + vsn);
        }
        this.appup = parsed;
        return this;
    }

    String name() {
        return name;
    }

    String vsn() {
        return vsn;
    }

    Map<String, String> modules() {
        return modules;
    }

    List<String> applications() {
        return applications;
    }

    Optional<String> callback() {
        return Optional.ofNullable(callbackModule);
    }

    Optional<Appup> appupSpec() {
        return Optional.ofNullable(appup);
    }
}
