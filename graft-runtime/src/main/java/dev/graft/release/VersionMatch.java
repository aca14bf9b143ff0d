package dev.graft.release;

import dev.graft.term.Binary;
import dev.graft.term.Located;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The version an appup's entry applies to: a string, that version exactly, or a binary, a
 * regular expression whose first match must be the whole version ({@code <<"1\\.0\\.[0-9]+">>}),
 * as {@code systools_relup:appup_search_for_version} matches it with {@code re:run}. Java's
 * regular expressions stand in for PCRE; the two agree on what version patterns use.
 */
public sealed interface VersionMatch {
    boolean matches(String vsn);

    /** The term: the version as a string, or the pattern as a binary. */
    Object toTerm();

    record Exact(String vsn) implements VersionMatch {
        @Override
        public boolean matches(String vsn) {
            return this.vsn.equals(vsn);
        }

        @Override
        public Object toTerm() {
            return vsn;
        }
    }

    record Regex(String regex) implements VersionMatch {
        /** Throws {@link PatternSyntaxException} if the pattern is not a regular expression. */
        public Regex {
            Pattern.compile(regex);
        }

        /**
         * Whether the leftmost match is the whole version. Not Java's {@code matches()}, which
         * tries every alternative: {@code <<"2\\.0|2\\.0\\.0">>} does not match {@code "2.0.0"},
         * whose first match is {@code "2.0"}.
         */
        @Override
        public boolean matches(String vsn) {
            Matcher first = Pattern.compile(regex).matcher(vsn);
            return first.find() && first.start() == 0 && first.end() == vsn.length();
        }

        @Override
        public Object toTerm() {
            return Binary.utf8(regex);
        }
    }

    static VersionMatch parse(Located vsn, String what) {
        if (!(vsn.term() instanceof Binary pattern)) {
            return new Exact(vsn.string(what + " (a string, or a binary regular expression)"));
        }
        try {
            return new Regex(pattern.toUtf8());
        } catch (PatternSyntaxException e) {
            throw vsn.error(what + ": " + vsn.shown() + " is not a regular expression: " + e.getDescription());
        }
    }
}
