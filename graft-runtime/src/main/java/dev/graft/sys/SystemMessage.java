package dev.graft.sys;

import dev.graft.gen.From;

/**
 * A request of the sys protocol as a behaviour process receives it: Erlang's
 * {@code {system, From, Request}}. The process hands it to {@link Sys#handleSystemMessage}.
 */
public record SystemMessage(From from, SystemRequest request) {
    @Override
    public String toString() {
        return "{system," + from + "," + request + "}";
    }
}
