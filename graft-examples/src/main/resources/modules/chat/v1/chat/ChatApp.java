package chat;

import dev.graft.application.Application;
import dev.graft.application.ApplicationController;
import dev.graft.application.StartType;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.process.Pid;
import dev.graft.process.Proc;

/** The chat application's callback module: starts the supervision tree, and reads the application's settings. */
@Vsn("1")
public final class ChatApp implements Application<Void> {
    @Override
    public Start<Void> start(StartType type, Object args) {
        return switch (ChatSup.startLink()) {
            case StartResult.Ok(Pid top) -> Start.ok(top);
            case StartResult failed -> Start.error(failed);
        };
    }

    @Override
    public void stop(Void state) {}

    /** A setting of the chat's environment (the {@code env} of its {@code .app}): {@code port}, {@code acceptors}, {@code log}. */
    public static Object env(String key) {
        return ApplicationController.of(Proc.node()).getEnv("chat", key)
                .orElseThrow(() -> new IllegalStateException("the chat's .app sets no " + key));
    }
}
