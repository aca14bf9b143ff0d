package dev.graft.release;

import java.util.ArrayList;
import java.util.List;

/**
 * The list operations systools orders its output with. They keep order and duplicates as
 * OTP's do, which a set would not, so that what is made from them comes out as systools'.
 */
final class ErlangLists {
    private ErlangLists() {}

    /** {@code systools_rc:union/2}: the elements of {@code a} not in {@code b}, in order, then {@code b}. */
    static <T> List<T> union(List<T> a, List<T> b) {
        List<T> union = new ArrayList<>(difference(a, b));
        union.addAll(b);
        return union;
    }

    /** {@code systools_rc:difference/2}: the elements of {@code a} not in {@code b}, in order, duplicates kept. */
    static <T> List<T> difference(List<T> a, List<T> b) {
        return a.stream().filter(e -> !b.contains(e)).toList();
    }

    /** Erlang's {@code a -- b}: for each element of {@code b}, the first equal element of {@code a} is taken out. */
    static <T> List<T> subtract(List<T> a, List<T> b) {
        List<T> rest = new ArrayList<>(a);
        b.forEach(rest::remove);
        return rest;
    }

    /** {@code systools_make:make_set/1}: each element once, where it first stands. */
    static <T> List<T> distinct(List<T> list) {
        return list.stream().distinct().toList();
    }
}
