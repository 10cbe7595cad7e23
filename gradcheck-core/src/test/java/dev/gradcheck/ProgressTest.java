package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The progress line: plain lines every 10 s after 5 s where no one watches, the rewritten line on a terminal. */
class ProgressTest {
    private static final long S = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesStartAfterFiveSecondsAndComeEveryTenWithoutCarriageReturns() {
        List<Progress.Block> blocks = List.of(new Progress.Block("dW1", 50_000), new Progress.Block("db1", 803));
        Progress p = new Progress(50_803, Progress.Mode.PLAIN, "Mlp[2]", blocks, () -> now, out);
        now = 4 * S;
        p.advance(10_000);
        assertThat(printed()).isEmpty();                      // a short check prints nothing
        now = 6 * S;
        p.advance(10_000);                                     // 20,000 done in 6 s
        now = 12 * S;
        p.advance(1_000);                                      // within 10 s of the last line: nothing
        now = 16 * S;
        p.advance(29_803);                                     // 50,803 of 50,803
        p.done();
        String[] lines = printed().split("\n");
        assertThat(lines).containsExactly(
                "gradcheck: dW1 of model Mlp[2]: 39% of 50,803 coordinates, 9 s left",
                "gradcheck: db1 of model Mlp[2]: 100% of 50,803 coordinates, 0 s left");
        assertThat(printed()).doesNotContain("\r");
    }

    @Test
    void withoutALabelOrBlocksTheLineSaysWhatItKnows() {
        Progress p = new Progress(1_000, Progress.Mode.PLAIN, null, List.of(), () -> now, out);
        now = 6 * S;
        p.advance(500);
        assertThat(printed()).isEqualTo("gradcheck: 50% of 1,000 coordinates, 6 s left" + System.lineSeparator());
    }

    @Test
    void theTerminalLineIsRewrittenInPlaceAndClearedAtTheEnd() {
        Progress p = new Progress(100, Progress.Mode.TTY, "net", List.of(), () -> now, out);
        now = 3 * S;
        p.advance(25);
        p.done();
        assertThat(printed()).startsWith("\rgradcheck: model net: 25% of 100 coordinates, 9 s left")
                .endsWith("\r").doesNotContain("\n");
    }

    @Test
    void offPrintsNothingAndTheSwitchTurnsItOff() {
        Progress.SILENT.advance(1_000_000);
        String before = System.getProperty("gradcheck.progress");
        try {
            System.setProperty("gradcheck.progress", "false");
            assertThat(Progress.enabledByDefault()).isFalse();
            assertThat(Progress.forCheck(10, true)).isSameAs(Progress.SILENT);
            System.setProperty("gradcheck.progress", "true");
            assertThat(Progress.enabledByDefault()).isTrue();
            assertThat(Progress.forCheck(10, false)).isSameAs(Progress.SILENT);
        } finally {
            if (before == null) {
                System.clearProperty("gradcheck.progress");
            } else {
                System.setProperty("gradcheck.progress", before);
            }
        }
    }

    @Test
    void theLabelHoldsOnlyInsideItsScope() {
        Object model = new Object();
        try (InFlight.Scope label = Progress.label("Mlp[2]"); InFlight.Scope checking = InFlight.enter(model)) {
            Progress p = Progress.forCheck(10, true);
            now = 0;
            assertThat(p.line(6 * S)).contains("model Mlp[2]");
        }
        assertThat(Progress.forCheck(10, true).line(6 * S)).doesNotContain("model");
    }
}
