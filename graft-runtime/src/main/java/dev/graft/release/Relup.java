package dev.graft.release;

import dev.graft.term.Located;
import dev.graft.term.Terms;
import dev.graft.term.Tuple;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A release's upgrade file, {@code releases/Vsn/relup} (relup(5)): for each release it can be
 * upgraded from or downgraded to, the low-level script the release handler runs. systools
 * makes it from the appups ({@code systools:make_relup}).
 *
 * @param vsn        the release's version
 * @param upgrades   the scripts to upgrade from each earlier release
 * @param downgrades the scripts to downgrade to each earlier release
 */
public record Relup(String vsn, List<Script> upgrades, List<Script> downgrades) {

    /**
     * {@code {UpFromVsn, Descr, Instructions}} or {@code {DownToVsn, Descr, Instructions}}.
     *
     * @param description a term of the user's, passed to {@code systools:make_relup}; usually {@code []}
     */
    public record Script(String vsn, Object description, List<RelupInstruction> instructions) {
        public Script {
            instructions = List.copyOf(instructions);
        }

        /** Reads {@code {UpFromVsn, Descr, Instructions}} (or {@code DownToVsn}, as {@code vsnName} says). */
        static Script parse(Located script, String vsnName) {
            String form = "{" + vsnName + ", Descr, Instructions}";
            List<Located> parts = script.tuple(3, form);
            return new Script(parts.get(0).string(vsnName), parts.get(1).term(),
                    parts.get(2).list("the Instructions of " + form).stream().map(RelupInstruction::parse).toList());
        }

        Object toTerm() {
            return Tuple.of(vsn, description, instructions.stream().map(RelupInstruction::toTerm).toList());
        }
    }

    public Relup {
        upgrades = List.copyOf(upgrades);
        downgrades = List.copyOf(downgrades);
    }

    /** The script to upgrade from the release of that version, if any. */
    public Optional<Script> upgradeFrom(String vsn) {
        return upgrades.stream().filter(s -> s.vsn().equals(vsn)).findFirst();
    }

    /** The script to downgrade to the release of that version, if any. */
    public Optional<Script> downgradeTo(String vsn) {
        return downgrades.stream().filter(s -> s.vsn().equals(vsn)).findFirst();
    }

    /** Reads a {@code {Vsn, [{UpFromVsn, Descr, Instructions}], [{DownToVsn, Descr, Instructions}]}} term built in Java. */
    public static Relup parse(Object term) {
        return parse(Located.unplaced(term));
    }

    /** Reads a {@code {Vsn, [{UpFromVsn, Descr, Instructions}], [{DownToVsn, Descr, Instructions}]}} term. */
    public static Relup parse(Located term) {
        UpDown<Script> relup = UpDown.parse(term, "a relup", "Descr, Instructions", Script::parse);
        return new Relup(relup.vsn(), relup.upgrades(), relup.downgrades());
    }

    public static Relup read(Path file) throws IOException {
        return parse(Terms.readOne(file));
    }

    public void write(Path file) throws IOException {
        Terms.writeFile(file, List.of(toTerm()));
    }

    public Object toTerm() {
        return UpDown.toTerm(vsn, upgrades, downgrades, Script::toTerm);
    }
}
