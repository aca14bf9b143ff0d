package dev.graft.examples.chat;

import dev.graft.application.AppSpec;
import dev.graft.release.Appup;
import dev.graft.release.ReleaseArchive;
import dev.graft.release.ReleaseApps;
import dev.graft.release.ReleaseSpec;
import dev.graft.release.Relup;
import dev.graft.release.RelupBuilder;
import dev.graft.term.Terms;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds the chat's releases 1, 2 and 3 as archives a release handler unpacks, laid out as a
 * release builder lays them out: {@code lib/chat-V/classes} (the modules, compiled with the
 * JDK's compiler), {@code lib/chat-V/ebin/chat.app} and {@code chat.appup},
 * {@code releases/V/chat.rel} and {@code releases/V/relup}, made from the appup by
 * {@link RelupBuilder} as {@code systools:make_relup} makes it.
 *
 * <p>The sources are the resources {@code modules/chat/vN/}: version 1 holds every module, and
 * each later version only the modules it changes, so release N is version 1 overlaid by
 * versions 2 to N. The appups are written by hand beside them ({@code modules/chat/vN/chat.appup})
 * until the release builder generates them by diffing the releases' bytecode; {@link #appup}
 * is the one place that reads them.
 */
final class ChatReleases {
    static final String APP = "chat";
    static final List<String> VERSIONS = List.of("1", "2", "3");
    static final List<String> MODULES = List.of("chat.ChatApp", "chat.ChatSup", "chat.Rooms", "chat.Connections",
            "chat.Connection", "chat.Protocol", "chat.Listener", "chat.Acceptors", "chat.Acceptor");

    /** The chat's environment, the same in every release: its port (0: any), its number of acceptors, its log file. */
    record Settings(int port, int acceptors, Path log) {}

    private final Path dir;
    private final Settings settings;

    /** Builds under {@code dir}, one directory per release and one archive each. */
    ChatReleases(Path dir, Settings settings) {
        this.dir = dir;
        this.settings = settings;
    }

    /** Builds every release; returns each archive by version, in order. */
    Map<String, Path> buildAll() throws IOException {
        Map<String, Path> archives = new LinkedHashMap<>();
        String previous = null;
        for (String vsn : VERSIONS) {
            archives.put(vsn, build(vsn, previous));
            previous = vsn;
        }
        return archives;
    }

    /** Release {@code vsn}, with its relup from and to {@code previous} if there is one. */
    private Path build(String vsn, String previous) throws IOException {
        Path root = releaseDir(vsn);
        Path lib = root.resolve("lib/" + APP + "-" + vsn);
        compile(sources(vsn, dir.resolve(APP + "-" + vsn + "-src")), lib.resolve("classes"));
        Path ebin = Files.createDirectories(lib.resolve("ebin"));
        Path releases = Files.createDirectories(root.resolve("releases/" + vsn));
        appSpec(vsn).write(ebin.resolve(APP + ".app"));
        relSpec(vsn).write(releases.resolve(APP + ".rel"));
        if (previous != null) {
            Appup appup = appup(vsn);
            appup.write(ebin.resolve(APP + ".appup"));
            relup(vsn, previous, appup).write(releases.resolve("relup"));
        }
        Path archive = dir.resolve(APP + "-" + vsn + ".zip");
        ReleaseArchive.create(archive, root, ReleaseArchive.filesUnder(root), vsn);
        return archive;
    }

    private Path releaseDir(String vsn) {
        return dir.resolve(APP + "-" + vsn);
    }

    /** Writes each module's source of release {@code vsn} under {@code src}: its latest version up to {@code vsn}. */
    private static List<Path> sources(String vsn, Path src) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            String file = module.replace('.', '/') + ".java";
            String text = VERSIONS.subList(0, VERSIONS.indexOf(vsn) + 1).reversed().stream()
                    .map(v -> resource(v, file)).flatMap(Optional::stream).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no source of " + module + " up to version " + vsn));
            Path target = src.resolve(file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, text);
            files.add(target);
        }
        return files;
    }

    /** Compiles the release's sources together against this JVM's class path (Graft and the chat's shared code). */
    private static void compile(List<Path> sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler: run the demo on a JDK, not a JRE");
        }
        Files.createDirectories(classes);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                    "-proc:none", "-g", "-parameters");
            if (!javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call()) {
                throw new IllegalStateException("the chat's sources do not compile:\n" + diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("\n")));
            }
        }
    }

    private AppSpec appSpec(String vsn) {
        String modules = MODULES.stream().map(m -> "'" + m + "'").collect(Collectors.joining(","));
        String log = settings.log().toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        return AppSpec.parse(Terms.parse(APP + ".app", "{application," + APP + ",[{description,\"A chat server, upgraded live\"},"
                + "{vsn,\"" + vsn + "\"},{modules,[" + modules + "]},"
                + "{registered,[chat_sup,chat_rooms,chat_connections,chat_listener,chat_acceptors]},"
                + "{applications,[]},{mod,{'chat.ChatApp',[]}},"
                + "{env,[{port," + settings.port() + "},{acceptors," + settings.acceptors() + "},{log,\"" + log + "\"}]}]}.")
                .getFirst());
    }

    private static ReleaseSpec relSpec(String vsn) {
        return ReleaseSpec.parse(Terms.parse(APP + ".rel",
                "{release,{\"" + APP + "\",\"" + vsn + "\"},{erts,\"graft\"},[{" + APP + ",\"" + vsn + "\"}]}.").getFirst());
    }

    /**
     * The appup of release {@code vsn}'s chat application. Written by hand for now; once
     * graft-builder lands, generated here by diffing release {@code vsn}'s classes with the
     * previous release's, and the hand-written files go.
     */
    private static Appup appup(String vsn) {
        String file = APP + ".appup";
        return Appup.parse(Terms.parseLocated("modules/chat/v" + vsn + "/" + file, resource(vsn, file)
                .orElseThrow(() -> new IllegalStateException("no modules/chat/v" + vsn + "/" + file))).getFirst());
    }

    /** The relup of {@code vsn}: from {@code previous}, and back to it if the appup says how. */
    private Relup relup(String vsn, String previous, Appup appup) {
        RelupBuilder builder = RelupBuilder.of(apps(vsn), Map.of(APP, appup)).upgradeFrom(apps(previous));
        if (appup.downgradeTo(previous).isPresent()) {
            builder.downgradeTo(apps(previous));
        }
        return builder.build().relup();
    }

    private ReleaseApps apps(String vsn) {
        return new ReleaseApps(relSpec(vsn), List.of(appSpec(vsn)));
    }

    private static Optional<String> resource(String vsn, String file) {
        String name = "/modules/chat/v" + vsn + "/" + file;
        try (InputStream in = ChatReleases.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
