package dev.graft.examples.chat;

import dev.graft.process.Exit;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP connection read as lines that arrive in its owner's mailbox: Erlang's {@code gen_tcp}
 * socket in {@code {active, true}, {packet, line}} mode. Shared code, loaded once and never
 * upgraded, as {@code gen_tcp} belongs to kernel rather than to the application that uses it.
 *
 * <p>The owner calls {@link #activate}; from then on a reader process, linked to it, sends it
 * {@link Line} for each line the peer sends and {@link Closed} once the peer has gone. So the
 * owner waits in {@code Proc.receive}, where it also takes messages from other processes, and
 * where a purge answers for it and a kill reaches it at once: it is never blocked in a socket
 * read. The reader holds no module code, so no upgrade touches it. It closes the socket when
 * the peer closes it or when the owner ends (it traps the link's exit signal and looks for it
 * every {@value #POLL_MILLIS} ms between reads). Neither it nor {@link #accept} blocks for longer
 * than that outside the runtime, so both die promptly of a kill (DESIGN decision 4: kill is
 * cooperative).
 *
 * <p>{@link #send} may be called by any process; writes of whole lines do not interleave.
 */
public final class LineSocket {
    /** A line the peer sent, without its end of line. */
    public record Line(LineSocket socket, String text) {}

    /** The peer closed the connection, or it broke; no {@link Line} follows. */
    public record Closed(LineSocket socket) {}

    private static final int POLL_MILLIS = 200;

    private final Socket socket;
    private final OutputStream out;
    /** Held for each whole line written. */
    private final ReentrantLock writing = new ReentrantLock();

    private LineSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /**
     * Waits for the next connection on {@code listener}: Erlang's {@code gen_tcp:accept/1}. It
     * makes a runtime call every {@value #POLL_MILLIS} ms while it waits, so an exit signal
     * (a supervisor's shutdown, a purge) reaches the calling process.
     */
    public static LineSocket accept(ServerSocket listener) {
        try {
            listener.setSoTimeout(POLL_MILLIS);
            for (;;) {
                try {
                    Socket s = listener.accept();
                    s.setTcpNoDelay(true);
                    return new LineSocket(s);
                } catch (SocketTimeoutException idle) {
                    Proc.yield();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("accept on " + listener + " failed", e);
        }
    }

    /** Makes the calling process the owner, to which the socket's lines are sent from now on. */
    public void activate() {
        Pid owner = Proc.self();
        Proc.spawnLink(() -> read(owner));
    }

    /**
     * Writes {@code line} and an end of line: Erlang's {@code gen_tcp:send/2}.
     *
     * @return false if the connection is closed (Erlang's {@code {error, closed}}); its owner
     *         hears of it as {@link Closed}
     */
    public boolean send(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        writing.lock();
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException closed) {
            return false;
        } finally {
            writing.unlock();
        }
    }

    /** Closes the connection; the owner gets {@link Closed}. */
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is already broken: nothing left to release
        }
    }

    /** The reader process: lines to the owner until the peer or the owner ends, then closes the socket. */
    private void read(Pid owner) throws IOException {
        try {
            Proc.trapExit(true);
            socket.setSoTimeout(POLL_MILLIS);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (;;) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException idle) {
                    if (Proc.receive(m -> m instanceof Exit e && e.from().equals(owner), 0) != null) {
                        return;
                    }
                    continue;
                } catch (IOException broken) {
                    n = -1;
                }
                if (n < 0) {
                    Proc.send(owner, new Closed(this));
                    return;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        Proc.send(owner, new Line(this, text(line)));
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
        } finally {
            close();
        }
    }

    /** A line's text, without the carriage return a terminal (nc, telnet) may end it with. */
    private static String text(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return "LineSocket[" + socket.getRemoteSocketAddress() + "]";
    }
}
