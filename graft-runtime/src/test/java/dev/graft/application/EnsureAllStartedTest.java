package dev.graft.application;

import static dev.graft.application.TestApp.await;
import static dev.graft.application.TestApp.mod;
import static dev.graft.application.TestApp.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.application.ApplicationError.CallbackCall;
import dev.graft.application.ApplicationError.CallbackError;
import dev.graft.application.ApplicationError.Failed;
import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.Proc;
import dev.graft.term.Atom;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code application:ensure_all_started/2}, as OTP 25 does it ({@code erl}). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class EnsureAllStartedTest {

    private static List<String> running(ApplicationController apps) {
        return apps.whichApplications().stream().map(ApplicationInfo::name).toList();
    }

    @Test
    void ensureAllStarted_startsTheDependenciesDepthFirstInOrder_andOptionalOnesOnlyIfPresent(Node node) {
        // given web, which needs db (which needs log) and an optional metrics that is loaded and
        // an optional tracing that is nowhere
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("log", mod("ok"))).orThrow();
        apps.load(spec("db", "{applications, [kernel, stdlib, log]}", mod("ok"))).orThrow();
        apps.load(spec("metrics", mod("ok"))).orThrow();
        apps.load(spec("web", "{applications, [kernel, stdlib, db, metrics, tracing]}",
                "{optional_applications, [metrics, tracing]}", mod("ok"))).orThrow();
        // when web is ensured started
        Outcome<List<String>> started = apps.ensureAllStarted("web");
        // then what it needed was started first, in order, and only what it started is listed
        assertThat(started).isEqualTo(Outcome.ok(List.of("log", "db", "metrics", "web")));
        assertThat(running(apps)).containsExactly("web", "metrics", "db", "log", "stdlib", "kernel");
        assertThat(apps.ensureAllStarted("web")).isEqualTo(Outcome.ok(List.of()));
        assertThat(apps.ensureAllStarted("web").toString()).isEqualTo("{ok,[]}");
    }

    @Test
    void ensureAllStarted_stopsWhatItStarted_lastFirst_whenOneFails(Node node) throws Exception {
        // given app, which needs log, cache and bad, whose start fails; cache runs already
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("log", mod("ok"))).orThrow();
        apps.load(spec("cache", mod("ok"))).orThrow();
        apps.load(spec("bad", mod("error"))).orThrow();
        apps.load(spec("app", "{applications, [kernel, log, cache, bad]}", mod("ok"))).orThrow();
        apps.start("cache").orThrow();
        node.runProcess(() -> {
            Proc.register("observer", Proc.self());
            // when app is ensured started
            Outcome<List<String>> started = apps.ensureAllStarted("app");
            // then the error names bad, and log, which it had started, is stopped again; cache is not
            CallbackCall call = new CallbackCall(TestApp.NAME, "start", List.of(StartType.NORMAL, Atom.of("error")));
            assertThat(started).isEqualTo(Outcome.error(new Failed("bad", new CallbackError(Atom.of("nope"), call))));
            assertThat(started.toString())
                    .isEqualTo("{error,{bad,{nope,{'dev.graft.application.TestApp',start,[normal,error]}}}}");
            assertThat(await("stop").get(1)).isEqualTo("log");
            assertThat(running(apps)).containsExactly("cache", "stdlib", "kernel");
            return null;
        });
    }

    @Test
    void ensureAllStarted_loadsWhatIsNotLoaded_fromTheCodePath(Node node, @TempDir Path dir) throws Exception {
        spec("log", mod("ok")).write(dir.resolve("log.app"));
        spec("svc", "{applications, [kernel, log]}", mod("ok")).write(dir.resolve("svc.app"));
        spec("orphan", "{applications, [kernel, zzz]}").write(dir.resolve("orphan.app"));
        CodeServer.of(node).codePath().add(dir);
        ApplicationController apps = ApplicationController.of(node);

        assertThat(apps.ensureAllStarted("svc")).isEqualTo(Outcome.ok(List.of("log", "svc")));
        assertThat(apps.ensureAllStarted("orphan").toString())
                .isEqualTo("{error,{zzz,{\"no such file or directory\",\"zzz.app\"}}}");
        assertThat(apps.ensureAllStarted("zzz").toString())
                .isEqualTo("{error,{zzz,{\"no such file or directory\",\"zzz.app\"}}}");
    }
}
