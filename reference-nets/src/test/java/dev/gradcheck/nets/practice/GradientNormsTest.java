package dev.gradcheck.nets.practice;

import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Loss;
import dev.gradcheck.nets.Matrix;
import dev.gradcheck.nets.Network;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.gradcheck.nets.practice.GradientNorms.Flag.EXPLODING;
import static dev.gradcheck.nets.practice.GradientNorms.Flag.OK;
import static dev.gradcheck.nets.practice.GradientNorms.Flag.VANISHING;
import static org.assertj.core.api.Assertions.assertThat;

/** The notes' deep linear network: W[l] = c·I, b = 0, so A[L] = c^L·X. */
class GradientNormsTest {
    static final int DEPTH = 30;

    static Network deepLinear(double c) {
        int[] n = new int[DEPTH + 1];
        Arrays.fill(n, 2);
        Network net = Network.builder().layers(n).activation(Activation.LINEAR).loss(Loss.MSE).batch(8).build();
        for (int l = 1; l <= DEPTH; l++) {
            Matrix w = net.W(l);
            w.fill(0);
            w.set(0, 0, c);
            w.set(1, 1, c);
        }
        return net;
    }

    @Test
    void weightsOneAndAHalfExplode() {
        List<GradientNorms.LayerNorm> norms = GradientNorms.of(deepLinear(1.5));
        assertThat(norms).hasSize(DEPTH).allMatch(n -> n.flag() == EXPLODING);
        assertThat(norms.get(0).relative()).isGreaterThan(1e9);
    }

    @Test
    void weightsOneHalfVanish() {
        List<GradientNorms.LayerNorm> norms = GradientNorms.of(deepLinear(0.5));
        assertThat(GradientNorms.flagged(norms, VANISHING)).hasSize(DEPTH);
        assertThat(norms.get(0).relative()).isLessThan(1e-7);
    }

    @Test
    void identityWeightsAndAHeInitializedReluNetworkAreFine() {
        assertThat(GradientNorms.of(deepLinear(1.0))).allMatch(n -> n.flag() == OK);
        Network relu = Network.builder().layers(4, 20, 20, 20, 1).batch(16).build();
        assertThat(GradientNorms.of(relu)).allMatch(n -> n.flag() == OK);
    }

    @Test
    void normsAreTheFrobeniusNormsOfTheGradients() {
        Network net = Network.builder().layers(3, 4, 1).batch(5).build();
        double[] dW1 = net.gradients().get("W1");
        double expected = Math.sqrt(Arrays.stream(dW1).map(v -> v * v).sum());
        GradientNorms.LayerNorm first = GradientNorms.of(net).get(0);
        assertThat(first.dW()).isEqualTo(expected);
        assertThat(first.W()).isEqualTo(net.W(1).norm());
        assertThat(first.toString()).startsWith("layer 1: ‖dW‖");
    }
}
