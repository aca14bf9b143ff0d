package dev.graft.cli;

import dev.graft.admin.AdminException;
import dev.graft.admin.NodeMain;
import dev.graft.builder.BuildCommand;
import dev.graft.release.ReleaseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code graft} command: drives the node of a release root through its admin channel, as
 * relx's and distillery's scripts drive an Erlang node. A release's {@code bin/graft} runs it
 * with {@code --root} set to the release root.
 *
 * <p>Exit codes: 0 done; 1 the node refused or failed the operation; 2 bad usage; 3 no node
 * running; 4 the admin channel is not safe to use or refused this client.
 */
public final class Graft {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NO_NODE = 3;
    static final int REFUSED = 4;

    private Graft() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.in, System.out, System.err));
    }

    /** Runs one command line; returns its exit code. */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(args);
        Path root = rootOption(rest);
        if (rest.isEmpty() || List.of("help", "-h", "--help").contains(rest.getFirst())) {
            help(out);
            return rest.isEmpty() ? USAGE : OK;
        }
        String name = rest.removeFirst();
        Verb verb = Verb.named(name).orElse(null);
        if (verb == null) {
            err.println("graft: unknown verb '" + name + "'; graft --help lists the verbs");
            return USAGE;
        }
        if (verb == Verb.BUILD) { // the build side: needs no node, and builds into the root unless told where
            if (root != null && !rest.contains("--out") && !rest.contains("--help")) {
                rest.addAll(List.of("--out", root.toString()));
            }
            return BuildCommand.run(rest, out, err);
        }
        if (root == null) {
            err.println("graft: no release root: pass --root ROOT (a release's bin/graft passes its own) or set GRAFT_ROOT");
            return USAGE;
        }
        Commands commands = new Commands(root, in, out, err);
        try {
            if (verb.startsNode()) {
                return commands.startNode(verb, NodeOptions.parse(rest));
            }
            if (rest.size() != verb.arguments) {
                err.println("graft: " + verb.name + " takes " + (verb.arguments == 0 ? "no arguments" : verb.usage)
                        + "; usage: graft " + verb.name + (verb.usage.isEmpty() ? "" : " " + verb.usage));
                return USAGE;
            }
            return commands.run(verb, rest.isEmpty() ? null : rest.getFirst());
        } catch (IllegalArgumentException e) {
            err.println("graft: " + e.getMessage());
            return USAGE;
        } catch (AdminException e) {
            err.println("graft: " + e.getMessage());
            if (e.reason().startsWith("{no_such_release,")) {
                err.println("graft: graft releases lists the releases the node knows; graft unpack ARCHIVE|VSN adds one");
            }
            return switch (e.kind()) {
                case NO_NODE -> NO_NODE;
                case UNSAFE, REFUSED -> REFUSED;
                case FAILED, BROKEN -> FAILED;
            };
        } catch (ReleaseException | IOException e) {
            err.println("graft: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("graft: interrupted");
            return FAILED;
        }
    }

    /** Removes {@code --root ROOT} from the arguments; else {@code GRAFT_ROOT}; else null. */
    private static Path rootOption(List<String> args) {
        int i = args.indexOf("--root");
        if (i >= 0 && i + 1 < args.size()) {
            Path root = Path.of(args.get(i + 1)).toAbsolutePath().normalize();
            args.subList(i, i + 2).clear();
            return root;
        }
        String env = System.getenv("GRAFT_ROOT");
        return env == null || env.isBlank() ? null : Path.of(env).toAbsolutePath().normalize();
    }

    static void help(PrintStream out) {
        out.println("usage: graft [--root ROOT] VERB [ARGS]");
        out.println();
        out.println("Drives the Graft node of a release root (lib/, releases/) through its admin channel.");
        out.println();
        for (Verb v : Verb.values()) {
            String head = v.name + (v.usage.isEmpty() ? "" : " " + v.usage);
            if (head.length() > 24) {
                out.printf("  %s%n  %-24s %s%n", head, "", v.summary);
            } else {
                out.printf("  %-24s %s%n", head, v.summary);
            }
        }
        out.println();
        out.println("Exit codes: 0 done, 1 the operation failed, 2 bad usage, 3 no node running,");
        out.println("4 the admin channel is unsafe (owner, permissions) or refused this client.");
    }

    /** {@code --admin} and {@code --name} of start and foreground. */
    record NodeOptions(NodeMain.Channel channel, String name) {
        static NodeOptions parse(List<String> args) {
            NodeMain.Channel channel = NodeMain.Channel.UNIX;
            String name = null;
            for (int i = 0; i < args.size(); i += 2) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(args.get(i) + " needs a value");
                }
                switch (args.get(i)) {
                    case "--admin" -> channel = NodeMain.Channel.parse(args.get(i + 1));
                    case "--name" -> name = args.get(i + 1);
                    default -> throw new IllegalArgumentException("unknown option '" + args.get(i)
                            + "'; start and foreground take --admin unix|tcp[:PORT] and --name NAME");
                }
            }
            return new NodeOptions(channel, name);
        }

        List<String> asArguments() {
            List<String> a = new ArrayList<>(List.of("--admin", channel.tcp() ? "tcp:" + channel.port() : "unix"));
            if (name != null) {
                a.addAll(List.of("--name", name));
            }
            return a;
        }
    }
}
