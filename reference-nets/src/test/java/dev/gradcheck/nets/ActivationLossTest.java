package dev.gradcheck.nets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ActivationLossTest {

    @Test
    void activationValuesByHand() {
        assertThat(Activation.RELU.g(-2)).isEqualTo(0);
        assertThat(Activation.RELU.g(3)).isEqualTo(3);
        assertThat(Activation.RELU.derivative(-2)).isEqualTo(0);
        assertThat(Activation.RELU.derivative(0)).isEqualTo(0);
        assertThat(Activation.RELU.derivative(3)).isEqualTo(1);
        assertThat(Activation.LEAKY_RELU.g(-2)).isEqualTo(-0.02);
        assertThat(Activation.LEAKY_RELU.derivative(-2)).isEqualTo(0.01);
        assertThat(Activation.TANH.g(0.5)).isCloseTo(0.46211715726000974, within(1e-15));
        assertThat(Activation.TANH.derivative(0.5)).isCloseTo(1 - 0.46211715726000974 * 0.46211715726000974,
                within(1e-15));
        assertThat(Activation.SIGMOID.g(0)).isEqualTo(0.5);
        assertThat(Activation.SIGMOID.derivative(0)).isEqualTo(0.25);
        assertThat(Activation.LINEAR.g(-1.5)).isEqualTo(-1.5);
        assertThat(Activation.LINEAR.derivative(7)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativeIsTheSlopeAwayFromKinks(Activation g) {
        for (double z : new double[] {-2.3, -0.7, 0.4, 1.9}) {
            double h = 1e-6;
            double slope = (g.g(z + h) - g.g(z - h)) / (2 * h);
            assertThat(g.derivative(z)).as("%s'(%s)", g, z).isCloseTo(slope, within(1e-8));
        }
    }

    @Test
    void sigmoidIsStableForLargeInputs() {
        assertThat(Activation.sigmoid(-800)).isEqualTo(0);
        assertThat(Activation.sigmoid(800)).isEqualTo(1);
        assertThat(Activation.sigmoid(-40)).isGreaterThan(0);
    }

    @Test
    void sigmoidCrossEntropyByHand() {
        Matrix z = Matrix.of(new double[][] {{0.0, 2.0}});
        Matrix y = Matrix.of(new double[][] {{1, 0}});
        Matrix a = new Matrix(1, 2);
        Loss.SIGMOID_CE.activate(z, a);
        // −log σ(0) − log(1 − σ(2)) = log 2 + log(1 + e²)
        assertThat(Loss.SIGMOID_CE.sum(z, a, y)).isCloseTo(Math.log(2) + Math.log(1 + Math.exp(2)), within(1e-14));
        Matrix dz = new Matrix(1, 2);
        Loss.SIGMOID_CE.dZ(a, y, dz);
        assertThat(dz.data()).containsExactly(new double[] {0.5 - 1, Activation.sigmoid(2)}, within(1e-15));
    }

    @Test
    void crossEntropyNeverTakesLogOfZero() {
        Matrix z = Matrix.of(new double[][] {{-1000.0, 1000.0}});
        Matrix y = Matrix.of(new double[][] {{1, 0}});
        Matrix a = new Matrix(1, 2);
        Loss.SIGMOID_CE.activate(z, a);
        assertThat(Loss.SIGMOID_CE.sum(z, a, y)).isCloseTo(2000, within(1e-9));
        Matrix zs = Matrix.of(new double[][] {{1000.0}, {-1000.0}});
        Matrix ys = Matrix.of(new double[][] {{0}, {1}});
        Matrix as = new Matrix(2, 1);
        Loss.SOFTMAX_CE.activate(zs, as);
        assertThat(Loss.SOFTMAX_CE.sum(zs, as, ys)).isCloseTo(2000, within(1e-9));
    }

    @Test
    void softmaxCrossEntropyByHand() {
        Matrix z = Matrix.of(new double[][] {{1.0}, {2.0}, {3.0}});
        Matrix y = Matrix.of(new double[][] {{0}, {1}, {0}});
        Matrix a = new Matrix(3, 1);
        Loss.SOFTMAX_CE.activate(z, a);
        double total = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(a.data()).containsExactly(new double[] {Math.exp(1) / total, Math.exp(2) / total,
                Math.exp(3) / total}, within(1e-15));
        assertThat(Loss.SOFTMAX_CE.sum(z, a, y)).isCloseTo(-Math.log(Math.exp(2) / total), within(1e-14));
    }

    @Test
    void mseHasTheHalf() {
        Matrix z = Matrix.of(new double[][] {{1.0, -1.0}});
        Matrix y = Matrix.of(new double[][] {{0.0, 1.0}});
        Matrix a = new Matrix(1, 2);
        Loss.MSE.activate(z, a);
        assertThat(Loss.MSE.sum(z, a, y)).isEqualTo(0.5 * (1 + 4));
    }

    @Test
    void labelsAreChecked() {
        assertThatThrownBy(() -> Loss.SIGMOID_CE.checkLabels(Matrix.of(new double[][] {{2}})))
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Loss.SOFTMAX_CE.checkLabels(Matrix.of(new double[][] {{1}, {1}})))
                .hasMessageContaining("sum to 1");
    }

    @Test
    void labelsRoundTrip() {
        for (Activation g : Activation.values()) {
            assertThat(Activation.fromLabel(g.label())).isEqualTo(g);
        }
        for (Loss l : Loss.values()) {
            assertThat(Loss.fromLabel(l.label())).isEqualTo(l);
        }
        for (Init i : Init.values()) {
            assertThat(Init.fromLabel(i.label())).isEqualTo(i);
        }
        assertThatThrownBy(() -> Activation.fromLabel("swish")).hasMessageContaining("relu, leaky-relu");
    }

    @Test
    void initScalesAreTheNotes() {
        assertThat(Init.HE.scale(4, 5)).isEqualTo(Math.sqrt(2.0 / 4));
        assertThat(Init.XAVIER.scale(4, 5)).isEqualTo(Math.sqrt(1.0 / 4));
        assertThat(Init.GLOROT.scale(4, 5)).isEqualTo(Math.sqrt(2.0 / 9));
    }

    @Test
    void initDrawsHaveTheScale() {
        Matrix w = new Matrix(200, 50);
        Init.HE.fill(w, new Rng(5));
        double var = w.sumOfSquares() / w.data().length;
        assertThat(var).isCloseTo(2.0 / 50, within(0.003));
    }
}
