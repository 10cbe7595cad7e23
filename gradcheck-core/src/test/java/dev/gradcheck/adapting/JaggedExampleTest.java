package dev.gradcheck.adapting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Verdict;
import org.junit.jupiter.api.Test;

/** docs/adapting.md, "Weights in double[][]": the text between the doc markers is quoted there verbatim. */
class JaggedExampleTest {
    // doc:begin
    /** A = tanh(W·x + b) on m examples, J = 1/(2m)·Σ(A − y)²; W[unit][input], as the course writes it. */
    static class Layer implements Differentiable {
        final double[][] W = {{0.3, -0.2, 0.5}, {0.1, 0.4, -0.6}};
        final double[][] b = {{0.05}, {-0.1}};
        final double[][] x = {{1, -1}, {0.5, 2}, {-1.5, 0.3}}; // inputs × m
        final double[][] y = {{0.2, -0.4}, {0.7, 0.1}};         // units × m

        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("W", W), ParameterBlock.of("b", b)); // live views, no copies
        }

        public double cost() {
            double[][] A = forward();
            double J = 0;
            for (int u = 0; u < 2; u++) {
                for (int j = 0; j < 2; j++) {
                    J += (A[u][j] - y[u][j]) * (A[u][j] - y[u][j]) / (2 * 2);
                }
            }
            return J;
        }

        public Gradients gradients() {
            double[][] A = forward();
            double[][] dW = new double[2][3];
            double[][] db = new double[2][1];
            for (int u = 0; u < 2; u++) {
                for (int j = 0; j < 2; j++) {
                    double dZ = (A[u][j] - y[u][j]) * (1 - A[u][j] * A[u][j]) / 2;
                    for (int i = 0; i < 3; i++) {
                        dW[u][i] += dZ * x[i][j];
                    }
                    db[u][0] += dZ;
                }
            }
            return Gradients.builder().put("W", dW).put("b", db).build(); // gradients as double[][] too
        }

        double[][] forward() {
            double[][] A = new double[2][2];
            for (int u = 0; u < 2; u++) {
                for (int j = 0; j < 2; j++) {
                    double z = b[u][0];
                    for (int i = 0; i < 3; i++) {
                        z += W[u][i] * x[i][j];
                    }
                    A[u][j] = Math.tanh(z);
                }
            }
            return A;
        }
    }

    @Test
    void checksTheModelInItsOwnArrays() {
        GradCheckReport report = GradientCheck.of(new Layer()).run();
        assertThat(report.verdict()).isEqualTo(Verdict.GOOD);
    }
    // doc:end
}
