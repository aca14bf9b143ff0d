package dev.graft.examples;

import dev.graft.process.Down;
import dev.graft.process.Exit;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Spawned;
import java.io.PrintStream;

/**
 * Erlang's processes, in Java: spawn, send, selective receive, links and trapped exits,
 * monitors and kill, registered names and timers — each printed as an Erlang shell would.
 */
final class ProcessesTour implements Example {
    record Ping(Pid from) {}

    record Pong(Pid from) {}

    record Tagged(int n) {}

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public String summary() {
        return "spawn, send, selective receive, links, monitors, kill, names and timers";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        try (Node node = Node.start("tour")) {
            node.runProcess(() -> {
                tour(out);
                return null;
            });
        }
    }

    private static void tour(PrintStream out) {
        // An echo server, registered by name.
        Pid echo = Proc.spawn(() -> {
            for (;;) {
                if (Proc.receive() instanceof Ping(Pid from)) {
                    Proc.send(from, new Pong(Proc.self()));
                }
            }
        });
        Proc.register("echo", echo);
        out.println("> register(echo, spawn(Echo))        " + echo);
        Proc.send("echo", new Ping(Proc.self()));
        out.println("> echo ! {ping, self()}, receive     " + Proc.receive(Pong.class));

        // Selective receive: take the second message first; the others stay, in order.
        for (int i = 1; i <= 3; i++) {
            Proc.send(Proc.self(), new Tagged(i));
        }
        Object second = Proc.receive(m -> m instanceof Tagged(int n) && n == 2);
        out.println("> receive {tagged, 2}                " + second);
        out.println("> receive                            " + Proc.receive() + ", then " + Proc.receive());
        out.println("> receive after 100                  " + (Proc.receive(100) == null ? "timeout" : "?"));

        // Links: a crash reaches a linked process that traps exits as a message.
        Proc.trapExit(true);
        Pid crasher = Proc.spawnLink(() -> {
            throw Proc.exit("bad_thing_happened");
        });
        Exit exit = Proc.receive(Exit.class);
        out.println("> spawn_link(crash) " + crasher + "      " + exit);

        // Monitors and kill: kill cannot be trapped; the monitor sees `killed`.
        Spawned victim = Proc.spawnMonitor(() -> {
            Proc.trapExit(true);
            Proc.receive();
        });
        Proc.exit(victim.pid(), Reason.KILL);
        Down down = Proc.receive(Down.class);
        out.println("> exit(" + victim.pid() + ", kill)             " + down);
        Proc.monitor(victim.pid());
        out.println("> monitor(process, " + victim.pid() + ")          " + Proc.receive(Down.class));

        // Timers.
        var timer = Proc.sendAfter(50, Proc.self(), "tick");
        var cancelled = Proc.sendAfter(60_000, Proc.self(), "never");
        out.println("> cancel_timer(never)                " + Proc.cancelTimer(cancelled).isPresent());
        out.println("> send_after(50, self(), tick)       " + Proc.receive(String.class) + " (" + timer + ")");

        Proc.exit(echo, Reason.KILL);
        out.println("> whereis(echo) after kill           " + awaitUnregistered(echo));
    }

    private static String awaitUnregistered(Pid echo) {
        Proc.monitor(echo);
        Proc.receive(Down.class);
        return Proc.whereis("echo").map(Pid::toString).orElse("undefined");
    }
}
