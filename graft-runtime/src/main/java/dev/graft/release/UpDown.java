package dev.graft.release;

import dev.graft.term.Located;
import dev.graft.term.Tuple;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The shape an appup and a relup share: {@code {Vsn, [UpScript], [DownScript]}}, where each
 * script is a tuple that starts with the version it upgrades from ({@code UpFromVsn}) or
 * downgrades to ({@code DownToVsn}) and ends with its instructions.
 */
record UpDown<S>(String vsn, List<S> upgrades, List<S> downgrades) {
    /**
     * @param kind   what the term is, for errors: {@code an appup} or {@code a relup}
     * @param rest   what follows a script's version, for errors: {@code Instructions}
     * @param script reads one script, given the name of its version
     */
    static <S> UpDown<S> parse(Located term, String kind, String rest, BiFunction<Located, String, S> script) {
        String form = "{Vsn, [{UpFromVsn, " + rest + "}], [{DownToVsn, " + rest + "}]}";
        List<Located> parts = term.tuple(3, kind + " " + form);
        return new UpDown<>(parts.get(0).string("the Vsn of " + kind),
                scripts(parts.get(1), "UpFromVsn", rest, script), scripts(parts.get(2), "DownToVsn", rest, script));
    }

    private static <S> List<S> scripts(Located scripts, String vsnName, String rest, BiFunction<Located, String, S> script) {
        return scripts.list("[{" + vsnName + ", " + rest + "}]").stream().map(s -> script.apply(s, vsnName)).toList();
    }

    static <S> Object toTerm(String vsn, List<S> upgrades, List<S> downgrades, Function<S, Object> script) {
        return Tuple.of(vsn, upgrades.stream().map(script).toList(), downgrades.stream().map(script).toList());
    }
}
