package dev.graft.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin channel's wire protocol: UTF-8 lines, each a list of fields separated by a tab, with
 * {@code \\}, tab, newline and carriage return inside a field escaped as {@code \\\\}, {@code \\t},
 * {@code \\n} and {@code \\r}. The client speaks first; every request gets zero or more
 * {@code out} lines and then exactly one final line.
 *
 * <pre>
 * client                               node
 * hello  1  COOKIE                     ok  NODE-NAME                 (or: error refused WHY, then close)
 * ping                                 ok  pong
 * status                               out ... / ok
 * releases                             out NAME VSN STATUS ... / ok
 * unpack ARCHIVE                       ok  VSN                        (ARCHIVE: a path on the node's machine)
 * check VSN                            out PLAN... / ok
 * install VSN                          out ... / ok FROM
 * permanent VSN                        ok
 * remove VSN                           ok
 * eval TEXT                            out OUTPUT... / ok RESULT      (TEXT: whole snippets)
 * console LINE                         more | out OUTPUT... / ok RESULT
 * stop                                 ok stopping; the node closes the connection once it has stopped
 * </pre>
 *
 * A failed request ends with {@code error REASON TEXT}: REASON a term in OTP's shape (such as
 * {@code {no_such_release,"9"}}) or a word ({@code bad_request}, {@code exception},
 * {@code rejected}), TEXT for a person. The cookie field is empty on a Unix-domain socket, where
 * the node checks the peer's user instead. The connection stays open for more requests; eval
 * and console requests on one connection share one console session.
 */
public final class AdminProtocol {
    /** The protocol version a hello names. */
    public static final String VERSION = "1";
    /** The longest line a node reads before the peer is authenticated. */
    static final int HELLO_LIMIT = 1024;
    /** The longest line read afterwards. */
    static final int LINE_LIMIT = 16 << 20;

    private AdminProtocol() {}

    /** One line, without its newline: the fields, escaped and joined by tabs. */
    public static String encode(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            if (!b.isEmpty()) {
                b.append('\t');
            }
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '\t' -> b.append("\\t");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    default -> b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** The fields of a line; the inverse of {@link #encode}. */
    public static List<String> decode(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                f.append(switch (e) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString());
        return fields;
    }

    /** Writes one line of fields and flushes. */
    public static void write(OutputStream out, List<String> fields) throws IOException {
        out.write((encode(fields) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Reads one line of at most {@code limit} bytes and decodes its fields; null at the end of
     * the stream.
     *
     * @throws IOException if the line is longer than {@code limit}
     */
    public static List<String> read(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return line.size() == 0 ? null : decode(line.toString(StandardCharsets.UTF_8));
            }
            if (line.size() >= limit) {
                throw new IOException("an admin line longer than " + limit + " bytes");
            }
            line.write(b);
        }
        return decode(line.toString(StandardCharsets.UTF_8));
    }
}
