package dev.gradcheck.sensitivity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's ground truth is each model's own backprop, so that backprop is checked here without the checker:
 * against a plain central difference at h = 1e-5 (truncation ~h² ≈ 1e-10 relative, round-off u·|J|/h ≈ 1e-11
 * for |J| ≤ 1e3), and, for the offset costs, where a difference cannot be that exact, by being the very gradient
 * of the offset-free net with the same seed.
 */
class UserModelsTest {

    private static final double H = 1e-5;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Conditioning.class, names = {"OFFSET_1E2", "OFFSET_1E4", "OFFSET_1E6"},
            mode = EnumSource.Mode.EXCLUDE)
    void backpropAgreesWithACentralDifference(Conditioning c) {
        for (long seed = 1; seed <= 3; seed++) {
            UserModel model = c.build(seed);
            double[][] g = model.backprop(model.theta);
            double[][] approx = new double[g.length][];
            for (int k = 0; k < g.length; k++) {
                approx[k] = new double[g[k].length];
                for (int i = 0; i < g[k].length; i++) {
                    double[][] plus = model.copyOfTheta();
                    double[][] minus = model.copyOfTheta();
                    plus[k][i] += H;
                    minus[k][i] -= H;
                    approx[k][i] = (model.cost(plus) - model.cost(minus)) / (2 * H);
                }
            }
            assertThat(Truth.of(g, approx).ratio()).as("%s, seed %d: ratio of the hand-written backprop against a"
                    + " central difference at h = 1e-5", c.description, seed).isLessThan(1e-7);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Conditioning.class, names = {"OFFSET_1E2", "OFFSET_1E4", "OFFSET_1E6"})
    void anOffsetChangesJByItselfAndTheGradientNotAtAll(Conditioning c) {
        double offset = Double.parseDouble(c.name().substring("OFFSET_".length()).replace('E', 'e'));
        for (long seed = 1; seed <= 3; seed++) {
            UserModel shifted = c.build(seed);
            UserModel plain = Conditioning.SIGMOID_MEAN.build(seed);
            assertThat(shifted.backprop(shifted.theta)).as("%s, seed %d: gradient", c.description, seed)
                    .isDeepEqualTo(plain.backprop(plain.theta));
            assertThat(shifted.cost() - offset).as("%s, seed %d: J − offset", c.description, seed)
                    .isCloseTo(plain.cost(), org.assertj.core.api.Assertions.within(1e-9 * offset));
        }
    }
}
