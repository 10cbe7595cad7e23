package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradcheck.adapt.StepProbe;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.apache.commons.math3.linear.AbstractRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@link StepProbe} on one small block with hand-written steps: what it recovers from a plain step, and for each step
 * it refuses, the message with the entry it names (row and column, and the user's own index for a transposed block)
 * and the numbers it read. The numbers are chosen exact in binary, so the expected values are the step's own.
 */
class StepProbeTest {

    /** θ of a 2×3 block; every value and every step below is exact in binary. */
    static double[] theta() {
        return new double[] {0.5, -0.25, 1.5, 0.75, -1.0, 0.125};
    }

    static final double[] G = {0.5, 0.25, -0.75, 1.0, 0.125, -0.5};

    static DoubleConsumer gd(double[] w, double[] g) {
        return lr -> {
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
        };
    }

    static double[][] probe(ParameterBlock block, DoubleConsumer step, double lr) {
        return StepProbe.gradient(List.of(block), step, () -> { }, lr);
    }

    @Test
    void aPlainStepGivesItsGradientBack() {
        double[] w = theta();
        double[][] g = probe(ParameterBlock.of("W", 2, 3, w), gd(w, G), 0.5);
        assertThat(g[0]).containsExactly(G);
        assertThat(w).as("θ restored").containsExactly(theta());
    }

    @Test
    void aNonFiniteStepNamesTheEntryByRowAndColumn() {
        double[] w = theta();
        DoubleConsumer step = gd(w, G).andThen(lr -> w[5] = Double.NaN);
        assertThatThrownBy(() -> probe(ParameterBlock.of("W", 2, 3, w), step, 1))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("the model's step(1.0) left W[1,2] = NaN (it was 0.125)");
        assertThat(w).containsExactly(theta());
    }

    @Test
    void aTransposedBlockNamesTheEntryInTheModelsOwnStorageToo() {
        // The model keeps w[input][unit], 3×2; the block shows it 2×3, so W[0,2] is w[2][0].
        double[][] stored = {{0.5, 0.75}, {-0.25, -1.0}, {1.5, 0.125}};
        DoubleConsumer step = lr -> stored[2][0] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> probe(ParameterBlock.ofTransposed("W", stored), step, 1))
                .hasMessageStartingWith("the model's step(1.0) left W[0,2] ([2][0] in the model's own inputs × units "
                        + "storage) = Infinity (it was 1.5)");
    }

    @Test
    void aStorageThatDoesNotKeepTheDoubleIsRefusedAtTheEntryItChanged() {
        FloatMatrix m = new FloatMatrix(2, 3);
        double[] t = theta();
        t[4] = 0.1;
        for (int i = 0; i < 6; i++) {
            m.v[i] = t[i];
        }
        DoubleConsumer step = lr -> {
            for (int i = 0; i < 6; i++) {
                m.setEntry(i / 3, i % 3, m.getEntry(i / 3, i % 3) - lr * G[i]);
            }
        };
        assertThatThrownBy(() -> probe(ParameterBlock.of("W", m), step, 1)).isInstanceOf(GradientCheckException.class)
                .hasMessage("could not restore W[1,1] after the model's step: wrote 0.1 back, reads " + (double) 0.1f
                        + " (does the block's storage keep a double exactly?)");
    }

    @Test
    void aStepThatKeepsStateNamesTheEntryAndBothMoves() {
        double[] w = theta();
        double[] calls = {0};
        DoubleConsumer step = lr -> {
            calls[0]++;
            // From the second call on, entry 1 moves twice as far: state carried over.
            w[1] -= lr * G[1] * (calls[0] > 1 ? 2 : 1);
        };
        assertThatThrownBy(() -> probe(ParameterBlock.of("W", 2, 3, w), step, 1))
                .hasMessageContaining("one step moved W[0,1] by 0.25 and the next by 0.5 (lr = 1.0)");
    }

    @Test
    void aStepThatIgnoresTheRateSaysWhatItRecoveredAtBothRates() {
        double[] w = theta();
        DoubleConsumer step = lr -> w[3] -= 0.25;
        assertThatThrownBy(() -> probe(ParameterBlock.of("W", 2, 3, w), step, 0.5))
                .hasMessageContaining("does not scale with lr")
                .hasMessageContaining("(W[1,0]: −Δθ/lr is 0.5 at lr = 0.5 but 0.25 at lr = 1.0)");
    }

    @Test
    void equalMovesInNineOfTenEntriesAreSignLike() {
        // Nine of ten moves equal: Adam's first step. The odd one sits where an unsorted middle would be.
        double[] w = new double[10];
        double[] g = {1, 1, 1, 1, 1, 7, 1, 1, 1, 1};
        assertThatThrownBy(() -> probe(ParameterBlock.of("W", 2, 5, w), gd(w, g), 0.5))
                .hasMessageContaining("moved 9 of the 10 parameters it changed by the same amount, 0.5 (±1.0·lr)");
        // Eight of ten: the gradient may well have repeated values.
        double[] w8 = new double[10];
        double[] g8 = {1, 1, 1, 1, 1, 7, 1, 1, 1, 3};
        assertThat(probe(ParameterBlock.of("W", 2, 5, w8), gd(w8, g8), 0.5)[0]).containsExactly(g8);
    }

    @Test
    void fourEqualMovesAreEnoughToTellAndThreeAreNot() {
        double[] w4 = new double[4];
        assertThatThrownBy(() -> probe(ParameterBlock.of("W", 2, 2, w4), gd(w4, new double[] {1, -1, 1, -1}), 1))
                .hasMessageContaining("moved 4 of the 4 parameters");
        double[] w3 = new double[3];
        assertThat(probe(ParameterBlock.of("W", 3, 1, w3), gd(w3, new double[] {1, -1, 1}), 1)[0])
                .containsExactly(1, -1, 1);
    }

    /** A matrix that stores float: writes lose what a float cannot hold. */
    static final class FloatMatrix extends AbstractRealMatrix {
        final double[] v;
        final int rows;
        final int cols;

        FloatMatrix(int rows, int cols) {
            super(rows, cols);
            this.rows = rows;
            this.cols = cols;
            v = new double[rows * cols];
        }

        @Override
        public int getRowDimension() {
            return rows;
        }

        @Override
        public int getColumnDimension() {
            return cols;
        }

        @Override
        public RealMatrix createMatrix(int r, int c) {
            return new FloatMatrix(r, c);
        }

        @Override
        public RealMatrix copy() {
            FloatMatrix m = new FloatMatrix(rows, cols);
            System.arraycopy(v, 0, m.v, 0, v.length);
            return m;
        }

        @Override
        public double getEntry(int r, int c) {
            return v[r * cols + c];
        }

        @Override
        public void setEntry(int r, int c, double value) {
            v[r * cols + c] = (float) value;
        }

        @Override
        public void addToEntry(int r, int c, double increment) {
            setEntry(r, c, getEntry(r, c) + increment);
        }

        @Override
        public void multiplyEntry(int r, int c, double factor) {
            setEntry(r, c, getEntry(r, c) * factor);
        }
    }
}
