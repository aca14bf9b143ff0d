package dev.graft.migrate;

import dev.graft.code.ModuleVersion;

/**
 * What migration does with the values of one class, decided once per class ({@link Shapes#of}).
 * Implementations are immutable but for caches that are safe to race on, and thread-safe.
 */
sealed interface Shape permits Opaque, ModuleType, ModuleClass, SharedRecord, CollectionShape, MapShape,
        OptionalShape, ArrayShape {
    /**
     * {@code value}, an instance of a class of this shape, converted for {@code target}; the
     * very same instance when nothing in it changes.
     *
     * @param depth how many records and containers enclose {@code value}
     * @throws Failure if a part of it cannot be converted
     */
    Object migrate(Object value, ModuleVersion target, int depth);
}
