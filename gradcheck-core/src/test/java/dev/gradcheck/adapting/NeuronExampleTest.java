package dev.gradcheck.adapting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.gradcheck.Differentiable;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Verdict;
import org.junit.jupiter.api.Test;

/** docs/adapting.md, "One object per neuron". */
class NeuronExampleTest {
    // doc:begin
    /** A neuron owns its input weights and bias, behind getters and setters. */
    static class Neuron {
        private final double[] weights;
        private double bias;
        double output;
        double delta; // ∂J/∂z, set by backprop

        Neuron(double bias, double... weights) {
            this.weights = weights;
            this.bias = bias;
        }

        double getWeight(int i) { return weights[i]; }
        void setWeight(int i, double v) { weights[i] = v; }
        double getBias() { return bias; }
        void setBias(double v) { bias = v; }
    }

    /** One tanh layer of neurons on one example x, J = ½·Σ(output − y)². */
    static class Layer implements Differentiable {
        final Neuron[] neurons = {new Neuron(0.05, 0.3, -0.2, 0.5), new Neuron(-0.1, 0.1, 0.4, -0.6)};
        final double[] x = {1, 0.5, -1.5};
        final double[] y = {0.2, 0.7};

        public List<ParameterBlock> parameters() {
            return List.of(
                    ParameterBlock.of("W", 2, 3, (u, i) -> neurons[u].getWeight(i), (u, i, v) -> neurons[u].setWeight(i, v)),
                    ParameterBlock.of("b", 2, 1, (u, c) -> neurons[u].getBias(), (u, c, v) -> neurons[u].setBias(v)));
        }

        public double cost() {
            forward();
            double J = 0;
            for (int u = 0; u < 2; u++) {
                J += 0.5 * Math.pow(neurons[u].output - y[u], 2);
            }
            return J;
        }

        public Gradients gradients() {
            forward();
            for (int u = 0; u < 2; u++) {
                Neuron n = neurons[u];
                n.delta = (n.output - y[u]) * (1 - n.output * n.output);
            }
            return Gradients.builder()
                    .put("W", 2, 3, (u, i) -> neurons[u].delta * x[i])
                    .put("b", 2, 1, (u, c) -> neurons[u].delta).build();
        }

        void forward() {
            for (Neuron n : neurons) {
                double z = n.getBias();
                for (int i = 0; i < 3; i++) {
                    z += n.getWeight(i) * x[i];
                }
                n.output = Math.tanh(z);
            }
        }
    }

    @Test
    void checksThroughTheNeuronsAccessors() {
        assertThat(GradientCheck.of(new Layer()).run().verdict()).isEqualTo(Verdict.GOOD);
    }
    // doc:end
}
