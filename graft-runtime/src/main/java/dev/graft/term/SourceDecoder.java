package dev.graft.term;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a term file's bytes as {@code epp} does: UTF-8, unless a comment in the first two
 * lines says {@code coding: latin-1}. Bytes that are not UTF-8 are an error at their place.
 */
final class SourceDecoder {
    private static final Pattern CODING = Pattern.compile("%.*coding\\s*[:=]\\s*([-a-zA-Z0-9_]+)");

    private SourceDecoder() {}

    static String decode(String source, byte[] bytes) {
        Charset charset = declared(bytes);
        CharsetDecoder decoder = charset.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            String before = new String(bytes, 0, in.position(), charset);
            int lineStart = before.lastIndexOf('\n') + 1;
            Position at = new Position(source, (int) before.chars().filter(c -> c == '\n').count() + 1,
                    before.codePointCount(lineStart, before.length()) + 1);
            throw new TermSyntaxException(at, "bytes that are not UTF-8; a Latin-1 file says so in its first line: %% coding: latin-1");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static Charset declared(byte[] bytes) {
        String firstLines = new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.ISO_8859_1)
                .lines().limit(2).reduce("", (a, b) -> a + "\n" + b);
        Matcher m = CODING.matcher(firstLines);
        return m.find() && m.group(1).toLowerCase().matches("latin-?1|iso-8859-1")
                ? StandardCharsets.ISO_8859_1
                : StandardCharsets.UTF_8;
    }
}
