package dev.graft.application;

import static dev.graft.application.TestApp.await;
import static dev.graft.application.TestApp.awaitDown;
import static dev.graft.application.TestApp.mod;
import static dev.graft.application.TestApp.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.application.ApplicationError.AlreadyLoaded;
import dev.graft.application.ApplicationError.AlreadyStarted;
import dev.graft.application.ApplicationError.BadReturn;
import dev.graft.application.ApplicationError.CallbackCall;
import dev.graft.application.ApplicationError.CallbackError;
import dev.graft.application.ApplicationError.NotLoaded;
import dev.graft.application.ApplicationError.NotStarted;
import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.UndefinedCallbackModuleException;
import dev.graft.code.CodeServer;
import dev.graft.code.Lab;
import dev.graft.process.Io;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.NodeExtension.CrashLog;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessInfo;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.term.Atom;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application controller and master: load, start, stop, their errors as OTP 25 gives
 * them ({@code erl}), and what an application's processes are.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class ApplicationControllerTest {

    private static List<String> running(ApplicationController apps) {
        return apps.whichApplications().stream().map(ApplicationInfo::name).toList();
    }

    /** In a process: the next event any callback told the observer. */
    private static Object nextEvent() {
        return Lab.await("an event", m -> m instanceof List<?>);
    }

    @Test
    void load_ofAnAppFile_givesItsSpecAndEnvironment(Node node, @TempDir Path dir) throws Exception {
        // given a .app file written as text
        Path file = dir.resolve("kv.app");
        Files.writeString(file, """
                %% the key-value store
                {application, kv,
                 [{description, "A key-value store"},
                  {vsn, "1.1.0"},
                  {modules, []},
                  {registered, []},
                  {applications, [kernel, stdlib]},
                  {mod, {'dev.graft.application.TestApp', ok}},
                  {env, [{max_keys, 1024}, {greeting, "hello"}]}]}.
                """);
        ApplicationController apps = ApplicationController.of(node);
        // when it is loaded
        Outcome<Void> loaded = apps.load(file);
        // then its spec and environment are the file's, and it does not run
        assertThat(loaded).isEqualTo(Outcome.ok());
        assertThat(apps.loadedApplications()).contains(new ApplicationInfo("kv", "A key-value store", "1.1.0"));
        assertThat(apps.getAllEnv("kv")).containsExactly(Map.entry("max_keys", 1024L), Map.entry("greeting", "hello"));
        assertThat(apps.getEnv("kv", "max_keys")).contains(1024L);
        assertThat(running(apps)).containsExactly("stdlib", "kernel");
    }

    @Test
    void load_ofASpecWrittenByAppSpec_andStart_runTheApplication(Node node, @TempDir Path dir) throws Exception {
        AppSpec kv = spec("kv", "{vsn, \"2\"}", mod("ok"), "{env, [{port, 8080}]}");
        kv.write(dir.resolve("kv.app"));
        ApplicationController apps = ApplicationController.of(node);
        node.runProcess(() -> {
            Proc.register("observer", Proc.self());
            assertThat(apps.load(dir.resolve("kv.app"))).isEqualTo(Outcome.ok());
            assertThat(apps.start("kv")).isEqualTo(Outcome.ok());
            assertThat(await("started").get(1)).isEqualTo("kv");
            assertThat(apps.whichApplications()).first().isEqualTo(new ApplicationInfo("kv", "kv", "2"));
            return null;
        });
    }

    @Test
    void load_twice_isAlreadyLoaded_andUnload_ofWhatIsNotLoaded_isNotLoaded(Node node) {
        ApplicationController apps = ApplicationController.of(node);
        assertThat(apps.load(spec("a"))).isEqualTo(Outcome.ok());
        assertThat(apps.load(spec("a"))).isEqualTo(Outcome.error(new AlreadyLoaded("a")));
        assertThat(apps.unload("a")).isEqualTo(Outcome.ok());
        assertThat(apps.unload("a")).isEqualTo(Outcome.error(new NotLoaded("a")));
        assertThat(apps.load(Path.of("no/such/b.app")).toString()).isEqualTo("{error,{\"no such file or directory\",\"b.app\"}}");
    }

    @Test
    void start_ofAnApplicationWhoseDependencyIsNotStarted_isNotStarted_andStartsNothing(Node node) {
        // given b, which needs a, both loaded
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("a", mod("ok"))).orThrow();
        apps.load(spec("b", "{applications, [kernel, stdlib, a]}", mod("ok"))).orThrow();
        // when b is started before a
        Outcome<Void> started = apps.start("b");
        // then it is refused, as OTP refuses it, and a is not started for it
        assertThat(started).isEqualTo(Outcome.error(new NotStarted("a")));
        assertThat(started.toString()).isEqualTo("{error,{not_started,a}}");
        assertThat(running(apps)).containsExactly("stdlib", "kernel");
    }

    @Test
    void start_inDependencyOrder_runsEach_newestFirstInWhichApplications(Node node) {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("a", mod("ok"))).orThrow();
        apps.load(spec("b", "{applications, [kernel, stdlib, a]}", mod("ok"))).orThrow();
        apps.load(spec("c", "{applications, [kernel, a, opt]}", "{optional_applications, [opt]}")).orThrow();

        assertThat(apps.start("a")).isEqualTo(Outcome.ok());
        assertThat(apps.start("b")).isEqualTo(Outcome.ok());
        assertThat(apps.start("c")).as("an optional dependency is not required").isEqualTo(Outcome.ok());

        assertThat(running(apps)).containsExactly("c", "b", "a", "stdlib", "kernel");
        assertThat(apps.start("a")).isEqualTo(Outcome.error(new AlreadyStarted("a")));
        assertThat(apps.unload("a").toString()).isEqualTo("{error,{running,a}}");
    }

    @Test
    void start_ofAnApplicationNotLoaded_loadsItFromTheCodePath_withItsIncludedApplications(Node node, @TempDir Path dir)
            throws Exception {
        // given top.app, which includes lib, in a directory of the code path
        spec("top", "{included_applications, [lib]}", mod("ok")).write(dir.resolve("top.app"));
        spec("lib", "{env, [{level, 3}]}").write(dir.resolve("lib.app"));
        CodeServer.of(node).codePath().add(dir);
        ApplicationController apps = ApplicationController.of(node);
        // when top is started without being loaded
        assertThat(apps.start("top")).isEqualTo(Outcome.ok());
        // then both are loaded, and only top runs
        assertThat(apps.loadedApplications()).extracting(ApplicationInfo::name).contains("top", "lib");
        assertThat(apps.getEnv("lib", "level")).contains(3L);
        assertThat(running(apps)).first().isEqualTo("top");
        assertThat(running(apps)).doesNotContain("lib");
        assertThat(apps.start("nowhere").toString()).isEqualTo("{error,{\"no such file or directory\",\"nowhere.app\"}}");
    }

    @Test
    void aSecondStart_joinsTheFirst_andASecondStop_isNotStarted(Node node) throws Exception {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("slow", mod("gated"))).orThrow();
        node.runProcess(() -> {
            Proc.register("observer", Proc.self());
            Pid self = Proc.self();
            // given a start under way
            Proc.spawn(() -> Proc.send(self, List.of("first start", apps.start("slow"))));
            Pid master = (Pid) await("starting").get(2);
            // when a second start comes before it is done (the controller's request itself: the
            // facade's start makes a call before it, and awaitCalling must see the one that matters)
            Pid controller = node.whereis("application_controller").orElseThrow();
            awaitCalling(Proc.spawn(() -> Proc.send(self, List.of("second start",
                    GenServer.<Outcome<Void>>call(controller, new Controller.Start("slow", RestartType.TEMPORARY), Proc.INFINITY)))));
            Proc.send(master, "go");
            // then both are answered ok, as the one start they are
            assertThat(await("first start")).isEqualTo(List.of("first start", Outcome.ok()));
            assertThat(await("second start")).isEqualTo(List.of("second start", Outcome.ok()));

            // given a stop under way, when a second stop comes, then it finds the application stopped
            Proc.spawn(() -> Proc.send(self, List.of("first stop", apps.stop("slow"))));
            await("stopping");
            awaitCalling(Proc.spawn(() -> Proc.send(self, List.of("second stop", apps.stop("slow")))));
            Proc.send(master, "go");
            assertThat(await("first stop")).isEqualTo(List.of("first stop", Outcome.ok()));
            assertThat(await("second stop")).isEqualTo(List.of("second stop", Outcome.error(new NotStarted("slow"))));
            return null;
        });
    }

    /**
     * In a process: waits until {@code caller}, which makes one call, waits in it: its request
     * is in the controller's mailbox. Polled: the runtime gives no event for it (the test's
     * timeout fails it if it never does).
     */
    private static void awaitCalling(Pid caller) {
        while (Proc.info(caller).map(i -> i.status() != ProcessInfo.Status.WAITING).orElse(true)) {
            Proc.sleep(1);
        }
    }

    @Test
    void stop_callsPrepStop_shutsTheTopDown_callsStop_andKillsTheApplicationsOtherProcesses(Node node) throws Exception {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("a", mod("ok"))).orThrow();
        apps.load(spec("b", mod("ok"))).orThrow();
        node.runProcess(() -> {
            // given two running applications, a with a worker beside its top
            Proc.register("observer", Proc.self());
            apps.start("a").orThrow();
            Pid top = (Pid) await("started").get(2);
            apps.start("b").orThrow();
            await("started");
            Pid worker = GenServer.call(top, "worker");
            Ref workerGone = Proc.monitor(worker);
            // when a is stopped
            Outcome<Void> stopped = apps.stop("a");
            // then the callbacks ran in OTP's order, each process of a died, and b runs on
            assertThat(stopped).isEqualTo(Outcome.ok());
            assertThat(List.of(nextEvent(), nextEvent(), nextEvent())).containsExactly(
                    List.of("prep_stop", "a", Atom.of("state0")),
                    List.of("terminate", Reason.SHUTDOWN),
                    List.of("stop", "a", List.of(Atom.of("prepped"), Atom.of("state0"))));
            assertThat(awaitDown(workerGone).reason()).isEqualTo(Reason.KILLED);
            assertThat(running(apps)).containsExactly("b", "stdlib", "kernel");
            assertThat(apps.loadedApplications()).extracting(ApplicationInfo::name).contains("a");
            assertThat(apps.stop("a")).isEqualTo(Outcome.error(new NotStarted("a")));
            return null;
        });
    }

    @Test
    void aTopThatIgnoresShutdown_isKilledAfterTheShutdownTimeout(Node node, CrashLog log) throws Exception {
        ApplicationController apps = ApplicationController.of(node);
        apps.shutdownTimeout(Duration.ofMillis(50));
        apps.load(spec("deaf", mod("deaf"))).orThrow();
        node.runProcess(() -> {
            Proc.register("observer", Proc.self());
            apps.start("deaf").orThrow();
            Pid top = (Pid) await("started").get(2);
            Ref ref = Proc.monitor(top);
            assertThat(apps.stop("deaf")).isEqualTo(Outcome.ok());
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILLED);
            return null;
        });
        assertThat(log.records()).anySatisfy(r -> assertThat(r.getMessage()).contains("did not exit within"));
    }

    @Test
    void aTopTheCallbackDidNotLink_isLinkedByTheMaster(Node node) throws Exception {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("loose", mod("unlinked"))).orThrow();
        node.runProcess(() -> {
            Proc.register("observer", Proc.self());
            apps.start("loose").orThrow();
            Pid top = (Pid) await("started").get(2);
            Pid master = node.groupLeader(top).orElseThrow();
            assertThat(node.info(top).orElseThrow().links()).contains(master);
            apps.stop("loose").orThrow();
            return null;
        });
    }

    @Test
    void start_reportsTheCallbacksFailures_inOtpsShapes(Node node) {
        // given applications whose start fails in each way
        ApplicationController apps = ApplicationController.of(node);
        for (String mode : List.of("error", "throw", "null")) {
            apps.load(spec(mode, mod(mode))).orThrow();
        }
        apps.load(spec("ghost", "{mod, {'no.such.Module', []}}")).orThrow();
        CallbackCall call = new CallbackCall(TestApp.NAME, "start", List.of(StartType.NORMAL, Atom.of("error")));
        // when each is started, then each error says what OTP's does
        assertThat(apps.start("error")).isEqualTo(Outcome.error(new CallbackError(Atom.of("nope"), call)));
        assertThat(apps.start("error").toString())
                .isEqualTo("{error,{nope,{'dev.graft.application.TestApp',start,[normal,error]}}}");
        assertThat(apps.start("throw")).isInstanceOfSatisfying(Outcome.Error.class, e ->
                assertThat(e.reason()).isInstanceOfSatisfying(BadReturn.class, b ->
                        assertThat((Throwable) b.value()).isInstanceOf(IllegalStateException.class).hasMessage("boom")));
        assertThat(apps.start("null").toString())
                .isEqualTo("{error,{bad_return,{{'dev.graft.application.TestApp',start,[normal,null]},null}}}");
        assertThat(apps.start("ghost")).isInstanceOfSatisfying(Outcome.Error.class, e ->
                assertThat(((BadReturn) e.reason()).value()).isInstanceOf(UndefinedCallbackModuleException.class));
        // and none of them runs, and all stay loaded
        assertThat(running(apps)).containsExactly("stdlib", "kernel");
        assertThat(apps.loadedApplications()).hasSize(6);
    }

    @Test
    void startPhases_runInOrderAfterStart_andAFailingOneFailsTheStart(Node node) throws Exception {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("phased", mod("ok"), "{start_phases, [{init, []}, {go, []}]}")).orThrow();
        apps.load(spec("broken", mod("ok"), "{start_phases, [{init, []}, {fail, x}]}")).orThrow();
        node.runProcess(() -> {
            Proc.register("observer", Proc.self());
            apps.start("phased").orThrow();
            assertThat(await("started").get(1)).isEqualTo("phased");
            assertThat(await("phase")).isEqualTo(List.of("phase", "phased", "init"));
            assertThat(await("phase")).isEqualTo(List.of("phase", "phased", "go"));

            Outcome<Void> broken = apps.start("broken");
            assertThat(broken.toString()).startsWith(
                    "{error,{bad_return,{{'dev.graft.application.TestApp',start_phase,[fail,normal,x]},");
            Pid top = (Pid) await("started").get(2);
            assertThat(node.info(top)).as("the top of a failed start is shut down").isEmpty();
            assertThat(running(apps)).containsExactly("phased", "stdlib", "kernel");
            return null;
        });
    }

    @Test
    void theApplicationsProcesses_belongToIt_andPrintWhereTheNodePrints(Node node) throws Exception {
        // given a node whose processes print to a stream of the test's, and a running application
        PrintStream nodeOut = new PrintStream(new ByteArrayOutputStream(), true);
        node.output(nodeOut);
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("a", mod("ok"))).orThrow();
        node.runProcess(() -> {
            Io.setOut(new PrintStream(new ByteArrayOutputStream(), true)); // the starter's own: not the application's
            Proc.register("observer", Proc.self());
            apps.start("a").orThrow();
            Pid top = (Pid) await("started").get(2);
            Pid worker = GenServer.call(top, "worker");
            Pid master = node.groupLeader(top).orElseThrow();
            // then the master, its top and what the top spawned are a's, and the starter is no one's
            assertThat(apps.getApplication(master)).contains("a");
            assertThat(apps.getApplication(top)).contains("a");
            assertThat(apps.getApplication(worker)).contains("a");
            assertThat(apps.getApplication(Proc.self())).isEmpty();
            assertThat(node.groupLeader(worker)).contains(master);
            // and they print where the node prints
            assertThat((PrintStream) GenServer.call(top, "out")).isSameAs(nodeOut);
            return null;
        });
    }
}
