package dev.graft.application;

import dev.graft.behaviour.GenServer;
import dev.graft.gen.From;
import dev.graft.process.Io;
import dev.graft.process.Pid;
import dev.graft.process.Proc;

/**
 * The application controller's process: a {@link GenServer} registered as
 * {@code application_controller}, whose state is the {@link Controller}. It traps exits, to
 * hear of its masters' deaths through their links.
 */
final class ControllerServer implements GenServer<Controller> {
    /** The name the controller is registered under, as in OTP. */
    static final String NAME = "application_controller";

    /**
     * {@code args} is the {@link ApplicationController} the process serves. The controller leads
     * its own group and prints where its node prints, whichever process started it: the masters
     * it spawns inherit both, and no application's stop may kill it.
     */
    @Override
    public Init<Controller> init(Object args) {
        ApplicationController owner = (ApplicationController) args;
        Pid self = Proc.self();
        Proc.trapExit(true);
        Proc.groupLeader(self, self);
        Io.setOut(owner.node().output());
        return Init.ok(new Controller(owner));
    }

    @Override
    public CallResult<Controller> handleCall(Object request, From from, Controller controller) {
        Object reply = controller.handle(request, from);
        return reply == Controller.LATER ? new NoReply<>(controller) : new Reply<>(reply, controller);
    }

    @Override
    public Result<Controller> handleInfo(Object info, Controller controller) {
        controller.info(info);
        return new NoReply<>(controller);
    }
}
