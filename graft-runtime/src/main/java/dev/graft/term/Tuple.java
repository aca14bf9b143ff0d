package dev.graft.term;

import java.util.Arrays;
import java.util.List;

/**
 * An Erlang tuple, {@code {E1, ..., En}}: a fixed sequence of terms. Two tuples are equal when
 * their elements are, in order.
 */
public record Tuple(List<Object> elements) {
    /** Copies the elements, none of which may be null. */
    public Tuple {
        elements = List.copyOf(elements);
    }

    public static Tuple of(Object... elements) {
        return new Tuple(Arrays.asList(elements));
    }

    public int size() {
        return elements.size();
    }

    /** The element at {@code index}, counted from 0 (Erlang's {@code element/2} counts from 1). */
    public Object get(int index) {
        return elements.get(index);
    }

    /**
     * The tuple as Erlang source, on one line; an element that is no term (a pid, an exception
     * in a reason) is shown by its own {@code toString}, as {@code ~p} shows a pid.
     */
    @Override
    public String toString() {
        return TermWriter.display(this);
    }
}
