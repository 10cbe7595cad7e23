package dev.gradcheck.nets;

import dev.gradcheck.Gradients;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A 2-2-1 relu/sigmoid network small enough to compute by hand:
 * W1 = [[1, −3], [0.5, 2]], b1 = (−0.5, −0.2), W2 = [1, −2], b2 = 0.3, X = [[1, 2], [0, 1]], Y = [1, 0].
 * Z1 = [[0.5, −1.5], [0.3, 2.8]], A1 = [[0.5, 0], [0.3, 2.8]], Z2 = [0.2, −5.3].
 */
class ForwardByHandTest {

    static Network net(double lambda, double l1) {
        Dataset data = new Dataset(Matrix.of(new double[][] {{1, 2}, {0, 1}}), Matrix.of(new double[][] {{1, 0}}));
        Network net = Network.builder().layers(2, 2, 1).data(data).lambda(lambda).l1(l1).build();
        net.W(1).data()[0] = 1;
        net.W(1).data()[1] = -3;
        net.W(1).data()[2] = 0.5;
        net.W(1).data()[3] = 2;
        net.b(1).data()[0] = -0.5;
        net.b(1).data()[1] = -0.2;
        net.W(2).data()[0] = 1;
        net.W(2).data()[1] = -2;
        net.b(2).data()[0] = 0.3;
        return net;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void predictionIsSigmoidOfZ2() {
        Matrix a2 = net(0, 0).predict(Matrix.of(new double[][] {{1, 2}, {0, 1}}));
        assertThat(a2.data()).containsExactly(new double[] {sigmoid(0.2), sigmoid(-5.3)}, within(1e-15));
    }

    @Test
    void costIsMeanCrossEntropy() {
        double expected = 0.5 * (-Math.log(sigmoid(0.2)) - Math.log(1 - sigmoid(-5.3)));
        assertThat(net(0, 0).cost()).isCloseTo(expected, within(1e-14));
    }

    @Test
    void costAddsL2AndL1Penalties() {
        double data = 0.5 * (-Math.log(sigmoid(0.2)) - Math.log(1 - sigmoid(-5.3)));
        double squares = 1 + 9 + 0.25 + 4 + 1 + 4;
        double abs = 1 + 3 + 0.5 + 2 + 1 + 2;
        Network net = net(0.5, 0.2);
        assertThat(net.cost()).isCloseTo(data + 0.5 / (2 * 2) * squares + 0.2 / 2 * abs, within(1e-14));
        assertThat(net.regularizationCost()).isCloseTo(0.5 / 4 * squares + 0.1 * abs, within(1e-14));
    }

    @Test
    void backpropByHand() {
        Network net = net(0.5, 0);
        Gradients g = net.gradients();
        double dz1 = sigmoid(0.2) - 1;
        double dz2 = sigmoid(-5.3);
        // dW2 = (1/m)·dZ2·A1ᵀ + λ/m·W2,  db2 = (1/m)·Σ dZ2
        assertThat(g.get("W2")).containsExactly(new double[] {
                0.5 * (dz1 * 0.5 + dz2 * 0) + 0.25 * 1,
                0.5 * (dz1 * 0.3 + dz2 * 2.8) + 0.25 * -2}, within(1e-15));
        assertThat(g.get("b2")).containsExactly(new double[] {0.5 * (dz1 + dz2)}, within(1e-15));
        // dA1 = W2ᵀ·dZ2, dZ1 = dA1 ∘ relu'(Z1); Z1 = [[0.5, −1.5], [0.3, 2.8]]
        double[][] dZ1 = {{1 * dz1, 0}, {-2 * dz1, -2 * dz2}};
        // dW1 = (1/m)·dZ1·Xᵀ + λ/m·W1 with X = [[1, 2], [0, 1]]
        assertThat(g.get("W1")).containsExactly(new double[] {
                0.5 * (dZ1[0][0] * 1 + dZ1[0][1] * 2) + 0.25 * 1,
                0.5 * (dZ1[0][0] * 0 + dZ1[0][1] * 1) + 0.25 * -3,
                0.5 * (dZ1[1][0] * 1 + dZ1[1][1] * 2) + 0.25 * 0.5,
                0.5 * (dZ1[1][0] * 0 + dZ1[1][1] * 1) + 0.25 * 2}, within(1e-15));
        assertThat(g.get("b1")).containsExactly(new double[] {0.5 * (dZ1[0][0] + dZ1[0][1]),
                0.5 * (dZ1[1][0] + dZ1[1][1])}, within(1e-15));
    }

    @Test
    void regularizationGradientIsLambdaOverMTimesWAndSign() {
        Network net = net(0.5, 0.2);
        Gradients g = net.regularizationGradients();
        assertThat(g.get("W2")).containsExactly(new double[] {0.25 * 1 + 0.1, 0.25 * -2 - 0.1}, within(1e-15));
        assertThat(g.get("b2")).containsExactly(0.0);
    }

    @Test
    void aGradientStepLowersTheCost() {
        Network net = net(0, 0);
        double before = net.cost();
        net.train(1);
        assertThat(net.cost()).isLessThan(before);
    }
}
