package dev.graft.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The files real OTP tools wrote or read: each reads, and writing it gives it back. */
class OtpFixtureFilesTest {
    static final List<String> FILES = OtpFixtures.ALL;

    @ParameterizedTest
    @FieldSource("FILES")
    void read_otpFile_isOneTerm(String name) throws Exception {
        assertThat(Terms.read(OtpFixtures.path(name))).hasSize(1);
    }

    @ParameterizedTest
    @FieldSource("FILES")
    void readOfWrite_otpFile_givesItsTermsBack(String name) throws Exception {
        // given
        List<Object> terms = Terms.read(OtpFixtures.path(name));
        // when
        List<Object> flat = Terms.parse(name, terms.stream().map(t -> Terms.write(t) + ".\n").reduce("", String::concat));
        List<Object> pretty = Terms.parse(name, Terms.fileText(terms));
        // then
        assertThat(flat).isEqualTo(terms);
        assertThat(pretty).isEqualTo(terms);
    }

    @ParameterizedTest
    @ValueSource(strings = {OtpFixtures.RELUP, OtpFixtures.KV_2_SCRIPT})
    void fileText_fileSystoolsWrote_isLaidOutAsSystoolsLaidItOut(String name) throws Exception {
        // given: a file systools wrote with io:format("~p.~n"), after its coding comment
        String text = Files.readString(OtpFixtures.path(name));
        String otpLayout = text.substring(text.indexOf('\n') + 1);
        // when
        String ours = Terms.fileText(Terms.parse(name, text));
        // then
        assertThat(ours).isEqualTo(otpLayout);
    }
}
