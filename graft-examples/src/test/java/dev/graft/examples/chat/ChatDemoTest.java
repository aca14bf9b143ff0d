package dev.graft.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job with 20 clients: the chat is built into releases 1, 2 and 3, booted on
 * 1 and taken to 2, 3 and back to 2 while the clients talk; every connection is kept and no
 * line is lost, and connections opened under release 1 use what releases 2 and 3 brought.
 */
@Timeout(180)
class ChatDemoTest {
    private static final int CLIENTS = 20;

    @TempDir
    Path work;

    @Test
    void upgradesAndDowngradeUnderClients_keepEveryConnection_andLoseNoLine() throws Exception {
        // given the demo with 20 clients, on a free port, talking 0.3 s around each step
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ChatDemo demo = new ChatDemo(new ChatDemo.Options(CLIENTS, 0, 300, 20), work,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        // when it runs
        ChatDemo.Report report = demo.run();

        // then every connection opened under release 1 is still there, and every line came back
        assertThat(report.kept()).isEqualTo(CLIENTS);
        assertThat(report.sent()).isPositive();
        assertThat(report.back()).isEqualTo(report.sent());
        assertThat(report.linesLost()).isZero();
        assertThat(report.heard()).isPositive();
        assertThat(report.unexpected()).isZero();
        // and those connections took release 2's /nick, release 3's /who, and lost /who with the downgrade
        assertThat(report.nicked()).isEqualTo(CLIENTS);
        assertThat(report.whoAnswered()).isEqualTo(CLIENTS);
        assertThat(report.whoUnknownAgain()).isEqualTo(CLIENTS);
        // and release 3's registry, whose state gained a count starting at 0, logged each /who, numbered from 1
        List<String> log = Files.readAllLines(work.resolve("node/log/chat.log"));
        assertThat(log).hasSize(CLIENTS).allSatisfy(l -> assertThat(l).contains("asked who is here"));
        assertThat(log.getFirst()).startsWith("#1 ");
        assertThat(log.getLast()).startsWith("#" + CLIENTS + " ");
        // and the report says so, with each step's plan
        String printedText = printed.toString(StandardCharsets.UTF_8);
        // and the release builder generated the appups from the bytecode: the registry's state changes shape
        assertThat(printedText).contains("{update,'chat.Rooms',{advanced,[]}", "{load_module,'chat.Protocol'",
                "state shape Rooms.");
        assertThat(printedText).contains("\nreport\n");
        String text = printedText.substring(printedText.indexOf("\nreport\n"));
        assertThat(text).contains("connections kept: 20/20", "lines lost: 0", "install 2 over 1", "install 3 over 2",
                "install 2 over 3");
        assertThat(text.split("code change chat.Rooms: 1 process\\(es\\) migrate their state", -1)).hasSize(4);
        assertThat(report.steps()).extracting(ChatDemo.Step::name)
                .containsExactly("upgrade 1 -> 2", "upgrade 2 -> 3", "downgrade 3 -> 2");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void badOptions_areRefusedWithWhatWasWrong() {
        assertThatThrownBy(() -> ChatDemo.Options.parse("--clients", "many"))
                .hasMessage("--clients takes a whole number from 1 to 10000, not 'many'");
        assertThatThrownBy(() -> ChatDemo.Options.parse("--step-pause"))
                .hasMessageStartingWith("--step-pause needs a value");
        assertThatThrownBy(() -> ChatDemo.Options.parse("--colour", "red"))
                .hasMessageStartingWith("unknown option --colour");
        assertThat(ChatDemo.Options.parse("--clients", "7", "--step-pause", "1.5"))
                .isEqualTo(new ChatDemo.Options(7, 7777, 1500, 5));
    }
}
