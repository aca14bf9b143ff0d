package dev.graft.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's clients catch what a broken server does: against a fake chat server on real TCP
 * that loses a line, answers nonsense, drops the connection or misses a roommate, the counts
 * say so, and the demo's report would fail.
 */
@Timeout(30)
class ChatClientTest {
    /** What the fake server does with a line from connection {@code from}: it may write to any connection. */
    @FunctionalInterface
    interface Behaviour {
        void handle(FakeChat chat, int from, String line) throws IOException;
    }

    /** A chat server in plain threads that answers /join as the chat does and the rest as its behaviour says. */
    static final class FakeChat implements AutoCloseable {
        final ServerSocket listening = new ServerSocket(0);
        final List<Socket> connections = new CopyOnWriteArrayList<>();

        FakeChat(Behaviour behaviour) throws IOException {
            Thread.ofVirtual().start(() -> {
                try {
                    for (;;) {
                        Socket s = listening.accept();
                        int index = connections.size();
                        connections.add(s);
                        Thread.ofVirtual().start(() -> serve(s, index, behaviour));
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
        }

        private void serve(Socket s, int index, Behaviour behaviour) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("/join ")) {
                        write(index, "* joined " + line.substring(6));
                    } else {
                        behaviour.handle(this, index, line);
                    }
                }
            } catch (IOException closed) {
                // the client or the test closed it
            }
        }

        synchronized void write(int connection, String line) {
            try {
                OutputStream out = connections.get(connection).getOutputStream();
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return listening.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listening.close();
            for (Socket s : connections) {
                s.close();
            }
        }
    }

    private final List<ChatClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(ChatClient::close);
    }

    private ChatClient connect(FakeChat chat, int id, int rooms) throws IOException {
        ChatClient c = ChatClient.connect(id, rooms, chat.port(), () -> 0, 1, deadline());
        clients.add(c);
        return c;
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    }

    @Test
    void anEchoOfEveryLine_isNoLoss() throws Exception {
        try (FakeChat chat = new FakeChat((c, from, line) -> c.write(from, line))) {
            ChatClient client = connect(chat, 0, 1);
            for (int i = 0; i < 3; i++) {
                client.sendLine();
            }
            assertThat(client.awaitAllBack(deadline())).isTrue();
            assertThat(client.counts()).isEqualTo(new ChatClient.Counts(3, 3, 0, 0, 1, 0, null, null));
        }
    }

    @Test
    void aLineThatNeverComesBack_isLost() throws Exception {
        // given a server that swallows the second line
        try (FakeChat chat = new FakeChat((c, from, line) -> {
            if (!line.equals("m0.2")) {
                c.write(from, line);
            }
        })) {
            ChatClient client = connect(chat, 0, 1);
            for (int i = 0; i < 3; i++) {
                client.sendLine();
            }
            // when the third comes back, the second never will
            assertThat(client.awaitAllBack(deadline())).isTrue();
            ChatClient.Counts counts = client.counts();
            assertThat(counts.sent() - counts.back()).isEqualTo(1);
        }
    }

    @Test
    void aLineOfNoProtocol_orAnotherClientsEcho_isUnexpected() throws Exception {
        try (FakeChat chat = new FakeChat((c, from, line) -> {
            c.write(from, "m7.1");
            c.write(from, "what?");
            c.write(from, line);
        })) {
            ChatClient client = connect(chat, 0, 1);
            client.sendLine();
            assertThat(client.awaitAllBack(deadline())).isTrue();
            assertThat(client.counts().unexpected()).isEqualTo(2);
            assertThat(client.counts().firstUnexpected()).isEqualTo("m7.1");
        }
    }

    @Test
    void aLineSaidInTheRoomByAPerson_isCountedApart() throws Exception {
        try (FakeChat chat = new FakeChat((c, from, line) -> {
            c.write(from, "bob: hello all");
            c.write(from, "c0: " + line);
        })) {
            ChatClient client = connect(chat, 0, 1);
            client.sendLine();
            assertThat(client.awaitAllBack(deadline())).isTrue();
            assertThat(client.counts().others()).isEqualTo(1);
            assertThat(client.counts().unexpected()).isZero();
        }
    }

    @Test
    void aConnectionTheServerCloses_isDropped() throws Exception {
        try (FakeChat chat = new FakeChat((c, from, line) -> c.connections.get(from).close())) {
            ChatClient client = connect(chat, 0, 1);
            client.sendLine();
            assertThat(client.awaitAllBack(deadline())).isFalse();
            assertThat(client.counts().dropped()).isEqualTo("the server closed the connection");
        }
    }

    @Test
    void aBroadcastARoommateNeverHeard_isLost() throws Exception {
        // given a server that broadcasts each line to both clients of room 0, but not client 1's first line to client 0
        try (FakeChat chat = new FakeChat((c, from, line) -> {
            for (int to = 0; to < 2; to++) {
                if (!(to == 0 && line.equals("m1.1"))) {
                    c.write(to, "c" + from + ": " + line);
                }
            }
        })) {
            ChatClient zero = connect(chat, 0, 1);
            ChatClient one = connect(chat, 1, 1);
            zero.sendLine();
            one.sendLine();
            one.sendLine();
            assertThat(zero.awaitAllBack(deadline()) && one.awaitAllBack(deadline())).isTrue();
            assertThat(zero.awaitHeard(one, deadline()) && one.awaitHeard(zero, deadline())).isTrue();

            // then client 0 missed one of client 1's lines, and client 1 missed none of client 0's
            assertThat(zero.missedFrom(one)).isEqualTo(1);
            assertThat(one.missedFrom(zero)).isZero();
            assertThat(zero.counts().heard()).isEqualTo(1);
        }
    }
}
