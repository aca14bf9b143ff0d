package dev.graft.examples.chat;

import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.release.ReleaseException;
import dev.graft.release.ReleaseHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The README's main job, {@code ./graft demo}: a chat server upgraded live, release 1 → 2 → 3
 * and back to 2, while real TCP clients keep talking to it.
 *
 * <p>It builds the chat's three releases ({@link ChatReleases}), boots release 1 on a node
 * from a real release root on disk through its {@link ReleaseHandler}, connects the clients
 * ({@link ChatClient}: each joins one of the rooms, one for every ten clients, and sends lines
 * at a steady rate), and then, step by step, prints the release handler's plan and installs
 * the next release while the lines flow. After each step the clients use what it brought:
 * {@code /nick} after release 2, on connections opened under release 1; {@code /who} after 3;
 * {@code /who} again after the downgrade, which release 2 no longer knows. At the end the
 * clients stop sending, every line is waited for, and the report counts the connections kept
 * and the lines lost ({@link ChatClient} defines both), with each step's time and the longest
 * a line waited to come back.
 */
public final class ChatDemo {
    private static final int ACCEPTORS = 10;
    private static final int CLIENTS_PER_ROOM = 10;
    private static final long WAIT_SECONDS = 15;
    /** The steps after the start on release 1: to 2, to 3, back to 2. */
    private static final List<String> STEPS = List.of("2", "3", "2");

    /**
     * What {@code ./graft demo} takes.
     *
     * @param stepPauseMillis how long the clients talk before the first step, between steps and after the last
     * @param rate            lines each client sends a second
     */
    record Options(int clients, int port, long stepPauseMillis, int rate) {
        static final String USAGE = """
                usage: ./graft demo [--clients N] [--port P] [--step-pause SECONDS] [--rate LINES]

                  --clients N           TCP clients that keep talking through the upgrades (default 200)
                  --port P              the port the chat listens on; 0 picks a free one (default 7777)
                  --step-pause SECONDS  how long the clients talk between steps (default 2): make it
                                        30 and join in with `nc localhost PORT` to watch the upgrades
                  --rate LINES          lines each client sends a second (default 5)
                """;

