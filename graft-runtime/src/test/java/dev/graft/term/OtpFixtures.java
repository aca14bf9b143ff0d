package dev.graft.term;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The files OTP 25 made for these tests, under {@code src/test/resources/otp-fixtures} (its
 * README says how): hand-written {@code .app}, {@code .appup} and {@code .rel} files and what
 * systools made of them.
 */
public final class OtpFixtures {
    public static final String KV_1_APP = "kv-1.0.0/kv.app";
    public static final String KV_2_APP = "kv-1.1.0/kv.app";
    public static final String KV_2_APPUP = "kv-1.1.0/kv.appup";
    public static final String KVLOG_APP = "kvlog-1.0.0/kvlog.app";
    public static final String KV_1_REL = "releases/kv-1.rel";
    public static final String KV_2_REL = "releases/kv-2.rel";
    /** Written by {@code systools:make_relup}. */
    public static final String RELUP = "releases/relup";
    /** Written by {@code systools:make_script}. */
    public static final String KV_2_SCRIPT = "releases/kv-2.script";

    public static final List<String> ALL = List.of(KV_1_APP, KV_2_APP, KV_2_APPUP, KVLOG_APP, KV_1_REL, KV_2_REL,
            RELUP, KV_2_SCRIPT);

    private OtpFixtures() {}

    public static Path path(String name) {
        try {
            return Path.of(OtpFixtures.class.getResource("/otp-fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
