package dev.gradcheck.adapting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.UpdateOnly;
import dev.gradcheck.Verdict;
import org.junit.jupiter.api.Test;

/** docs/adapting.md, "Backprop that only updates". */
class UpdateOnlyExampleTest {
    // doc:begin
    /** A network that never returns a gradient: train(lr) backpropagates and updates W and b, with momentum. */
    static class Net {
        final double[][] W = {{0.3, -0.2, 0.5}, {0.1, 0.4, -0.6}};
        final double[] b = {0.05, -0.1};
        final double[][] vW = new double[2][3]; // momentum
        final double[] vb = new double[2];
        final double[] x = {1, 0.5, -1.5};
        final double[] y = {0.2, 0.7};

        double loss() { // J = ½·Σ(tanh(W·x + b) − y)²
            double J = 0;
            for (int u = 0; u < 2; u++) {
                J += 0.5 * Math.pow(a(u) - y[u], 2);
            }
            return J;
        }

        void train(double lr) {
            double[] dZ = new double[2];
            for (int u = 0; u < 2; u++) {
                double A = a(u);
                dZ[u] = (A - y[u]) * (1 - A * A);
            }
            for (int u = 0; u < 2; u++) {
                for (int i = 0; i < 3; i++) {
                    vW[u][i] = 0.9 * vW[u][i] + dZ[u] * x[i];
                    W[u][i] -= lr * vW[u][i];
                }
                vb[u] = 0.9 * vb[u] + dZ[u];
                b[u] -= lr * vb[u];
            }
        }

        double a(int u) {
            double z = b[u];
            for (int i = 0; i < 3; i++) {
                z += W[u][i] * x[i];
            }
            return Math.tanh(z);
        }
    }

    @Test
    void checksTheGradientTheStepApplies() {
        Net net = new Net();
        UpdateOnly model = UpdateOnly.of(List.of(ParameterBlock.of("W", net.W), ParameterBlock.of("b", 2, 1, net.b)),
                        net::loss, net::train)
                .optimizerState(net.vW).optimizerState(net.vb); // zeroed for each probing step, restored after
        assertThat(GradientCheck.of(model.trainWith(0.1)).afterTraining(20).run().verdict()).isEqualTo(Verdict.GOOD);
    }

    @Test
    void refusesMomentumItCannotReset() {
        Net net = new Net();
        UpdateOnly forgotTheMomentum = UpdateOnly.of(List.of(ParameterBlock.of("W", net.W),
                ParameterBlock.of("b", 2, 1, net.b)), net::loss, net::train);
        assertThatThrownBy(() -> GradientCheck.of(forgotTheMomentum).run())
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("not repeatable");
    }
    // doc:end
}
