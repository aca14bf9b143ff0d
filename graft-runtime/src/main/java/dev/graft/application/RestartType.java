package dev.graft.application;

import dev.graft.process.Reason;
import java.util.Locale;

/**
 * What a started application's end does to its node when its top process ends by itself:
 * the restart type of {@code application:start/2}. An explicit
 * {@link ApplicationController#stop stop} never affects the node or another application,
 * whatever the type.
 */
public enum RestartType {
    /** The node stops, whatever the reason. */
    PERMANENT,
    /** The node stops unless the reason is {@code normal}. */
    TRANSIENT,
    /** The end is reported and the node goes on. The default. */
    TEMPORARY;

    /** Whether an application of this type that ends with {@code reason} stops the node. */
    boolean stopsNode(Object reason) {
        return switch (this) {
            case PERMANENT -> true;
            case TRANSIENT -> reason != Reason.NORMAL;
            case TEMPORARY -> false;
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