        static Options parse(String... args) {
            Options o = new Options(200, 7777, 2000, 5);
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(flag + " needs a value\n\n" + USAGE);
                }
                String value = args[++i];
                o = switch (flag) {
                    case "--clients" -> new Options(number(flag, value, 1, 10_000), o.port, o.stepPauseMillis, o.rate);
                    case "--port" -> new Options(o.clients, number(flag, value, 0, 65_535), o.stepPauseMillis, o.rate);
                    case "--step-pause" -> new Options(o.clients, o.port, seconds(flag, value), o.rate);
                    case "--rate" -> new Options(o.clients, o.port, o.stepPauseMillis, number(flag, value, 1, 1000));
                    default -> throw new IllegalArgumentException("unknown option " + flag + "\n\n" + USAGE);
                };
            }
            return o;
        }

        private static int number(String flag, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException notANumber) {
                // said below
            }
            throw new IllegalArgumentException(flag + " takes a whole number from " + min + " to " + max + ", not '" + value + "'");
        }

        private static long seconds(String flag, String value) {
            try {
                double s = Double.parseDouble(value);
                if (s >= 0 && s <= 3600) {
                    return Math.round(s * 1000);
                }
            } catch (NumberFormatException notANumber) {
                // said below
            }
            throw new IllegalArgumentException(flag + " takes seconds from 0 to 3600, not '" + value + "'");
        }
    }

    /** One step: the versions, the plan as the release handler printed it, its times and the longest pause. */
    record Step(String from, String to, String plan, long checkMillis, long installMillis, long longestPauseMillis,
                List<String> unpurged) {
        String name() {
            return name(from, to);
        }

        static String name(String from, String to) {
            return (Integer.parseInt(to) > Integer.parseInt(from) ? "upgrade " : "downgrade ") + from + " -> " + to;
        }
    }

    /**
     * What the demo found. {@code sent}, {@code back} and {@code heard} are lines; {@code ownLost}
     * are the clients' own lines that never came back, {@code broadcastLost} the broadcasts a
     * roommate never heard; the command counts are the clients whose command got its reply.
     */
    record Report(int clients, int kept, List<String> drops, long sent, long back, long heard, long ownLost,
                  long broadcastLost, long others, long unexpected, List<String> unexpectedSamples, int nicked, int whoAnswered,
                  int whoUnknownAgain, long logLines, long startPauseMillis, List<Step> steps) {
        long linesLost() {
            return ownLost + broadcastLost;
        }

        /** Every connection kept, no line lost, nothing unexpected, and each release's command answered on every connection. */
        boolean passed() {
            return kept == clients && linesLost() == 0 && unexpected == 0 && nicked == clients && whoAnswered == clients
                    && whoUnknownAgain == clients;
        }

        void print(PrintStream out) {
            out.println();
            out.println("report");
            out.printf("  connections kept: %d/%d%n", kept, clients);
            drops.forEach(d -> out.println("    dropped: " + d));
            out.printf("  lines sent: %d%n", sent);
            out.printf("  lines received: %d (the senders' own lines back), and %d heard by roommates%n", back, heard);
            out.printf("  lines lost: %d (own lines that never came back: %d; broadcasts a roommate never heard: %d)%n",
                    linesLost(), ownLost, broadcastLost);
            if (others > 0) {
                out.printf("  lines said by people who joined in: %d%n", others);
            }
            out.printf("  unexpected lines: %d%n", unexpected);
            unexpectedSamples.forEach(u -> out.println("    for example: " + u));
            out.printf("  release 2, on connections opened under release 1: /nick answered %d/%d%n", nicked, clients);
            out.printf("  release 3: /who answered %d/%d; its log has %d lines%n", whoAnswered, clients, logLines);
            out.printf("  back on release 2: /who unknown again %d/%d%n", whoUnknownAgain, clients);
            out.printf("  %-18s %12s %14s   %s%n", "step", "total time", "longest pause", "(plan + install)");
            out.printf("  %-18s %12s %11d ms%n", "on release 1", "", startPauseMillis);
            for (Step s : steps) {
                out.printf("  %-18s %9d ms %11d ms   (%d + %d ms)%n", s.name(), s.checkMillis() + s.installMillis(),
                        s.longestPauseMillis(), s.checkMillis(), s.installMillis());
            }
            out.println("  each step's plan, as the release handler's checkInstallRelease printed it before the step:");
            for (Step s : steps) {
                out.println("    " + s.name() + ":");
                s.plan().lines().forEach(l -> out.println("      " + l));
            }
            out.println(passed() ? "passed: every connection kept, no line lost"
                    : "FAILED: see the counts above");
        }
    }

    private final Options options;
    private final Path work;
    private final PrintStream out;
    private final AtomicInteger step = new AtomicInteger();
    private final long started = System.nanoTime();

    ChatDemo(Options options, Path work, PrintStream out) {
        this.options = options;
        this.work = work;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path work = Files.createTempDirectory("graft-chat-demo-");
        try {
            Report report = new ChatDemo(options, work, System.out).run();
            System.exit(report.passed() ? 0 : 1);
        } catch (ReleaseException e) {
            System.err.println("graft demo: " + e.getMessage());
            if (e.getMessage().contains("cannot listen on port")) {
                System.err.println("graft demo: --port P listens on another port, --port 0 on any free one");
            }
            System.exit(1);
        }
    }

    /** Runs the demo in {@code work}, printing as it goes; returns the report it printed. */
    Report run() throws Exception {
        out.printf("graft demo: a chat server upgraded live, release 1 -> 2 -> 3 -> 2, under %d TCP clients%n",
                options.clients());
        Path root = work.resolve("node");
        Path log = root.resolve("log/chat.log");
        long t = System.nanoTime();
        Map<String, Path> archives = new ChatReleases(work.resolve("build"),
                new ChatReleases.Settings(options.port(), ACCEPTORS, log), out).buildAll();
        out.printf("built releases %s in %d ms: %s%n", String.join(", ", archives.keySet()), millisSince(t),
                archives.values().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" ")));
        try (Node node = Node.start("chat")) {
            ReleaseHandler releases = ReleaseHandler.open(node, root);
            releases.unpackRelease(archives.get("1"));
            releases.boot();
            int port = node.runProcess(() -> (Integer) CodeServer.of(node).apply("chat.Listener", "port"));
            out.printf("node 'chat' booted release 1 from %s; the chat listens on port %d%n", root, port);
            out.printf("  join in: nc localhost %d, then /join room-0 to hear the clients of room 0;%n"
                    + "  /nick NAME once release 2 runs, /who once release 3 runs%n", port);
            for (String vsn : List.of("2", "3")) {
                releases.unpackRelease(archives.get(vsn));
            }
            out.println("unpacked releases 2 and 3 beside it: " + releases.whichReleases().stream()
                    .map(r -> r.vsn() + " " + r.status()).collect(Collectors.joining(", ")));
            Report report = talk(releases, port, log);
            out.println("the node's release root stays in " + root + " for a look: releases/RELEASES, lib/, log/chat.log");
            return report;
        }
    }

    private Report talk(ReleaseHandler releases, int port, Path log) throws Exception {
        int rooms = Math.max(1, options.clients() / CLIENTS_PER_ROOM);
        List<ChatClient> clients = new ArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        try {
            long t = System.nanoTime();
            for (int i = 0; i < options.clients(); i++) {
                clients.add(ChatClient.connect(i, rooms, port, step::get, STEPS.size() + 1, deadline()));
            }
            out.printf("%d clients connected and joined %d rooms in %d ms; each sends %d lines a second%n",
                    clients.size(), rooms, millisSince(t), options.rate());
            List<Thread> senders = clients.stream().map(c -> Thread.ofVirtual().name("chat client " + c.id + " sender")
                    .start(() -> send(c, sending))).toList();
            progress("release 1", clients);
            List<Step> steps = new ArrayList<>();
            String from = "1";
            int nicked = 0;
            int who = 0;
            int unknown = 0;
            for (String to : STEPS) {
                steps.add(install(releases, from, to, clients));
                if (to.equals("2") && from.equals("1")) {
                    nicked = commandAll(clients, c -> "/nick " + c.nick(), c -> ("* you are now " + c.nick())::equals);
                    out.printf("  /nick on every connection opened under release 1: %d/%d answered%n", nicked, clients.size());
                } else if (to.equals("3")) {
                    who = commandAll(clients, c -> "/who", c -> r -> r.startsWith("* here: ")
                            && List.of(r.substring("* here: ".length()).split(" ")).contains(c.nick()));
                    out.printf("  /who on every connection: %d/%d answered with the room's nicks%n", who, clients.size());
                } else {
                    unknown = commandAll(clients, c -> "/who", c -> "* unknown command /who"::equals);
                    out.printf("  /who on every connection: %d/%d told it is unknown again%n", unknown, clients.size());
                }
                progress("release " + to, clients);
                from = to;
            }
            sending.set(false);
            for (Thread s : senders) {
                s.join();
            }
            return report(clients, steps, nicked, who, unknown, log);
        } finally {
            sending.set(false);
            clients.forEach(ChatClient::close);
        }
    }

    /** A client's sending thread: a line every 1/rate s, from a random start so the clients do not send in step. */
    private void send(ChatClient c, AtomicBoolean sending) {
        long interval = TimeUnit.SECONDS.toNanos(1) / options.rate();
        long next = System.nanoTime() + (long) (Math.random() * interval);
        while (sending.get()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            c.sendLine();
            next += interval;
        }
    }

    private Step install(ReleaseHandler releases, String from, String to, List<ChatClient> clients) throws Exception {
        out.println();
        long t = System.nanoTime();
        String plan = releases.checkInstallRelease(to).describe();
        long check = millisSince(t);
        out.printf("step %d: %s, while the clients talk; the release handler's plan:%n", step.get() + 1, Step.name(from, to));
        plan.lines().forEach(l -> out.println("  | " + l));
        int index = step.incrementAndGet(); // lines sent from now on count towards this step's pause
        t = System.nanoTime();
        ReleaseHandler.Installed installed = releases.installRelease(to);
        long install = millisSince(t);
        out.printf("  installed release %s over %s in %d ms%s%n", to, from, install, installed.unpurged().isEmpty() ? ""
                : "; old code kept until the next step, as a soft purge does, for a connection inside it: "
                  + installed.unpurged());
        long pause = clients.stream().mapToLong(c -> c.longestWaitMillis(index)).max().orElse(0);
        return new Step(from, to, plan, check, install, pause, installed.unpurged());
    }

    /** Sends every client its command and waits for the replies; returns how many were answered as {@code reply} says. */
    private static int commandAll(List<ChatClient> clients, Function<ChatClient, String> command,
                                  Function<ChatClient, Predicate<String>> reply) {
        clients.forEach(c -> c.command(command.apply(c), reply.apply(c)));
        long deadline = deadline();
        return (int) clients.stream().filter(c -> c.awaitAnswer(deadline)).count();
    }

    /** Lets the clients talk for the step pause, printing their counts every second. */
    private void progress(String running, List<ChatClient> clients) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.stepPauseMillis());
        do {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            Thread.sleep(Math.max(0, Math.min(1000, left)));
            List<ChatClient.Counts> counts = clients.stream().map(ChatClient::counts).toList();
            long sent = counts.stream().mapToLong(ChatClient.Counts::sent).sum();
            long back = counts.stream().mapToLong(ChatClient.Counts::back).sum();
            out.printf("  [%5.1f s] %s: sent %d, back %d, heard %d, in flight %d, dropped %d, unexpected %d%n",
                    (System.nanoTime() - started) / 1e9, running, sent, back,
                    counts.stream().mapToLong(ChatClient.Counts::heard).sum(), sent - back,
                    counts.stream().filter(c -> c.dropped() != null).count(),
                    counts.stream().mapToLong(ChatClient.Counts::unexpected).sum());
        } while (System.nanoTime() < end);
    }

    /** Waits for every line still in flight, then counts. */
    private Report report(List<ChatClient> clients, List<Step> steps, int nicked, int who, int unknown, Path log)
            throws IOException {
        out.println();
        out.println("the clients stop sending; waiting for every line in flight...");
        long deadline = deadline();
        clients.forEach(c -> c.awaitAllBack(deadline));
        Map<Integer, List<ChatClient>> byRoom = clients.stream().collect(Collectors.groupingBy(c -> c.room));
        long broadcastLost = 0;
        for (List<ChatClient> room : byRoom.values()) {
            for (ChatClient listener : room) {
                for (ChatClient sayer : room) {
                    if (sayer != listener) {
                        listener.awaitHeard(sayer, deadline);
                        broadcastLost += listener.missedFrom(sayer);
                    }
                }
            }
        }
        List<ChatClient.Counts> counts = clients.stream().map(ChatClient::counts).toList();
        long sent = counts.stream().mapToLong(ChatClient.Counts::sent).sum();
        long back = counts.stream().mapToLong(ChatClient.Counts::back).sum();
        List<String> drops = clients.stream().filter(c -> c.counts().dropped() != null)
                .map(c -> c.nick() + ": " + c.counts().dropped()).limit(5).toList();
        long logLines;
        try (Stream<String> lines = Files.exists(log) ? Files.lines(log) : Stream.empty()) {
            logLines = lines.count();
        }
        Report report = new Report(clients.size(), (int) counts.stream().filter(c -> c.dropped() == null).count(), drops,
                sent, back, counts.stream().mapToLong(ChatClient.Counts::heard).sum(), sent - back, broadcastLost,
                counts.stream().mapToLong(ChatClient.Counts::others).sum(),
                counts.stream().mapToLong(ChatClient.Counts::unexpected).sum(),
                counts.stream().map(ChatClient.Counts::firstUnexpected).filter(u -> u != null).limit(5).toList(),
                nicked, who, unknown, logLines,
                clients.stream().mapToLong(c -> c.longestWaitMillis(0)).max().orElse(0), steps);
        report.print(out);
        return report;
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
