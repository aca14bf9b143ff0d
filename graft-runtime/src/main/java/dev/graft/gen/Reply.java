package dev.graft.gen;

/** The answer to a call, as it travels to the caller: Erlang's {@code {Tag, Reply}}. */
record Reply(From from, Object value) {
    @Override
    public String toString() {
        return "{" + from.tag() + "," + value + "}";
    }
}
