package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Precise mode writes θᵢ ± h and θᵢ ± 2h (h = 2⁻¹³·max(1, 2^⌊log₂|θᵢ|⌋)), reads J at each, and writes θᵢ back: the
 * five-point stencil is then exact for a polynomial of degree four, the one-sided slopes it keeps for kinks are those
 * of the step h, and a cost that blows up at θᵢ ± 2h is named with that step.
 */
class PreciseModeWritesTest {

    /** A function of θ that logs the value of θ₀ at every cost() call. */
    static final class Logged implements Differentiable {
        final double[] theta;
        final ToDoubleFunction<double[]> cost;
        final java.util.function.Function<double[], double[]> gradient;
        final List<Double> seen = new ArrayList<>();

        Logged(double[] theta, ToDoubleFunction<double[]> cost, java.util.function.Function<double[], double[]> g) {
            this.theta = theta;
            this.cost = cost;
            this.gradient = g;
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("θ", 1, theta.length, theta));
        }

        @Override
        public double cost() {
            seen.add(theta[0]);
            return cost.applyAsDouble(theta);
        }

        @Override
        public Gradients gradients() {
            return Gradients.builder().put("θ", gradient.apply(theta)).build();
        }
    }

    private static double quartic(double[] t) {
        return t[0] * t[0] * t[0] * t[0] / 4 - t[0] * t[0] * t[0] + 0.5 * t[1] * t[1] + 3;
    }

    private static double[] quarticGradient(double[] t) {
        return new double[] {t[0] * t[0] * t[0] - 3 * t[0] * t[0], t[1]};
    }

    @Test
    void writesThetaPlusMinusHAndTwoHWithTheStepScaledToTheEntry() {
        // θ₀ = 5: 2^⌊log₂ 5⌋ = 4, so h = 4·2⁻¹³ = 2⁻¹¹.
        Logged f = new Logged(new double[] {5.0, 0.25}, PreciseModeWritesTest::quartic,
                PreciseModeWritesTest::quarticGradient);
        GradCheckReport r = GradientCheck.of(f).precise().run();
        double h = 0x1p-11;
        assertThat(f.seen).as("θ₀ values at which J was read").contains(5.0 + h, 5.0 - h, 5.0 + 2 * h, 5.0 - 2 * h);
        assertThat(f.theta).as("θ written back").containsExactly(5.0, 0.25);
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
    }

    @Test
    void theFivePointStencilIsExactForAQuartic() {
        double[] theta = {1.5, -0.75};
        Logged f = new Logged(theta, PreciseModeWritesTest::quartic, PreciseModeWritesTest::quarticGradient);
        GradCheckReport r = GradientCheck.of(f).precise().run();
        double[] expected = quarticGradient(theta);
        double[] numerical = r.components().get(0).numerical();
        // Exact but for round-off of J (≈ 1e-16·|J| over 12h ≈ 1e-3): far below the central difference's h²·J'''/6.
        assertThat(numerical[0]).as("d/dθ₀ of the quartic by the five-point stencil").isCloseTo(expected[0],
                org.assertj.core.data.Offset.offset(1e-10));
        assertThat(numerical[1]).as("d/dθ₁").isCloseTo(expected[1], org.assertj.core.data.Offset.offset(1e-10));
        assertThat(r.ratio()).isLessThan(1e-10);
    }

    @Test
    void evaluatesFourCostsPerCoordinate() {
        // Linear: no curvature, so no entry needs the second measurement at twice the step.
        Logged f = new Logged(new double[] {1.5, -0.75, 0.3}, t -> 1 + 2 * t[0] - 3 * t[1] + 0.5 * t[2],
                t -> new double[] {2, -3, 0.5});
        GradCheckReport r = GradientCheck.of(f).precise().run();
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
        // J twice (determinism), the noise estimate, 4 per coordinate, J once more at the end.
        assertThat(r.evaluations()).isEqualTo(2 + Noise.EVALUATIONS + 4 * 3 + 1);
        assertThat(f.seen).hasSize((int) r.evaluations());
    }

    @Test
    void aKinkIsJudgedAgainstTheOneSidedSlopeOfTheStepH() {
        // J = 2 + |θ₀| + θ₁²/2 at θ₀ = 0: the backprop takes the right slope, +1.
        double[] theta = {0.0, 0.5};
        ToDoubleFunction<double[]> j = t -> 2 + Math.abs(t[0]) + 0.5 * t[1] * t[1];
        GradCheckReport right = GradientCheck.of(new Logged(theta, j, t -> new double[] {1, t[1]})).precise().run();
        assertThat(right.verdict()).as(right.toString()).isEqualTo(Verdict.GOOD);
        assertThat(right.components().get(0).judgedRatio()).isLessThan(1e-9);
        assertThat(right.components().get(0).findings()).extracting(Finding::kind).contains(Finding.Kind.KINKS);

        GradCheckReport left = GradientCheck.of(new Logged(theta, j, t -> new double[] {-1, t[1]})).precise().run();
        assertThat(left.verdict()).as(left.toString()).isEqualTo(Verdict.GOOD);

        GradCheckReport wrong = GradientCheck.of(new Logged(theta, j, t -> new double[] {3, t[1]})).precise().run();
        assertThat(wrong.verdict()).as("a value outside the one-sided slopes is wrong: " + wrong)
                .isEqualTo(Verdict.BUG);
    }

    @Test
    void aCostThatBlowsUpAtTwoHIsNamedWithThatStep() {
        double h = 0x1p-13;
        // Finite at θ₀ ± h, infinite at θ₀ + 2h.
        double limit = 0.5 + 1.5 * h;
        Logged f = new Logged(new double[] {0.5, 0.1},
                t -> t[0] >= limit ? Double.POSITIVE_INFINITY : t[0] * t[0] + t[1],
                t -> new double[] {2 * t[0], 1});
        assertThatThrownBy(() -> GradientCheck.of(f).precise().run())
                .isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("θ[0,0]")
                .hasMessageContaining("h = " + (2 * h));
        assertThat(f.theta).containsExactly(0.5, 0.1);
    }

    @Test
    void aCostThatBlowsUpAtHIsNamedWithThatStep() {
        double h = 0x1p-13;
        double limit = 0.5 - 0.5 * h;
        Logged f = new Logged(new double[] {0.5, 0.1},
                t -> t[0] <= limit ? Double.NaN : t[0] * t[0] + t[1],
                t -> new double[] {2 * t[0], 1});
        assertThatThrownBy(() -> GradientCheck.of(f).precise().run())
                .isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("θ[0,0]")
                .hasMessageContaining("= " + h + ")");
        assertThat(f.theta).containsExactly(0.5, 0.1);
    }
}
