package dev.gradcheck.adapting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.Differentiable;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Verdict;
import org.junit.jupiter.api.Test;

/** docs/adapting.md, "Weights stored inputs × units". */
class TransposedExampleTest {
    // doc:begin
    /** A = tanh(xᵀ·w + b): this code keeps w[input][unit], the transpose of the course's W[unit][input]. */
    static class Layer implements Differentiable {
        final double[][] w = {{0.3, 0.1}, {-0.2, 0.4}, {0.5, -0.6}}; // 3 inputs × 2 units
        final double[] b = {0.05, -0.1};
        final double[][] x = {{1, 0.5, -1.5}, {-1, 2, 0.3}};       // m × inputs
        final double[][] y = {{0.2, 0.7}, {-0.4, 0.1}};            // m × units
        boolean bug;                                                // dw[2][1] twice too large

        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.ofTransposed("W", w), ParameterBlock.of("b", 2, 1, b)); // W is 2×3
        }

        public double cost() {
            double J = 0;
            for (int j = 0; j < 2; j++) {
                for (int u = 0; u < 2; u++) {
                    J += Math.pow(a(j, u) - y[j][u], 2) / (2 * 2);
                }
            }
            return J;
        }

        public Gradients gradients() {
            double[][] dw = new double[3][2];
            double[] db = new double[2];
            for (int j = 0; j < 2; j++) {
                for (int u = 0; u < 2; u++) {
                    double A = a(j, u);
                    double dZ = (A - y[j][u]) * (1 - A * A) / 2;
                    for (int i = 0; i < 3; i++) {
                        dw[i][u] += dZ * x[j][i];
                    }
                    db[u] += dZ;
                }
            }
            if (bug) {
                dw[2][1] *= 2;
            }
            return Gradients.builder().putTransposed("W", dw).put("b", db).build(); // dw in the model's shape
        }

        double a(int j, int u) {
            double z = b[u];
            for (int i = 0; i < 3; i++) {
                z += x[j][i] * w[i][u];
            }
            return Math.tanh(z);
        }
    }

    @Test
    void reportsUnitsByInputsAndGivesTheModelsOwnIndexToo() {
        Layer layer = new Layer();
        assertThat(GradientCheck.of(layer).run().verdict()).isEqualTo(Verdict.GOOD);
        layer.bug = true;
        ComponentResult dW = GradientCheck.of(layer).run().component("dW").orElseThrow();
        assertThat(dW.verdict()).isEqualTo(Verdict.BUG);
        assertThat(dW.shape()).isEqualTo("2×3");                                  // units × inputs
        EntryResult worst = dW.worstEntries().get(0);
        assertThat(List.of(worst.row(), worst.column())).containsExactly(1, 2);   // W[1,2]: unit 1, input 2
        int[] own = layer.parameters().get(0).userIndex(worst.row(), worst.column());
        assertThat(own).containsExactly(2, 1);                                    // w[2][1] in the model
    }
    // doc:end
}
