package dev.graft.migrate;

import dev.graft.code.ModuleVersion;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Structural migration of values across the versions of a module (DESIGN decision 5). Records
 * and enums declared in a module belong to its version; when a value of one version meets code
 * of another — state handed to {@code codeChange}, a message of the old shape in a new
 * server's mailbox, a reply — {@link #migrate} converts it, by name, to the same-named types of
 * the target version.
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li><b>Records</b> become the target version's same-named record, made by its canonical
 *       constructor. Each component of the <em>new</em> record is filled from the old record's
 *       component of the same name, converted by these rules, so components may be reordered.
 *       A renamed component says what it was called with {@link From @From}; a new one says
 *       what it starts as with {@link Default @Default}; a component the new record dropped is
 *       not copied. A new component with neither an old counterpart nor a default is an error.</li>
 *   <li><b>Enums</b> map by constant name; a constant the new enum lacks is an error.</li>
 *   <li><b>Primitives and their boxes</b> in a record component whose type changed are widened
 *       as Java widens them ({@code int} to {@code long}, {@code float} to {@code double},
 *       {@code Integer} to {@code Long}, ...); any other change of type that the value does not
 *       fit is an error.</li>
 *   <li><b>Containers</b> are walked and rebuilt when something in them changed: lists, sets,
 *       queues, maps (keys and values), {@code Optional}, arrays of references, and records of
 *       shared code (a shared record holding module values is made anew by its constructor).
 *       See <a href="#containers">what kinds are kept</a>.</li>
 *   <li><b>Everything else</b> — the JDK's and shared code's values, values of other modules,
 *       values that already belong to the target version — is returned as it is, without a look
 *       inside.</li>
 *   <li><b>Other module classes</b> of a version other than the target (plain classes, lambdas)
 *       cannot be migrated: an error naming the class. Convert them in {@code codeChange}.</li>
 * </ul>
 * A value of any version other than the target is converted, older or newer: a downgrade
 * migrates the same way.
 *
 * <h2 id="containers">Containers: what kind comes back</h2>
 * A container in which nothing changed is returned as it is. One that changed is rebuilt:
 * <ul>
 *   <li>the JDK's unmodifiable collections and maps ({@code List.of}, {@code Stream.toList},
 *       {@code Collections.unmodifiable*}, {@code empty*}, {@code singleton*}) as unmodifiable
 *       views over a new {@code ArrayList}, {@code LinkedHashSet}, {@code LinkedHashMap}, or
 *       {@code TreeSet}/{@code TreeMap} for sorted ones: still unmodifiable, iteration order
 *       kept;</li>
 *   <li>any other class with a public no-argument constructor ({@code ArrayList},
 *       {@code LinkedList}, {@code HashSet}, {@code LinkedHashSet}, {@code ArrayDeque},
 *       {@code HashMap}, {@code LinkedHashMap}, {@code ConcurrentHashMap}, ...) as a new
 *       instance of the same class filled with {@code add}/{@code put}; sorted sets and maps
 *       and priority queues ({@code TreeSet}, {@code TreeMap}, {@code PriorityQueue}, ...)
 *       through their public {@code (Comparator)} constructor with the comparator, migrated
 *       too;</li>
 *   <li>anything else (views, {@code Arrays.asList}, {@code EnumSet}, {@code EnumMap}, classes
 *       without such constructors) as an {@code ArrayList}, {@code LinkedHashSet},
 *       {@code TreeSet}, {@code LinkedHashMap} or {@code TreeMap}: the kind is not kept.</li>
 * </ul>
 * A container's own state beyond its contents and comparator is not carried over (a
 * {@code LinkedHashMap}'s access order, an {@code ArrayList}'s capacity). Elements or keys
 * that become equal once converted (a dropped component was all that told them apart) merge.
 * Generic element types are erased, so container elements are not widened. An empty
 * {@code EnumSet} or {@code EnumMap} of a module's enum is returned as it is: its element type
 * cannot be read. An array whose element type is a module's type becomes an array of the
 * target's type, even when empty.
 *
 * <h2>Errors</h2>
 * A value the rules cannot map throws {@link MigrationException}, naming the type, the
 * component and the path from the root. Nothing is mutated, before or after a failure: the
 * value given stays whole and usable, and a rebuilt value shares every part that did not
 * change with it.
 *
 * <h2>Costs and memory</h2>
 * A value whose class is neither a module's nor a container is returned after one
 * {@link ClassValue} lookup, without allocating. Per record or enum class, the reflection
 * (canonical constructor and accessors as method handles, the component mapping to the last
 * target version) is done once and cached with the class itself, through {@link ClassValue}:
 * the cache of a version goes with its classes when the version is purged, and the link from
 * an old class to its counterpart in the target version is held weakly, so migrating values in
 * either direction keeps no other version alive.
 *
 * <p>Thread-safe: any number of processes may migrate values at once. A value must not be
 * changed while it is migrated.
 *
 * <h2>Limits</h2>
 * Records are expected to form trees: a value nested deeper than 1,000 records and containers
 * (a cycle through a mutable container) is an error. Values of shared classes that are not
 * containers are not looked into, so a module value hidden in a shared mutable class is not
 * migrated.
 */
