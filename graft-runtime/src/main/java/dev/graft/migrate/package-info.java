/**
 * Structural migration of values across the versions of a module (DESIGN decision 5):
 * {@link dev.graft.migrate.Migration#migrate} converts the records and enums of one version,
 * wherever they sit in a value, to the same-named types of another, by component and constant
 * name; {@link dev.graft.migrate.Migration.From} and {@link dev.graft.migrate.Migration.Default}
 * on a new record's components say what was renamed and what a new component starts as; a value
 * the rules cannot map is a {@link dev.graft.migrate.MigrationException} that leaves it untouched.
 *
 * <h2>Implementation overview</h2>
 * Every class gets a {@code Shape} once, kept with the class in a {@link java.lang.ClassValue}
 * ({@code Shapes}): opaque (returned as it is), a module's record, enum or other class, a
 * shared record, a collection, a map, {@code Optional}, an array. Migration walks a value by its
 * classes' shapes, finds the first part that changes before it allocates anything, and
 * rebuilds only the containers and records on the way to a change. Failures travel up as a
 * {@code Failure} that collects its path on the way and become a {@code MigrationException} at
 * the entry point.
 */
package dev.graft.migrate;
