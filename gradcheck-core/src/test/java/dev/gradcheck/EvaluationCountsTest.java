package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A report's evaluation count is the number of times the check read J: every step of the pipeline that evaluates
 * the cost (the noise estimate, the measurement, twice the step, the nearby point, a larger step, the penalty of the
 * regularization split) adds exactly what it evaluated, and the phase's time is the wall time it took.
 */
class EvaluationCountsTest {

    /**
     * HandNet as a {@link Regularized} model (its L2 term λ/2m·‖W‖² as the penalty) whose penalty evaluations are
     * counted; {@code halfPenaltyGradient} makes backprop add ½λ/m·W instead of λ/m·W (a bug in the penalty part).
     */
    static final class CountedRegularized extends HandNet implements Regularized {
        final boolean halfPenaltyGradient;
        int penaltyCalls;

        CountedRegularized(HandNet.Bug bug, boolean halfPenaltyGradient) {
            super(3, 6, 0.7, bug);
            this.halfPenaltyGradient = halfPenaltyGradient;
        }

        @Override
        public double regularizationCost() {
            penaltyCalls++;
            double s = 0;
            for (int l = 1; l <= 3; l++) {
                for (double w : W[l]) {
                    s += w * w;
                }
            }
            return lambda / (2 * m) * s;
        }

        @Override
        public Gradients regularizationGradients() {
            Gradients.Builder g = Gradients.builder();
            for (int l = 1; l <= 3; l++) {
                double[] d = new double[W[l].length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = lambda / m * W[l][i];
                }
                g.put("W" + l, d).put("b" + l, new double[b[l].length]);
            }
            return g.build();
        }

        @Override
        public Gradients gradients() {
            Gradients total = super.gradients();
            if (!halfPenaltyGradient) {
                return total;
            }
            Gradients.Builder g = Gradients.builder();
            for (String name : total.names()) {
                double[] d = total.get(name).clone();
                if (name.startsWith("W")) {
                    int l = name.charAt(1) - '0';
                    for (int i = 0; i < d.length; i++) {
                        d[i] -= 0.5 * lambda / m * W[l][i];
                    }
                }
                g.put(name, d);
            }
            return g.build();
        }
    }

    static void assertCountsItsCosts(HandNet net, GradientCheck check) {
        int before = net.costCalls;
        long start = System.nanoTime();
        GradCheckReport r = check.run();
        double wall = (System.nanoTime() - start) / 1e9;
        int penalty = net instanceof CountedRegularized c ? c.penaltyCalls : 0;
        assertThat(r.evaluations()).as("evaluations reported vs cost() calls seen: " + r)
                .isEqualTo(net.costCalls - before + penalty);
        assertThat(r.seconds()).isPositive().isLessThanOrEqualTo(wall);
    }

    @Test
    void aCorrectNetwork() {
        HandNet net = new HandNet(1, 6, 0.7, HandNet.Bug.NONE);
        assertCountsItsCosts(net, GradientCheck.of(net));
    }

    @Test
    void aReluNetworkWithEntriesOnKinksAndNonGenericPoints() {
        // b = 0 and few examples: dead units and exact zeros, so twice the step and the nearby point are used.
        HandNet net = new HandNet(7, 2, 0.0, HandNet.Bug.NONE);
        for (int l = 1; l <= 3; l++) {
            java.util.Arrays.fill(net.b[l], 0);
        }
        assertCountsItsCosts(net, GradientCheck.of(net));
    }

    @Test
    void aBugThatIsReMeasuredNearbyAndSplit() {
        CountedRegularized net = new CountedRegularized(HandNet.Bug.NONE, true);
        assertCountsItsCosts(net, GradientCheck.of(net));
        assertThat(net.penaltyCalls).as("the split evaluated the penalty").isPositive();
    }

    @Test
    void theSplitRunsOnlyWhenAComponentIsWrong() {
        CountedRegularized good = new CountedRegularized(HandNet.Bug.NONE, false);
        GradCheckReport r = GradientCheck.of(good).run();
        assertThat(r.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(good.penaltyCalls).isZero();
        assertThat(r.phases().get(0).typedFindings()).extracting(Finding::kind)
                .doesNotContain(Finding.Kind.REGULARIZATION);

        CountedRegularized bad = new CountedRegularized(HandNet.Bug.NONE, true);
        GradCheckReport b = GradientCheck.of(bad).run();
        assertThat(b.phases().get(0).typedFindings()).extracting(Finding::kind)
                .contains(Finding.Kind.REGULARIZATION);
        assertThat(GradientCheck.of(new CountedRegularized(HandNet.Bug.NONE, true)).shard("1/1").run().phases()
                .get(0).typedFindings()).extracting(Finding::kind).as("not in a shard")
                .doesNotContain(Finding.Kind.REGULARIZATION);
    }

    @Test
    void preciseFastAndTrainedChecks() {
        HandNet precise = new HandNet(2, 4, 0.7, HandNet.Bug.FACTOR_2_DW2);
        assertCountsItsCosts(precise, GradientCheck.of(precise).precise());
        HandNet fast = new HandNet(3, 4, 0.7, HandNet.Bug.NONE);
        assertCountsItsCosts(fast, GradientCheck.of(fast).fast(4));
        HandNet fellBack = new HandNet(3, 4, 0.7, HandNet.Bug.DB1_FOUR_OVER_M);
        assertCountsItsCosts(fellBack, GradientCheck.of(fellBack).fast(4));
    }

    @Test
    void aGradientHiddenByNoiseIsReMeasuredAndCounted() {
        // J = 1e6 + ½‖θ‖²: at ε = 1e-7 the constant's round-off hides the gradient; a larger step resolves it.
        double[] theta = {0.5, -0.25, 0.125};
        int[] calls = {0};
        Differentiable offset = VectorFunction.of(theta, t -> {
            calls[0]++;
            return 1e6 + 0.5 * (t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
        }, t -> t.clone());
        GradCheckReport r = GradientCheck.of(offset).run();
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
        assertThat(r.components().get(0).findings()).extracting(Finding::kind).contains(Finding.Kind.UNRESOLVED);
        assertThat(r.evaluations()).isEqualTo(calls[0]);
    }
}
