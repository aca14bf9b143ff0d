package dev.graft.application;

/**
 * What an application controller operation gives: OTP's {@code ok}, {@code {ok, Value}} or
 * {@code {error, Reason}}. An error is data, to match on; {@link #orThrow} makes it an
 * exception where a caller has nothing better to do with it.
 *
 * @param <T> what a success carries; {@code Void} for a bare {@code ok}
 */
public sealed interface Outcome<T> {

    /** It worked; {@code value} is null for a bare {@code ok}. */
    record Ok<T>(T value) implements Outcome<T> {
        @Override
        public String toString() {
            return value == null ? "ok" : "{ok," + value + "}";
        }
    }

    /** It did not; nothing changed but what {@code reason} says. */
    record Error<T>(ApplicationError reason) implements Outcome<T> {
        @Override
        public String toString() {
            return "{error," + reason + "}";
        }
    }

    static Outcome<Void> ok() {
        return new Ok<>(null);
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> error(ApplicationError reason) {
        return new Error<>(reason);
    }

    /** The value of a success; an error is thrown as an {@link ApplicationException}. */
    default T orThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value;
            case Error<T> e -> throw new ApplicationException(e.reason);
        };
    }
}
