package dev.graft.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Apache Pekko as shipped: an {@link ActorSystem} with the default dispatcher and mailbox. Only
 * logging is turned down, so that dead letters at shutdown print nothing.
 */
final class Pekko {
    private Pekko() {}

    private static final Config CONFIG = ConfigFactory.parseString("""
            pekko.loglevel = "WARNING"
            pekko.stdout-loglevel = "WARNING"
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            """).withFallback(ConfigFactory.load());

    static <T> ActorSystem<T> start(Behavior<T> guardian, String name) {
        return ActorSystem.create(guardian, name, CONFIG);
    }

    static void stop(ActorSystem<?> system) throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
