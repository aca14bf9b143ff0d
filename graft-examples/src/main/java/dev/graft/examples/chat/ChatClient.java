package dev.graft.examples.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the demo's clients: a real TCP connection to the chat that sends numbered lines,
 * {@code m<id>.<seq>}, and checks every line it gets against the protocols of releases 1 to 3.
 *
 * <p>What it counts, and what "lost" means across the protocol change. Every line the client
 * sends is handled by exactly one protocol version, and every version sends it back to its
 * sender exactly once: version 1 as it was sent (the echo), versions 2 and 3 as the room's
 * broadcast {@code NICK: line}, which the sender gets too. So:
 * <ul>
 * <li>an <em>own line back</em> is one of its lines come back, in either form; they must come
 *     back in the order sent, and one that has not come back by the end is <em>lost</em>;
 * <li>a line that came back as a broadcast was said in the room, so every roommate must
 *     <em>hear</em> it: one a roommate has not heard by the end is a <em>lost broadcast</em>
 *     (see {@link #missedFrom});
 * <li>anything else — a line out of order or twice, an echo of another client's line, a line
 *     from another room, a reply to a command not sent, a line of no protocol — is
 *     <em>unexpected</em>, and so is a command's wrong reply. Lines said in the room that are
 *     not numbered come from a person who joined in, and are only counted.
 * </ul>
 * A connection that ends before the client closes it is <em>dropped</em>.
 *
 * <p>Thread-safety: the sending thread, the driver (commands, waits) and the reader thread
 * share the counters under {@link #lock}; {@link #changed} is signalled at every line read,
 * for the driver's waits. Writes are serialised by {@link #writing}.
 */
final class ChatClient {
    private static final Pattern SAID = Pattern.compile("(\\S+): (.*)");
    private static final Pattern NUMBERED = Pattern.compile("m(\\d+)\\.(\\d+)");

    final int id;
    /** This client's room, {@code id % roomCount}: room-0, room-1, ... */
    final int room;
    private final int roomCount;
    private final Socket socket;
    private final OutputStream out;
    private final IntSupplier step;

    private final ReentrantLock writing = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by lock: lines m<id>.1 to m<id>.sent were written. */
    private int sent;
    /** Guarded by lock: the seq of the last own line back; lines come back in order. */
    private int back;
    /** Guarded by lock: own lines back. */
    private int backCount;
    /** Guarded by lock: when each sent line was written (ns), and in which step of the demo. */
    private long[] sentAt = new long[64];
    private int[] sentInStep = new int[64];
    /** Guarded by lock: the longest an own line took to come back (ns), by the step it was sent in. */
    private final long[] longestWait;
    /** Guarded by lock: own lines that came back as broadcasts, which the room heard too. */
    private final BitSet broadcast = new BitSet();
    /** Guarded by lock: roommates' lines heard, by roommate. */
    private final Map<Integer, BitSet> heard = new HashMap<>();
    private int heardCount;
    /** Guarded by lock: lines said in the room by others than the demo's clients (a person with nc). */
    private int others;
    /** Guarded by lock: what the reply to the command in flight must satisfy, or null; and the replies that did. */
    private Predicate<String> awaiting;
    private int answered;
    /** Guarded by lock: unexpected lines, and the first one, to show. */
    private int unexpected;
    private String firstUnexpected;
    /** Set when the client closes the connection itself; an end before that is a drop. */
    private volatile boolean closing;
    private volatile String dropped;

    private ChatClient(int id, int roomCount, Socket socket, IntSupplier step, int steps) throws IOException {
        this.id = id;
        this.room = id % roomCount;
        this.roomCount = roomCount;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.step = step;
        this.longestWait = new long[steps];
    }

    /**
     * Connects client {@code id} to the chat on {@code port}, starts reading, and joins its
     * room (one of {@code roomCount}), waiting for the reply. {@code step} says which step of the demo runs, for
     * the waits it records; there are {@code steps} of them.
     */
    static ChatClient connect(int id, int roomCount, int port, IntSupplier step, int steps, long deadlineNanos) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", port), 10_000);
        socket.setTcpNoDelay(true);
        ChatClient c = new ChatClient(id, roomCount, socket, step, steps);
        Thread.ofVirtual().name("chat client " + id + " reader").start(c::read);
        String join = "* joined room-" + c.room;
        c.command("/join room-" + c.room, join::equals);
        if (!c.awaitAnswer(deadlineNanos)) {
            throw new IOException("client " + id + " got no '" + join + "' in time" + c.dropCause());
        }
        return c;
    }

    String nick() {
        return "c" + id;
    }

    /** Sends the next numbered line. Called by one thread at a time. */
    void sendLine() {
        int seq;
        lock.lock();
        try {
            seq = sent + 1;
            if (seq == sentAt.length) {
                sentAt = Arrays.copyOf(sentAt, seq * 2);
                sentInStep = Arrays.copyOf(sentInStep, seq * 2);
            }
            sentAt[seq] = System.nanoTime();
            sentInStep[seq] = step.getAsInt();
            sent = seq; // before the write: the line may come back before write returns
        } finally {
            lock.unlock();
        }
        write("m" + id + "." + seq);
    }

    /** Sends a command whose one reply must satisfy {@code reply}; {@link #awaitAnswer} waits for it. */
    void command(String line, Predicate<String> reply) {
        lock.lock();
        try {
            awaiting = reply;
        } finally {
            lock.unlock();
        }
        write(line);
    }

    /** Waits until the command in flight has its reply; false if the deadline passed or the connection dropped. */
    boolean awaitAnswer(long deadlineNanos) {
        return await(() -> awaiting == null, deadlineNanos);
    }

    /** Waits until every line sent is back; false if the deadline passed first. */
    boolean awaitAllBack(long deadlineNanos) {
        return await(() -> back >= sent, deadlineNanos);
    }

    /** Waits until this client heard {@code other}'s last broadcast line; false if the deadline passed first. */
    boolean awaitHeard(ChatClient other, long deadlineNanos) {
        int last = other.lastBroadcast();
        return last < 0 || await(() -> heard.getOrDefault(other.id, new BitSet()).get(last), deadlineNanos);
    }

    private boolean await(BooleanSupplier done, long deadlineNanos) {
        lock.lock();
        try {
            while (!done.getAsBoolean()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || dropped != null) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection (not a drop). */
    void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    // ---- what it counted ----

    record Counts(int sent, int back, int heard, int others, int answered, int unexpected, String firstUnexpected,
                  String dropped) {}

    Counts counts() {
        lock.lock();
        try {
            return new Counts(sent, backCount, heardCount, others, answered, unexpected, firstUnexpected, dropped);
        } finally {
            lock.unlock();
        }
    }

    /** The longest an own line sent in {@code step} took to come back, in ms. */
    long longestWaitMillis(int step) {
        lock.lock();
        try {
            return TimeUnit.NANOSECONDS.toMillis(longestWait[step]);
        } finally {
            lock.unlock();
        }
    }

    /** How many of {@code sender}'s broadcast lines this client, its roommate, never heard. */
    int missedFrom(ChatClient sender) {
        BitSet said = sender.broadcastLines();
        lock.lock();
        try {
            said.andNot(heard.getOrDefault(sender.id, new BitSet()));
            return said.cardinality();
        } finally {
            lock.unlock();
        }
    }

    private BitSet broadcastLines() {
        lock.lock();
        try {
            return (BitSet) broadcast.clone();
        } finally {
            lock.unlock();
        }
    }

    private int lastBroadcast() {
        lock.lock();
        try {
            return broadcast.length() - 1;
        } finally {
            lock.unlock();
        }
    }

    private String dropCause() {
        return dropped == null ? "" : " (dropped: " + dropped + ")";
    }

    // ---- the connection ----

    /**
     * Writes one line, under {@link #writing} and never under {@link #lock}: a write that waits
     * for the server to read must not stop this client from reading what the server writes.
     */
    private void write(String line) {
        writing.lock();
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            drop("write failed: " + e.getMessage());
        } finally {
            writing.unlock();
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                received(line);
            }
            drop("the server closed the connection");
        } catch (IOException e) {
            drop(e.getMessage());
        }
    }

    private void drop(String cause) {
        if (closing) {
            return;
        }
        lock.lock();
        try {
            if (dropped == null) {
                dropped = cause;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void received(String line) {
        long now = System.nanoTime();
        lock.lock();
        try {
            if (line.startsWith("* ")) {
                if (awaiting != null && awaiting.test(line)) {
                    awaiting = null;
                    answered++;
                } else {
                    unexpected(line);
                }
                return;
            }
            Matcher said = SAID.matcher(line);
            String nick = said.matches() ? said.group(1) : null;
            Matcher m = NUMBERED.matcher(nick == null ? line : said.group(2));
            if (!m.matches()) {
                if (nick != null) {
                    others++; // said in the room by someone who joined in (nc), not by a client of the demo
                } else {
                    unexpected(line);
                }
                return;
            }
            int from = Integer.parseInt(m.group(1));
            int seq = Integer.parseInt(m.group(2));
            if (from == id) {
                ownLineBack(seq, nick, now, line);
            } else if (nick != null && from % roomCount == room) {
                if (heard.computeIfAbsent(from, k -> new BitSet()).get(seq)) {
                    unexpected(line);
                } else {
                    heard.get(from).set(seq);
                    heardCount++;
                }
            } else {
                unexpected(line);
            }
        } finally {
            changed.signalAll();
            lock.unlock();
        }
    }

    /** Under lock. */
    private void ownLineBack(int seq, String nick, long now, String line) {
        boolean ownNick = nick == null || nick.equals("anon") || nick.equals(nick());
        if (seq <= back || seq > sent || !ownNick) {
            unexpected(line);
            return;
        }
        back = seq; // lines skipped over never come back: they count as lost
        backCount++;
        if (nick != null) {
            broadcast.set(seq);
        }
        int s = sentInStep[seq];
        longestWait[s] = Math.max(longestWait[s], now - sentAt[seq]);
    }

    /** Under lock. */
    private void unexpected(String line) {
        if (unexpected++ == 0) {
            firstUnexpected = line;
        }
    }
}
