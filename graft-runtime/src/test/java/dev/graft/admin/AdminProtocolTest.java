package dev.graft.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin channel's lines: fields holding tabs, newlines and backslashes cross it unchanged, and a line over the limit is refused. */
class AdminProtocolTest {
    @Test
    void fieldsWithTabsNewlinesAndBackslashes_readBackAsWritten() throws IOException {
        List<String> fields = List.of("eval", "String s = \"a\\tb\";\nfor (int i = 0; i < 2; i++)\r\n\tSystem.out.println(s);", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AdminProtocol.write(out, fields);
        AdminProtocol.write(out, List.of("ping"));

        String wire = out.toString(StandardCharsets.UTF_8);
        assertThat(wire.lines()).hasSize(2);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertThat(AdminProtocol.read(in, 1024)).isEqualTo(fields);
        assertThat(AdminProtocol.read(in, 1024)).containsExactly("ping");
        assertThat(AdminProtocol.read(in, 1024)).isNull();
    }

    @Test
    void aLineLongerThanTheLimit_isRefused() {
        ByteArrayInputStream in = new ByteArrayInputStream(("hello\t1\t" + "x".repeat(2000) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AdminProtocol.read(in, AdminProtocol.HELLO_LIMIT))
                .isInstanceOf(IOException.class).hasMessage("an admin line longer than 1024 bytes");
    }
}
