package dev.graft.cli;

import java.util.Arrays;
import java.util.Optional;

/** The command's verbs, as {@code graft --help} lists them. */
enum Verb {
    START("start", "[--admin unix|tcp[:PORT]] [--name NAME]", 0,
            "start the node as a daemon: boot the permanent release, wait until it answers"),
    FOREGROUND("foreground", "[--admin unix|tcp[:PORT]] [--name NAME]", 0,
            "run the node in this terminal until Ctrl-C or graft stop"),
    STOP("stop", "", 0, "stop the node: its applications newest first, then every process"),
    PING("ping", "", 0, "check that the node answers"),
    STATUS("status", "", 0, "the node's release, applications, admin channel, processes"),
    RELEASES("releases", "", 0, "the releases and their statuses (unpacked, current, permanent, old)"),
    UNPACK("unpack", "ARCHIVE|VSN", 1, "verify a release archive and unpack it (works with no node running)"),
    CHECK("check", "VSN", 1, "what installing VSN would do, changing nothing (a dry run)"),
    INSTALL("install", "VSN", 1, "install VSN by its relup, as one transaction, without making it permanent"),
    MAKE_PERMANENT("make-permanent", "VSN", 1, "make the installed VSN the release the node boots"),
    UPGRADE("upgrade", "VSN|ARCHIVE", 1, "unpack (if needed), install and make permanent: the whole live upgrade"),
    DOWNGRADE("downgrade", "VSN", 1, "install an earlier release by the relup's downgrade, and make it permanent"),
    REMOVE("remove", "VSN", 1, "delete a release that is not permanent, and the libs no other release uses"),
    EVAL("eval", "'JAVA SNIPPET'", 1, "evaluate Java snippets inside the node and print the result"),
    REMOTE("remote", "", 0, "a console attached to the node: Java snippets run inside it; help() for helpers"),
    BUILD("build", "--name NAME --vsn VSN --app APP.app.src --classes DIR ... (graft build --help)", -1,
            "build a release (and with --upgrade-from VSN its appups and relup) into --out, else the root"),
    HELP("help", "", 0, "this text");

    final String name;
    final String usage;
    final int arguments;
    final String summary;

    Verb(String name, String usage, int arguments, String summary) {
        this.name = name;
        this.usage = usage;
        this.arguments = arguments;
        this.summary = summary;
    }

    static Optional<Verb> named(String name) {
        return Arrays.stream(values()).filter(v -> v.name.equals(name)).findFirst();
    }

    /** Whether the verb takes {@code --admin} and {@code --name}. */
    boolean startsNode() {
        return this == START || this == FOREGROUND;
    }
}
