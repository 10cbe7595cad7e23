package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
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

    @Test
    void timesCountFromTheStartOfTheCheckNotFromTheClocksZero() {
        // The clock reads 100 s when the check starts: 4 s later is still a short check.
        now = 100 * S;
        Progress p = new Progress(1_000, Progress.Mode.PLAIN, null, List.of(), () -> now, out);
        now = 104 * S;
        p.advance(100);
        assertThat(printed()).isEmpty();
        now = 106 * S;
        p.advance(100);
        assertThat(printed()).isEqualTo("gradcheck: 20% of 1,000 coordinates, 24 s left" + System.lineSeparator());
    }

    @Test
    void plainLinesComeStrictlyAfterFiveSecondsAndThenEveryTenSecondsOnTheDot() {
        Progress p = new Progress(1_000, Progress.Mode.PLAIN, null, List.of(), () -> now, out);
        now = 5 * S;
        p.advance(1);
        assertThat(printed()).as("at 5 s exactly: not yet").isEmpty();
        now = 5 * S + 1;
        p.advance(1);
        assertThat(printed().lines()).hasSize(1);
        now = 15 * S;
        p.advance(1);
        assertThat(printed().lines()).as("10 s later, not one nanosecond less").hasSize(1);
        now = 15 * S + 1;
        p.advance(1);
        assertThat(printed().lines()).hasSize(2);
    }

    @Test
    void theTerminalLineWaitsTwoSecondsAndIsRewrittenAtMostEveryFifthOfASecond() {
        long ms = S / 1000;
        Progress p = new Progress(100, Progress.Mode.TTY, null, List.of(), () -> now, out);
        now = 2 * S;
        p.advance(1);
        assertThat(printed()).as("at 2 s exactly: not yet").isEmpty();
        now = 2 * S + ms;
        p.advance(1);
        now = 2 * S + 201 * ms;
        p.advance(1);
        assertThat(printed().chars().filter(c -> c == '\r').count()).as("200 ms apart exactly: once").isEqualTo(1);
        now = 2 * S + 202 * ms;
        p.advance(1);
        assertThat(printed().chars().filter(c -> c == '\r').count()).isEqualTo(2);
    }

    @Test
    void everyLineIsFlushedAtOnce() {
        // Through a buffer, as System.err may be: the line must not wait for the buffer to fill.
        PrintStream buffered = new PrintStream(new BufferedOutputStream(bytes, 1 << 16), false, StandardCharsets.UTF_8);
        Progress tty = new Progress(100, Progress.Mode.TTY, null, List.of(), () -> now, buffered);
        now = 3 * S;
        tty.advance(50);
        assertThat(printed()).startsWith("\rgradcheck: 50% of 100 coordinates");
        tty.done();
        assertThat(printed()).endsWith(" ".repeat(90) + "\r");
        bytes.reset();
        Progress plain = new Progress(100, Progress.Mode.PLAIN, null, List.of(), () -> now, buffered);
        now = 9 * S;
        plain.advance(50);
        assertThat(printed()).startsWith("gradcheck: 50% of 100 coordinates");
    }

    @Test
    void theComponentIsTheBlockOfTheNextCoordinate() {
        List<Progress.Block> blocks = List.of(new Progress.Block("dW1", 10), new Progress.Block("db1", 5));
        Progress p = new Progress(15, Progress.Mode.PLAIN, null, blocks, () -> now, out);
        p.advance(9);
        assertThat(p.line(6 * S)).startsWith("gradcheck: dW1: ");
        p.advance(1);
        assertThat(p.line(6 * S)).as("dW1 is done at 10").startsWith("gradcheck: db1: ");
    }

    @Test
    void theProgressOfACheckNamesTheComponentsOfTheModelBeingChecked() {
        HandNet net = new HandNet(1, 4, 0, HandNet.Bug.NONE);
        int size = net.parameters().stream().mapToInt(ParameterBlock::size).sum();
        try (InFlight.Scope checking = InFlight.enter(net)) {
            assertThat(Progress.forCheck(size, true).line(6 * S)).startsWith("gradcheck: dW1: 0% of ");
            // A shard's slice is not the model's blocks: no component is named.
            assertThat(Progress.forCheck(size - 1, true).line(6 * S)).startsWith("gradcheck: 0% of ");
        }
        Differentiable broken = new Differentiable() {
            @Override
            public List<ParameterBlock> parameters() {
                throw new IllegalStateException("not built yet");
            }

            @Override
            public double cost() {
                return 0;
            }

            @Override
            public Gradients gradients() {
                return Gradients.builder().build();
            }
        };
        try (InFlight.Scope checking = InFlight.enter(broken)) {
            assertThat(Progress.forCheck(10, true).line(6 * S)).startsWith("gradcheck: 0% of 10");
        }
    }

    @Test
    void anInnerLabelGivesWayToTheOuterOneWhenItCloses() {
        try (InFlight.Scope outer = Progress.label("outer")) {
            try (InFlight.Scope inner = Progress.label("inner")) {
                assertThat(Progress.forCheck(10, true).line(6 * S)).contains("model inner");
            }
            assertThat(Progress.forCheck(10, true).line(6 * S)).contains("model outer");
        }
        assertThat(Progress.forCheck(10, true).line(6 * S)).doesNotContain("model");
    }
}
