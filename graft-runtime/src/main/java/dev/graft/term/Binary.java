package dev.graft.term;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An Erlang binary, {@code <<"text">>} or {@code <<1,2,3>>}: a sequence of bytes, compared by
 * content. Immutable: the bytes are copied in and out.
 */
public final class Binary {
    private final byte[] bytes;

    private Binary(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Binary of(byte[] bytes) {
        return new Binary(bytes.clone());
    }

    /** The binary of the text's UTF-8 bytes, Erlang's {@code <<"text"/utf8>>}. */
    public static Binary utf8(String text) {
        return new Binary(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The bytes read as UTF-8; a byte that is not UTF-8 reads as U+FFFD. */
    public String toUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binary other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The binary as Erlang source: {@code <<"text">>}, {@code <<"text"/utf8>>} or {@code <<1,2>>}. */
    @Override
    public String toString() {
        return Terms.write(this);
    }
}
