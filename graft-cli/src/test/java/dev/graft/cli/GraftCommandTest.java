package dev.graft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.admin.AdminClient;
import dev.graft.admin.AdminProtocol;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command end to end, on real archives and real node JVMs: one node is started on release 1
 * of the counter application and driven through the tests in order — ping, status, eval,
 * upgrade, downgrade, a remote console, refusals and bad input — then stopped. A second node
 * listens on loopback TCP with a cookie.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a node that never answers, not a measurement
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GraftCommandTest {
    @TempDir
    static Path dir;
    Path root;
    Path v1;
    Path v2;

    @BeforeAll
    void buildReleases() throws Exception {
        List<Path> archives = CounterReleases.build(dir);
        v1 = archives.get(0);
        v2 = archives.get(1);
        root = dir.resolve("node");
    }

    @AfterAll
    void stopTheNodeIfATestLeftItRunning() throws Exception {
        AdminClient.pid(root).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
    }

    private GraftCommand.Result graft(String... args) throws Exception {
        return GraftCommand.run(root, "", args);
    }

    @Test
    @Order(1)
    void withNoNodeRunning_theVerbsSaySoAndHowToStartOne() throws Exception {
        GraftCommand.Result ping = graft("ping");
        assertThat(ping.exit()).as(ping.toString()).isEqualTo(Graft.NO_NODE);
        assertThat(ping.err()).contains("no node running at " + root + ": start it with graft --root " + root + " start");

        GraftCommand.Result unknown = graft("upgrayedd", "2");
        assertThat(unknown.exit()).isEqualTo(Graft.USAGE);
        assertThat(unknown.err()).contains("unknown verb 'upgrayedd'; graft --help lists the verbs");

        GraftCommand.Result help = graft("--help");
        assertThat(help.exit()).isZero();
        for (Verb v : Verb.values()) {
            assertThat(help.out()).contains("  " + v.name);
        }
    }

    @Test
    @Order(2)
    void theFirstReleaseIsUnpackedOffline_andTheNodeStartsOnIt() throws Exception {
        GraftCommand.Result unpack = graft("unpack", v1.toString());
        assertThat(unpack.exit()).as(unpack.toString()).isZero();
        assertThat(unpack.out()).contains("release 1 is unpacked");

        Files.writeString(root.resolve("releases/1/vm.args"), "# the node's JVM options\n-Dcounter.greeting=hello\n");
        GraftCommand.Result start = graft("start");
        assertThat(start.exit()).as(start.toString()).isZero();
        assertThat(start.out()).contains("starting a node at " + root + " on release counter 1").contains("is up");

        assertThat(graft("ping").out()).isEqualTo("pong\n");
        GraftCommand.Result status = graft("status");
        assertThat(status.out()).contains("release    counter 1 (permanent)").contains("apps       counter 1")
                .contains("admin      unix socket " + root.resolve("run/admin.sock"));
        assertThat(graft("releases").out()).isEqualTo("counter 1 permanent\n");
    }

    @Test
    @Order(3)
    void eval_runsSnippetsInsideTheNode() throws Exception {
        GraftCommand.Result bump = graft("eval", "Object reply = CodeServer.of(node).apply(\"counter.Counter\", \"bump\", 5);");
        assertThat(bump.exit()).as(bump.toString()).isZero();
        assertThat(bump.out()).contains("reply ==> \"v1:5\"");

        assertThat(graft("eval", "System.getProperty(\"counter.greeting\")").out()).as("releases/1/vm.args")
                .contains("==> \"hello\"");

        GraftCommand.Result wrong = graft("eval", "nosuch(1)");
        assertThat(wrong.exit()).isEqualTo(Graft.FAILED);
        assertThat(wrong.err()).contains("cannot find symbol").contains("nosuch(1)");
    }

    @Test
    @Order(4)
    void upgrade_unpacksInstallsAndMakesPermanent_andTheServerKeepsItsState() throws Exception {
        Files.copy(v2, root.resolve("releases").resolve(v2.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        GraftCommand.Result plan = graft("unpack", "2");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(graft("check", "2").out()).contains("install 2 over 1").contains("code change counter.Counter: 1 process(es)");

        GraftCommand.Result up = graft("upgrade", "2");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).contains("==> installing release 2")
                .contains("    install 2 over 1\n      load        counter.Label2\n      load        counter.Counter\n")
                .contains("      code change counter.Counter: 1 process(es) migrate their state")
                .contains("==> making 2 permanent")
                .contains("runs release 2 (permanent)");
        assertThat(graft("releases").out()).isEqualTo("counter 1 old\ncounter 2 permanent\n");
        assertThat(graft("eval", "getState(\"counter\")").out()).contains("State[count=5, upgrades=1]");
    }

    @Test
    @Order(5)
    void downgrade_installsTheEarlierReleaseByTheRelupsDowngrade() throws Exception {
        GraftCommand.Result down = graft("downgrade", "1");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(graft("releases").out()).isEqualTo("counter 1 permanent\ncounter 2 old\n");
        assertThat(graft("eval", "apply(\"counter.Counter\", \"bump\", 1)").out()).contains("\"v1:6\"");
    }

    @Test
    @Order(6)
    void install_makesAReleaseCurrent_andMakePermanentCommitsIt() throws Exception {
        GraftCommand.Result install = graft("install", "2");
        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(install.out()).contains("installing 2 over 1 (one transaction: a failure leaves 1 running)");
        assertThat(graft("releases").out()).isEqualTo("counter 1 permanent\ncounter 2 current\n");

        assertThat(graft("make-permanent", "2").out()).contains("release 2 is permanent");
        assertThat(graft("releases").out()).isEqualTo("counter 1 old\ncounter 2 permanent\n");
    }

    @Test
    @Order(7)
    void remote_isAConsoleInsideTheNode_withSnippetsAndHelpers() throws Exception {
        Files.createDirectories(root.resolve("src/hello"));
        Files.writeString(root.resolve("src/hello/Hello.java"), """
                package hello;

                public final class Hello {
                    public static String hi() {
                        return "hi from " + Hello.class.getClassLoader().getName();
                    }
                }
                """);
        GraftCommand.Result console = GraftCommand.run(root, """
                int x = 20 +
                  22;
                x
                processes()
                getStatus("counter").module()
                System.out.println("hello from " + Proc.self());
                c("src/hello/Hello.java")
                CodeServer.of(node).apply("hello.Hello", "hi")
                /exit
                """, "remote");
        assertThat(console.exit()).as(console.toString()).isZero();
        assertThat(console.out()).contains("Graft console on node node")
                .contains("  ...> ")
                .contains("x ==> 42")
                .containsPattern("<\\d+\\.\\d+\\.0> +counter +waiting +0 +counter\\.Counter@2")
                .contains("==> \"counter.Counter\"")
                .containsPattern("hello from <\\d+\\.\\d+\\.0>")
                .containsPattern("\"hi from hello\\.Hello@[0-9a-f]{32}\"");
    }

    @Test
    @Order(8)
    void badVersions_areRefusedAndChangeNothing() throws Exception {
        GraftCommand.Result noArchive = graft("upgrade", "9");
        assertThat(noArchive.exit()).isEqualTo(Graft.USAGE);
        assertThat(noArchive.err()).contains("release 9 is not unpacked and no archive NAME-9.zip is in");

        GraftCommand.Result install = graft("install", "9");
        assertThat(install.exit()).isEqualTo(Graft.FAILED);
        assertThat(install.err()).contains("no release 9 is known")
                .contains("graft releases lists the releases the node knows; graft unpack ARCHIVE|VSN adds one");

        GraftCommand.Result permanent = graft("remove", "2");
        assertThat(permanent.exit()).isEqualTo(Graft.FAILED);
        assertThat(permanent.err()).contains("release 2 is permanent and cannot be removed");
        assertThat(graft("releases").out()).isEqualTo("counter 1 old\ncounter 2 permanent\n");
    }

    @Test
    @Order(9)
    void anAdminDirectoryOthersCanOpen_isRefusedByTheCommand() throws Exception {
        Path run = root.resolve("run");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            GraftCommand.Result ping = graft("ping");
            assertThat(ping.exit()).isEqualTo(Graft.REFUSED);
            assertThat(ping.err()).contains(run + " has permissions rwxr-xr-x: others could open it")
                    .contains("chmod 700 " + run);
        } finally {
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        }
        assertThat(graft("ping").exit()).isZero();
    }

    @Test
    @Order(10)
    void aForegroundNodeOnLoopbackTcp_refusesAWrongCookie_andLogsIt_andNeedsAnOwnerOnlyAdminDirectory() throws Exception {
        Path tcpRoot = dir.resolve("tcp-node");
        assertThat(GraftCommand.run(tcpRoot, "", "unpack", v1.toString()).exit()).isZero();
        // a node will not open its channel in an admin directory others can open
        Files.createDirectories(tcpRoot.resolve("run"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(tcpRoot.resolve("run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        GraftCommand.Result unsafe = GraftCommand.run(tcpRoot, "", "start", "--admin", "tcp");
        assertThat(unsafe.exit()).as(unsafe.toString()).isEqualTo(Graft.FAILED);
        assertThat(unsafe.err()).contains("the node exited with code 1 while starting")
                .contains("graft node: " + tcpRoot.resolve("run") + " has permissions rwxr-xr-x");
        Files.setPosixFilePermissions(tcpRoot.resolve("run"), PosixFilePermissions.fromString("rwx------"));

        // the node runs in the foreground of a command of its own, and says when it is up
        Process foreground = GraftCommand.spawn(tcpRoot, "foreground", "--admin", "tcp", "--name", "tcp-node");
        BufferedReader console = new BufferedReader(new InputStreamReader(foreground.getInputStream(), StandardCharsets.UTF_8));
        assertThat(console.readLine()).startsWith("node tcp-node running release counter 1 at " + tcpRoot
                + "; admin channel: loopback tcp port ");
        try {
            assertThat(GraftCommand.run(tcpRoot, "", "ping").out()).isEqualTo("pong\n");
            assertThat(Files.getPosixFilePermissions(tcpRoot.resolve("run/cookie")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));

            int port = Integer.parseInt(Files.readString(tcpRoot.resolve("run/admin.port")).strip());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = s.getOutputStream();
                InputStream in = new BufferedInputStream(s.getInputStream());
                AdminProtocol.write(out, List.of("hello", AdminProtocol.VERSION, "0".repeat(64)));
                assertThat(AdminProtocol.read(in, 4096)).containsExactly("error", "refused", "wrong cookie");
                assertThat(in.read()).as("the node closes the connection").isEqualTo(-1);
            }
            String logged = console.readLine();
            while (logged != null && !logged.contains("refused an admin connection")) {
                logged = console.readLine();
            }
            assertThat(logged).contains("refused an admin connection from /127.0.0.1").contains("wrong cookie");
        } finally {
            GraftCommand.Result stop = GraftCommand.run(tcpRoot, "", "stop");
            assertThat(stop.exit()).as(stop.toString()).isZero();
        }
        assertThat(foreground.waitFor()).isZero();
    }

    @Test
    @Order(11)
    void aNodeKilledHard_leavesAStaleChannel_andStartsAgainOnItsPermanentRelease() throws Exception {
        ProcessHandle node = ProcessHandle.of(AdminClient.pid(root).orElseThrow()).orElseThrow();
        node.destroyForcibly();
        node.onExit().get();

        GraftCommand.Result ping = graft("ping");
        assertThat(ping.exit()).isEqualTo(Graft.NO_NODE);
        assertThat(ping.err()).contains("its admin channel is left from a node that is gone");

        GraftCommand.Result start = graft("start");
        assertThat(start.exit()).as(start.toString()).isZero();
        assertThat(start.out()).contains("on release counter 2");
        assertThat(graft("eval", "getState(\"counter\")").out()).contains("State[count=0, upgrades=0]");
    }

    @Test
    @Order(12)
    void stop_stopsTheNode_andThenNoNodeRuns() throws Exception {
        long pid = AdminClient.pid(root).orElseThrow();
        GraftCommand.Result stop = graft("stop");
        assertThat(stop.exit()).as(stop.toString()).isZero();
        assertThat(stop.out()).contains("stopping node node (os pid " + pid + ")").contains("stopped in");
        assertThat(graft("ping").exit()).isEqualTo(Graft.NO_NODE);
        assertThat(Files.readString(root.resolve("log/node.log"))).contains("node node stopping: applications, then processes")
                .contains("node node stopped");
        assertThat(graft("releases").out()).contains("no node running").contains("counter 2 permanent");
    }
}
