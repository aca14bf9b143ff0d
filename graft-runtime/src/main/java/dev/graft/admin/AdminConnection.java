package dev.graft.admin;

import dev.graft.release.ReleaseException;
import dev.graft.term.Terms;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One authenticated admin connection: reads requests and answers each (see {@link AdminProtocol}),
 * until the client closes it or asks the node to stop; then it is closed once the node has
 * stopped every process, which is how the client knows. Its console session, if it opened one,
 * ends with it.
 *
 * <p>Requests are served one at a time by the connection's thread; {@link #send} is also called
 * by the processes a console snippet spawned, so it is synchronized.
 */
final class AdminConnection {
    private final NodeAdmin admin;
    private final InputStream in;
    private final OutputStream out;
    private ConsoleSession console;

    AdminConnection(NodeAdmin admin, InputStream in, OutputStream out) {
        this.admin = admin;
        this.in = in;
        this.out = out;
    }

    synchronized void send(String... fields) {
        try {
            AdminProtocol.write(out, List.of(fields));
        } catch (IOException e) {
            throw new UncheckedIOException("the admin client went away", e);
        }
    }

    /** Serves requests until the client closes the connection or stops the node. */
    void serve() throws IOException {
        try {
            for (List<String> request; (request = AdminProtocol.read(in, AdminProtocol.LINE_LIMIT)) != null; ) {
                if (!answer(request)) {
                    return;
                }
            }
        } finally {
            if (console != null) {
                console.close();
            }
        }
    }

    /** Answers one request; false once the node is asked to stop. */
    private boolean answer(List<String> request) {
        String verb = request.getFirst();
        try {
            switch (verb) {
                case "ping" -> send("ok", "pong");
                case "status" -> send("ok", admin.status());
                case "releases" -> {
                    admin.whichReleases().forEach(line -> send("out", line));
                    send("ok", "");
                }
                case "unpack" -> send("ok", admin.unpack(Path.of(argument(request))));
                case "check" -> send("ok", admin.check(argument(request)));
                case "install" -> send("ok", admin.install(argument(request), line -> send("out", line)));
                case "permanent" -> {
                    admin.makePermanent(argument(request));
                    send("ok", "");
                }
                case "remove" -> {
                    admin.remove(argument(request));
                    send("ok", "");
                }
                case "eval" -> reply(console().evalAll(argument(request)));
                case "console" -> reply(console().evalLine(argument(request)));
                case "stop" -> {
                    send("ok", "stopping");
                    admin.requestStop();
                    admin.awaitStopped(Duration.ofSeconds(60)); // the client reads until the node closes this connection
                    return false;
                }
                default -> send("error", "bad_request", "unknown request '" + verb + "'");
            }
        } catch (BadRequest e) {
            send("error", "bad_request", e.getMessage());
        } catch (ReleaseException e) {
            send("error", reasonText(e.reason()), e.getMessage());
        } catch (IOException | RuntimeException e) {
            send("error", "exception", verb + " failed: " + e);
        }
        return true;
    }

    /**
     * A release error's reason as a term; one that holds what is no term (the pids and the
     * exceptions of a failed code change) as it prints, so the client still hears why.
     */
    private static String reasonText(Object reason) {
        try {
            return Terms.write(reason);
        } catch (IllegalArgumentException notATerm) {
            return String.valueOf(reason);
        }
    }

    private void reply(ConsoleSession.Result r) {
        switch (r.outcome()) {
            case MORE -> send("more");
            case OK -> send("ok", r.text());
            case ERROR -> send("error", "eval_failed", r.text());
        }
    }

    private ConsoleSession console() {
        if (console == null) {
            console = ConsoleSession.open(admin, line -> {
                try {
                    send("out", line);
                } catch (UncheckedIOException gone) {
                    // the console closed; what its processes still print is dropped, as by a dead group leader
                }
            });
        }
        return console;
    }

    private static String argument(List<String> request) throws BadRequest {
        if (request.size() != 2) {
            throw new BadRequest(request.getFirst() + " takes one argument, not " + (request.size() - 1));
        }
        return request.get(1);
    }

    /** A request the protocol does not allow. */
    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }
}
