package dev.graft.release;

import dev.graft.term.Located;
import dev.graft.term.Terms;
import dev.graft.term.Tuple;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An application's upgrade file, {@code ebin/App.appup} of its new version (appup(5)):
 * <pre>
 * {"1.1.0",
 *  [{"1.0.0", [{add_module, 'kv.KvStats'},
 *              {update, 'kv.KvServer', {advanced, add_stats}, ['kv.KvStats']}]},
 *   {&lt;&lt;"1\\.0\\.[0-9]+"&gt;&gt;, [{restart_application, kv}]}],
 *  [{"1.0.0", [{update, 'kv.KvServer', {advanced, drop_stats}},
 *              {delete_module, 'kv.KvStats'}]}]}.
 * </pre>
 *
 * @param vsn        the application's version this file upgrades to and downgrades from
 * @param upgrades   how to upgrade from each version, in the order written
 * @param downgrades how to downgrade to each version, in the order written
 */
public record Appup(String vsn, List<Script> upgrades, List<Script> downgrades) {

    /** {@code {UpFromVsn, Instructions}} or {@code {DownToVsn, Instructions}}. */
    public record Script(VersionMatch version, List<AppupInstruction> instructions) {
        public Script {
            instructions = List.copyOf(instructions);
        }

        /** Reads {@code {UpFromVsn, Instructions}} (or {@code DownToVsn}, as {@code vsnName} says). */
        static Script parse(Located script, String vsnName) {
            String form = "{" + vsnName + ", Instructions}";
            List<Located> parts = script.tuple(2, form);
            return new Script(VersionMatch.parse(parts.get(0), vsnName),
                    parts.get(1).list("the Instructions of " + form).stream().map(AppupInstruction::parse).toList());
        }

        Object toTerm() {
            return Tuple.of(version.toTerm(), instructions.stream().map(AppupInstruction::toTerm).toList());
        }
    }

    public Appup {
        upgrades = List.copyOf(upgrades);
        downgrades = List.copyOf(downgrades);
    }

    /** The instructions of the first upgrade entry that matches the version, as systools picks them. */
    public Optional<List<AppupInstruction>> upgradeFrom(String vsn) {
        return firstMatch(upgrades, vsn);
    }

    /** The instructions of the first downgrade entry that matches the version. */
    public Optional<List<AppupInstruction>> downgradeTo(String vsn) {
        return firstMatch(downgrades, vsn);
    }

    private static Optional<List<AppupInstruction>> firstMatch(List<Script> scripts, String vsn) {
        return scripts.stream().filter(s -> s.version().matches(vsn)).findFirst().map(Script::instructions);
    }

    /** Reads a {@code {Vsn, [{UpFromVsn, Instructions}], [{DownToVsn, Instructions}]}} term built in Java. */
    public static Appup parse(Object term) {
        return parse(Located.unplaced(term));
    }

    /** Reads a {@code {Vsn, [{UpFromVsn, Instructions}], [{DownToVsn, Instructions}]}} term. */
    public static Appup parse(Located term) {
        UpDown<Script> appup = UpDown.parse(term, "an appup", "Instructions", Script::parse);
        return new Appup(appup.vsn(), appup.upgrades(), appup.downgrades());
    }

    public static Appup read(Path file) throws IOException {
        return parse(Terms.readOne(file));
    }

    public void write(Path file) throws IOException {
        Terms.writeFile(file, List.of(toTerm()));
    }

    public Object toTerm() {
        return UpDown.toTerm(vsn, upgrades, downgrades, Script::toTerm);
    }
}