public final class Migration {
    private Migration() {}

    /**
     * {@link #migrate(Object, ModuleVersion, String)} with the root of paths in errors named
     * {@code value}.
     */
    public static Object migrate(Object value, ModuleVersion target) {
        return migrate(value, target, "value");
    }

    /**
     * Converts every record and enum of {@code target}'s module, of any version other than
     * {@code target}, found in {@code value} to {@code target}'s same-named type, by the rules
     * above.
     *
     * @param value  the value to migrate; may be null
     * @param target the version whose types the result should have
     * @param root   what to call {@code value} in error paths: {@code "state"}, {@code "message"}
     * @return {@code value} itself when nothing in it needed converting; else a new value that
     *         shares every unchanged part with it
     * @throws MigrationException if a part of {@code value} cannot be converted; {@code value}
     *                            is left as it was
     */
    public static Object migrate(Object value, ModuleVersion target, String root) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(root, "root");
        try {
            return Shapes.migrate(value, target, 0);
        } catch (Failure f) {
            throw f.toException(root);
        }
    }

    /**
     * Reads a record of an earlier version of a module as a record of this version that has its
     * shape: the component {@code type} declares for it. {@code codeChange} uses it to read the
     * old state, whose class it cannot name:
     *
     * <pre>{@code
     * private record EmployeeV1(String name, int money) {}
     *
     * public Employee codeChange(Object oldVsn, Object old, Object extra) {
     *     EmployeeV1 e = Migration.convert(old, EmployeeV1.class);
     *     return new Employee(e.name(), e.money());
     * }
     * }</pre>
     *
     * Components are matched by name (and {@link From}), with {@link Default}s, converted and
     * widened by the rules of {@link #migrate}; {@code type} may be any record of a module.
     *
     * @throws MigrationException if {@code value} is not a record of a module, or does not fit
     *                            {@code type}; nothing is changed
     */
    public static <T extends Record> T convert(Object value, Class<T> type) {
        Objects.requireNonNull(value, "value");
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        try {
            if (!(Shapes.of(value.getClass()) instanceof ModuleRecord from)) {
                throw new Failure(value.getClass().getName(), null, "it is not a record of a module");
            }
            if (!(Shapes.of(type) instanceof ModuleRecord to)) {
                throw new Failure(type.getName(), null, "it is not a record of a module");
            }
            return type.cast(from.convert(value, to, from.mapTo(to), to.version, 0));
        } catch (Failure f) {
            throw f.toException("value");
        }
    }

    /**
     * On a component of a module's record: the names it had in older versions, tried in order
     * before its own name when a value of an older version is migrated.
     *
     * <pre>{@code
     * record Employee(String name, @Migration.From("money") int salary) {}
     * }</pre>
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface From {
        String[] value();
    }

    /**
     * On a component of a module's record: its value when a value of a version without it is
     * migrated. The text is parsed for the component's type: a primitive or its box
     * ({@code "0"}, {@code "2.5"}, {@code "true"}, a single character), a {@code String} (the
     * text itself), an enum (a constant's name). A {@code List}, {@code Set}, {@code Map},
     * {@code Collection} or {@code Optional} component starts empty (the text must be empty).
     * A default that does not parse is an error when it is first needed.
     *
     * <pre>{@code
     * record Account(String owner, @Migration.Default("0") long balance, @Migration.Default List<String> notes) {}
     * }</pre>
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Default {
        String value() default "";
    }
}
