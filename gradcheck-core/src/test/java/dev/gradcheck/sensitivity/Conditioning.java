package dev.gradcheck.sensitivity;

import dev.gradcheck.sensitivity.TwoLayerNet.Hidden;
import dev.gradcheck.sensitivity.TwoLayerNet.Loss;

import java.util.function.LongFunction;

/**
 * The cost shapes of the suite: how J and its round-off relate to the gradient. The same small sigmoid net
 * appears with its cost averaged, summed over a big batch (J ≈ 7e2) and shifted by constants up to 1e6 (the
 * central difference then loses ~log10(J/0.7) digits), and with the course's formula computed literally.
 */
enum Conditioning {
    SIGMOID_MEAN("sigmoid net, mean cross-entropy", s -> sigmoidNet(s, 20, false, 0)),
    /** J ≈ 7e2; m = 1000 rather than more keeps each check of this conditioning near 40 ms. */
    SIGMOID_SUM("sigmoid net, cross-entropy summed over m = 1000", s -> sigmoidNet(s, 1000, true, 0)),
    OFFSET_1E2("sigmoid net, mean cross-entropy + 1e2", s -> sigmoidNet(s, 20, false, 1e2)),
    OFFSET_1E4("sigmoid net, mean cross-entropy + 1e4", s -> sigmoidNet(s, 20, false, 1e4)),
    OFFSET_1E6("sigmoid net, mean cross-entropy + 1e6", s -> sigmoidNet(s, 20, false, 1e6)),
    /**
     * A net that has fit its batch (init scale 10, labels from its own outputs): J ≈ 0.05–0.15 made of terms like
     * log A with A within 1e-4 of 1, where 1 − A cancels; J's round-off is then 5–40 × u·|J| (measured by
     * comparing with the logits form), not u·|J|.
     */
    NAIVE_CE("sigmoid net, naive −(Y·log A + (1−Y)·log(1−A))",
            s -> new TwoLayerNet(s, 4, 20, Hidden.SIGMOID, Loss.NAIVE, false, 0, 10, true)),
    /** Kinks exist (relu at Z1 = 0) but a random θ and X do not sit within ε of one. */
    RELU("relu net, mean cross-entropy", s -> new TwoLayerNet(s, 5, 20, Hidden.RELU, Loss.LOGITS, false, 0, 1.4)),
    LINEAR_MSE("linear regression, mean squared error", s -> new LinearRegression(s, 20)),
    ONE_PARAMETER("one-parameter logistic regression", s -> new OneWeight(s, 20));

    final String description;
    private final LongFunction<UserModel> factory;

    Conditioning(String description, LongFunction<UserModel> factory) {
        this.description = description;
        this.factory = factory;
    }

    UserModel build(long seed) {
        return factory.apply(seed);
    }

    private static UserModel sigmoidNet(long seed, int m, boolean summed, double offset) {
        return new TwoLayerNet(seed, 4, m, Hidden.SIGMOID, Loss.LOGITS, summed, offset, 1);
    }
}
