package dev.graft.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command as a user does, in a JVM of its own: {@code java -cp CP dev.graft.cli.Graft
 * --root ROOT ARGS}, what a release's {@code bin/graft} runs, with the test's class path.
 */
final class GraftCommand {
    /** What one run of the command did. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private GraftCommand() {}

    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static List<String> command(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), Graft.class.getName(), "--root", root.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the command and leaves it running, its output and errors on one pipe: for {@code graft foreground}. */
    static Process spawn(Path root, String... args) throws IOException {
        return new ProcessBuilder(command(root, args)).redirectErrorStream(true).start();
    }

    static Result run(Path root, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = command(root, args);
        Path io = Files.createTempDirectory("graft-run");
        Path in = Files.writeString(io.resolve("in"), stdin);
        Process p = new ProcessBuilder(command)
                .redirectInput(in.toFile())
                .redirectOutput(io.resolve("out").toFile())
                .redirectError(io.resolve("err").toFile())
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("graft " + String.join(" ", args) + " did not finish in 180 s");
        }
        return new Result(p.exitValue(), Files.readString(io.resolve("out")), Files.readString(io.resolve("err")));
    }
}
