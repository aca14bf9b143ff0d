package dev.graft.application;

import static dev.graft.application.TestApp.await;
import static dev.graft.application.TestApp.awaitDown;
import static dev.graft.application.TestApp.mod;
import static dev.graft.application.TestApp.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.application.ApplicationError.NotRunning;
import dev.graft.application.ApplicationError.NotStarted;
import dev.graft.behaviour.GenServer;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.NodeExtension.CrashLog;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.term.Atom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application whose top process ends by itself, by restart type (reference §5.3, and
 * {@code erl}: "Kernel pid terminated (application_controller)
 * ({application_terminated,a,boom})"). A test whose node must stop runs the application on a
 * node of its own and watches it from the test's node.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class ApplicationEndTest {
    private static final Atom BOOM = Atom.of("boom");

    private static List<String> running(ApplicationController apps) {
        return apps.whichApplications().stream().map(ApplicationInfo::name).toList();
    }

    private static List<String> messages(CrashLog log) {
        return log.records().stream().map(LogRecord::getMessage).toList();
    }

    @Test
    void aTemporaryApplicationWhoseTopDies_isReported_stopsRunning_andStaysLoaded_theNodeGoesOn(Node node, CrashLog log)
            throws Exception {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("a", mod("ok"))).orThrow();
        apps.load(spec("b", mod("ok"))).orThrow();
        apps.load(spec("needs_a", "{applications, [kernel, a]}", mod("ok"))).orThrow();
        node.runProcess(() -> {
            // given two running temporary applications
            Proc.register("observer", Proc.self());
            apps.start("a").orThrow();
            List<?> a = await("started");
            apps.start("b").orThrow();
            await("started");
            Ref master = Proc.monitor((Pid) a.get(3));
            // when a's top dies
            GenServer.stop(a.get(2), BOOM, 5000);
            // then its master ends the application with the top's reason, calling prepStop and stop
            assertThat(awaitDown(master).reason()).isEqualTo(BOOM);
            assertThat(await("prep_stop").get(1)).isEqualTo("a");
            assertThat(await("stop").get(1)).isEqualTo("a");
            // and a no longer runs, is still loaded and still started; b and the node go on
            assertThat(running(apps)).containsExactly("b", "stdlib", "kernel");
            assertThat(apps.loadedApplications()).extracting(ApplicationInfo::name).contains("a");
            assertThat(apps.start("needs_a")).isEqualTo(Outcome.error(new NotRunning("a")));
            assertThat(apps.stop("a")).as("stop of one that ended by itself").isEqualTo(Outcome.ok());
            assertThat(apps.stop("a")).isEqualTo(Outcome.error(new NotStarted("a")));
            assertThat(node.isStopped()).isFalse();
            return null;
        });
        assertThat(messages(log)).contains("application: a, exited: boom, type: temporary");
    }

    @Test
    void aTransientApplicationWhoseTopExitsNormally_isReportedOnly(Node node, CrashLog log) throws Exception {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("a", mod("ok"))).orThrow();
        node.runProcess(() -> {
            Proc.register("observer", Proc.self());
            apps.start("a", RestartType.TRANSIENT).orThrow();
            List<?> a = await("started");
            Ref master = Proc.monitor((Pid) a.get(3));
            GenServer.stop(a.get(2));
            assertThat(awaitDown(master).reason()).isEqualTo(Reason.NORMAL);
            assertThat(running(apps)).containsExactly("stdlib", "kernel");
            return null;
        });
        assertThat(node.isStopped()).isFalse();
        assertThat(messages(log)).contains("application: a, exited: normal, type: transient");
    }

    @Test
    void maxT_endsTheApplicationNormally_whenItsTimeIsUp(Node node, CrashLog log) throws Exception {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("brief", mod("ok"), "{maxT, 1}")).orThrow();
        node.runProcess(() -> {
            Proc.register("observer", Proc.self());
            apps.start("brief").orThrow();
            Ref master = Proc.monitor((Pid) await("started").get(3));
            assertThat(awaitDown(master).reason()).isEqualTo(Reason.NORMAL);
            assertThat(await("terminate").get(1)).isEqualTo(Reason.SHUTDOWN);
            assertThat(running(apps)).doesNotContain("brief");
            return null;
        });
        assertThat(messages(log)).contains("application: brief, exited: normal, type: temporary");
    }

    @Test
    void anExplicitStop_ofAPermanentApplication_leavesTheNodeAndOtherApplicationsAlone(Node node) {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("a", mod("ok"))).orThrow();
        apps.load(spec("b", mod("ok"))).orThrow();
        apps.start("b", RestartType.PERMANENT).orThrow();
        apps.start("a", RestartType.PERMANENT).orThrow();
        assertThat(apps.stop("a")).isEqualTo(Outcome.ok());
        assertThat(running(apps)).containsExactly("b", "stdlib", "kernel");
        assertThat(node.isStopped()).isFalse();
    }

    @Test
    void aTransientApplicationWhoseTopDiesAbnormally_stopsTheNode(Node node, CrashLog log) throws Exception {
        assertStopsItsNode(node, RestartType.TRANSIENT, BOOM);
        assertThat(messages(log)).contains("node transient stops: {application_terminated,a,boom}");
    }

    @Test
    void aPermanentApplicationWhoseTopEnds_evenNormally_stopsTheNode(Node node, CrashLog log) throws Exception {
        assertStopsItsNode(node, RestartType.PERMANENT, Reason.NORMAL);
        assertThat(messages(log)).contains("node permanent stops: {application_terminated,a,normal}");
    }

    /**
     * On a node of its own: a bystander application and {@code a} of {@code type}; a's top
     * exits with {@code reason}. The node stops, the bystander shut down first (its top exits
     * with shutdown, not killed by the node's stop).
     */
    private static void assertStopsItsNode(Node node, RestartType type, Object reason) throws Exception {
        try (Node doomed = Node.start(type.toString())) {
            ApplicationController apps = ApplicationController.of(doomed);
            apps.load(spec("bystander", mod("ok"))).orThrow();
            apps.load(spec("a", mod("ok"))).orThrow();
            Pid controller = doomed.whereis("application_controller").orElseThrow();
            node.runProcess(() -> {
                Pid watcher = Proc.self();
                doomed.spawn(() -> { // relays the doomed node's application events to the watcher
                    Proc.register("observer", Proc.self());
                    for (;;) {
                        Proc.send(watcher, Proc.receive());
                    }
                });
                apps.start("bystander").orThrow();
                Pid bystander = (Pid) await("started").get(2);
                apps.start("a", type).orThrow();
                Pid top = (Pid) await("started").get(2);
                Ref bystanderGone = Proc.monitor(bystander);
                Ref nodeGone = Proc.monitor(controller);

                GenServer.stop(top, reason, 5000);

                assertThat(awaitDown(bystanderGone).reason()).isEqualTo(Reason.SHUTDOWN);
                assertThat(awaitDown(nodeGone).reason()).isEqualTo(Reason.KILLED);
                assertThat(doomed.isStopped()).isTrue();
                return null;
            });
            assertThat(doomed.stop(Duration.ofSeconds(10))).isTrue();
            assertThat(doomed.processes()).isEmpty();
        }
    }

    @Test
    void aPermanentApplicationThatFailsToStart_stopsTheNode(Node node, CrashLog log) throws Exception {
        try (Node doomed = Node.start("failing")) {
            ApplicationController apps = ApplicationController.of(doomed);
            apps.load(spec("bad", mod("error"))).orThrow();
            Pid controller = doomed.whereis("application_controller").orElseThrow();
            node.runProcess(() -> {
                Ref nodeGone = Proc.monitor(controller);
                assertThat(apps.start("bad", RestartType.PERMANENT).toString())
                        .isEqualTo("{error,{nope,{'dev.graft.application.TestApp',start,[normal,error]}}}");
                assertThat(awaitDown(nodeGone).reason()).isEqualTo(Reason.KILLED);
                return null;
            });
            assertThat(doomed.isStopped()).isTrue();
        }
        assertThat(messages(log)).contains(
                "node failing stops: {application_start_failure,bad,{nope,{'dev.graft.application.TestApp',start,[normal,error]}}}");
    }
}
