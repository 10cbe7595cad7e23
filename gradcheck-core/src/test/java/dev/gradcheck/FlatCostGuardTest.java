package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The guard against a cost that does not read the checked parameters fires when J stays put at θ ± ε, and not when
 * J moves by the same amount on both sides (|θ| at 0: J₊ = J₋ ≠ J₀), which is a kink, not a copy.
 */
class FlatCostGuardTest {

    @Test
    void aCostThatReadsOtherArraysIsRefused() {
        double[] theta = {0.5, -0.3};
        double[] other = theta.clone();
        Differentiable copies = VectorFunction.of(theta, t -> other[0] * other[0] + other[1] * other[1],
                t -> new double[] {2 * t[0], 2 * t[1]});
        assertThatThrownBy(() -> GradientCheck.of(copies).run()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("did not change").hasMessageContaining("2 entries");
    }

    @Test
    void aSymmetricKinkOfAOneParameterCostIsNoCopy() {
        Differentiable abs = VectorFunction.of(new double[] {0.0}, t -> Math.abs(t[0]), t -> new double[] {0.3});
        GradCheckReport r = GradientCheck.of(abs).run();
        assertThat(r.components().get(0).checked()).as(r.toString()).isFalse();
        assertThat(r.verdict()).isEqualTo(Verdict.INSPECT);
        Differentiable right = VectorFunction.of(new double[] {0.0}, t -> Math.abs(t[0]), t -> new double[] {1});
        assertThat(GradientCheck.of(right).run().verdict()).isEqualTo(Verdict.GOOD);
    }
}
