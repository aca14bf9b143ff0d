package dev.graft.builder;

import dev.graft.release.Appup;
import dev.graft.release.AppupInstruction;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How one application goes from its version in the previous release to its version in the new
 * one: the appup's instructions each way, each with why it was chosen, the state shapes that
 * change and what migrates them, and what stands in the way.
 *
 * @param up          the upgrade instructions, in order, with the reason for each
 * @param down        the downgrade instructions, in order
 * @param appup       the appup the release carries: the generated one, or the source's
 * @param appupSource the appup kept in the source that overrides the generated one, if any
 * @param notLive     why the application cannot be upgraded live (it is restarted instead)
 * @param problems    what makes the build refuse the upgrade
 * @param notes       what a person should know, that does not stop the build
 */
record AppUpgrade(String app, String fromVsn, String toVsn, List<Planned> up, List<Planned> down,
                  List<ShapeChange> shapes, Appup appup, Optional<Path> appupSource, List<String> notLive,
                  List<String> problems, List<String> notes) {

    /** An instruction of the generated appup, and the evidence behind it. */
    record Planned(AppupInstruction instruction, String why) {}

    AppUpgrade {
        up = List.copyOf(up);
        down = List.copyOf(down);
        shapes = List.copyOf(shapes);
        notLive = List.copyOf(notLive);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }
}
