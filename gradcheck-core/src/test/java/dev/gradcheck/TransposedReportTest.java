package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A block the model stores inputs × units is reported units × inputs, and the report says how to find the entry. */
class TransposedReportTest {

    @Test
    void aWrongEntryOfATransposedBlockIsNamedInBothOrientations() {
        // w[input][unit], 3 inputs × 2 units; J = Σ c·w²; the backprop gets w[2][0] (the report's W[0,2]) wrong.
        double[][] w = {{0.3, -0.2}, {0.5, 0.7}, {-0.4, 0.1}};
        Differentiable model = new Differentiable() {
            @Override
            public List<ParameterBlock> parameters() {
                return List.of(ParameterBlock.ofTransposed("W", w));
            }

            @Override
            public double cost() {
                double s = 0;
                for (int i = 0; i < 3; i++) {
                    for (int u = 0; u < 2; u++) {
                        s += (i + 1 + u) * w[i][u] * w[i][u];
                    }
                }
                return s;
            }

            @Override
            public Gradients gradients() {
                double[][] g = new double[3][2];
                for (int i = 0; i < 3; i++) {
                    for (int u = 0; u < 2; u++) {
                        g[i][u] = 2 * (i + 1 + u) * w[i][u];
                    }
                }
                g[2][0] *= 1.5;
                return Gradients.builder().putTransposed("W", g).build();
            }
        };
        GradCheckReport r = GradientCheck.of(model).run();
        ComponentResult c = r.component("dW").orElseThrow();
        assertThat(c.verdict()).isEqualTo(Verdict.BUG);
        assertThat(c.transposed()).isTrue();
        assertThat(c.shape()).isEqualTo("2×3");
        EntryResult worst = c.worstEntries().get(0);
        assertThat(new int[] {worst.row(), worst.column()}).containsExactly(0, 2);
        assertThat(r.toString()).contains("dW worst entries (the model stores W inputs × units: (row, col) here is "
                + "its [col][row])");
    }

    @Test
    void aBlockStoredAsReportedIsNotTransposedAndItsEntriesNeedNoSecondName() {
        GradCheckReport r = GradientCheck.of(new HandNet(7, 6, 0.7, HandNet.Bug.FACTOR_2_DW2)).run();
        ComponentResult c = r.component("dW2").orElseThrow();
        assertThat(c.verdict()).isEqualTo(Verdict.BUG);
        assertThat(c.transposed()).isFalse();
        assertThat(r.toString()).contains("dW2 worst entries:").doesNotContain("inputs × units");
    }
}
