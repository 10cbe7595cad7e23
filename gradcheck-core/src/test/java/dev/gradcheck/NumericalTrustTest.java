package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NumericalTrustTest {

    /** J = Σ cᵢ·relu(θᵢ): θ₀ sits at 3e-8, inside ±ε of the kink at 0. */
    private static GradCheckReport reluAtKink(double analyticAtKink, boolean detect) {
        double[] theta = {3e-8, 0.5, -0.7, 1.2};
        double[] c = {1.5, -2.0, 0.7, 0.3};
        return GradientCheck.of(VectorFunction.of(theta, t -> {
            double s = 0;
            for (int i = 0; i < t.length; i++) {
                s += c[i] * Math.max(0, t[i]);
            }
            return s;
        }, t -> {
            double[] g = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                g[i] = t[i] > 0 ? c[i] : 0;
            }
            g[0] = analyticAtKink;
            return g;
        })).detectKinks(detect).run();
    }

    @Test
    void reluInputWithinEpsilonOfZeroIsAKinkJudgedAgainstItsSlope() {
        GradCheckReport r = reluAtKink(1.5, true);
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
        ComponentResult c = r.components().get(0);
        // 1.5 is the right-hand slope: the entry is judged against it, not set aside, and the headline keeps it.
        assertThat(c.nonDifferentiable()).isEmpty();
        assertThat(c.judgedEntries()).isEqualTo(4);
        assertThat(c.ratio()).isGreaterThan(1e-3);
        assertThat(c.judgedRatio()).isLessThan(1e-6);
        assertThat(c.hints()).anySatisfy(h -> assertThat(h).contains("1 of 4 entries").contains("kink")
                .contains("1 judged against the one-sided slope"));
    }

    @Test
    void withoutKinkDetectionTheSameCaseIsAFalseAlarm() {
        assertThat(reluAtKink(1.5, false).verdict()).isEqualTo(Verdict.BUG);
    }

    @Test
    void aWrongValueAtAKinkIsStillABug() {
        // 4.0 is neither one-sided derivative (0 on the left, 1.5 on the right): the kink does not excuse it.
        GradCheckReport r = reluAtKink(4.0, true);
        assertThat(r.verdict()).isEqualTo(Verdict.BUG);
        assertThat(r.components().get(0).nonDifferentiable()).isEmpty();
    }

    @Test
    void l1AtZeroIsAKink() {
        double[] w = {0.0, 0.4, -0.2};
        GradCheckReport r = GradientCheck.check(w, t -> Math.abs(t[0]) + Math.abs(t[1]) + Math.abs(t[2])
                + t[0] * t[1], t -> new double[] {Math.signum(t[0]) + t[1], Math.signum(t[1]) + t[0],
                Math.signum(t[2])});
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
        assertThat(r.components().get(0).nonDifferentiable()).extracting(EntryResult::index).containsExactly(0);
    }

    @Test
    void reluExactlyAtZeroWithTheLeftDerivativeIsJudgedAgainstTheLeftSlope() {
        // relu'(0) = 0 by the usual convention; the central difference there is c/2.
        double[] theta = {0.0, 0.5};
        GradCheckReport r = GradientCheck.check(theta, t -> 2 * Math.max(0, t[0]) + t[1] * t[1],
                t -> new double[] {t[0] > 0 ? 2 : 0, 2 * t[1]});
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
        assertThat(r.components().get(0).nonDifferentiable()).isEmpty();
        assertThat(r.components().get(0).hints()).anySatisfy(h -> assertThat(h).contains("judged against the "
                + "one-sided slope"));
    }

    @Test
    void smoothCurvatureAtALargeStepIsNotAKink() {
        double[] theta = {0.5, -1.3, 0.8};
        GradCheckReport r = GradientCheck.of(VectorFunction.of(theta, t -> Math.exp(3 * t[0]) + Math.exp(3 * t[1]),
                t -> new double[] {3 * Math.exp(3 * t[0]), 3 * Math.exp(3 * t[1]), 0})).epsilon(1e-3).run();
        assertThat(r.components().get(0).nonDifferentiable()).isEmpty();
    }

    @Test
    void noFalseBugOverManyRandomReluNetworks() {
        int inspect = 0;
        for (long seed = 1; seed <= 300; seed++) {
            HandNet net = new HandNet(seed, 1 + (int) (seed % 7), seed % 3 == 0 ? 0.0 : 0.7, HandNet.Bug.NONE);
            GradCheckReport r = GradientCheck.of(net).run();
            assertThat(r.verdict()).as("seed %d%n%s", seed, r).isNotEqualTo(Verdict.BUG);
            inspect += r.verdict() == Verdict.INSPECT ? 1 : 0;
        }
        assertThat(inspect).isZero();
    }

    @Test
    void floatPrecisionCostIsRefusedWithTheReason() {
        double[] theta = {0.3, -0.2, 0.9, 1.1, -0.4, 0.25, 0.6, -0.8, 0.05};
        assertThatThrownBy(() -> GradientCheck.check(theta, t -> {
            float s = 0.5f;
            for (double v : t) {
                s += (float) (v * v);
            }
            return s;
        }, t -> {
            double[] g = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                g[i] = 2 * t[i];
            }
            return g;
        })).isInstanceOf(GradientCheckException.class).hasMessageContaining("float precision")
                .hasMessageContaining("Compute the cost in double");
    }

    @Test
    void quantizedCostIsUnresolvedAndSaysWhy() {
        // Irregular values: with round ones even the quantized differences at a large step come out exact.
        double[] w = {0.31372, -0.22918, 0.90311, 1.10779, -0.41263, 0.25147, 0.60933, -0.80417};
        Differentiable quantized = new Differentiable() {
            @Override
            public List<ParameterBlock> parameters() {
                return List.of(ParameterBlock.of("W", 2, 2, w, 0), ParameterBlock.of("V", 2, 2, w, 4));
            }

            @Override
            public double cost() {
                double s = 0;
                for (double v : w) {
                    s += v * v;
                }
                return Math.round(s * 1e5) / 1e5 + 1e-9 * Math.PI;
            }

            @Override
            public Gradients gradients() {
                double[] g = new double[w.length];
                for (int i = 0; i < w.length; i++) {
                    g[i] = 2 * w[i];
                }
                return Gradients.builder().put("W", java.util.Arrays.copyOfRange(g, 0, 4))
                        .put("V", java.util.Arrays.copyOfRange(g, 4, 8)).build();
            }
        };
        // Quantized J is noise of 2e-6 that no step up to 1e-2 resolves to 1e-6: unresolved, never GOOD, and said so.
        GradCheckReport r = GradientCheck.of(quantized).run();
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.INSPECT);
        assertThat(r.components()).allSatisfy(c -> assertThat(c.hints()).anySatisfy(h -> assertThat(h)
                .startsWith("unresolved").contains("far less than double precision")));
        // ... in numbers: the measured σ_J in ulp of the J it was measured at.
        PhaseResult p = r.phases().get(0);
        assertThat(r.components().get(0).hints()).anySatisfy(h -> assertThat(h).contains(String.format(
                java.util.Locale.ROOT, "σ_J is %.1e ulp of J", p.costNoise() / Math.ulp(p.cost()))));
    }

    @Test
    void roundOffIsResolvedAtALargerStepAndNotABug() {
        // J = 1e8 + Σθ²: at ε = 1e-7 the round-off of J (ulp 1.5e-8) swamps the differences.
        double[] theta = {0.5, -0.3, 0.8, 0.1};
        GradCheckReport r = GradientCheck.check(theta, t -> 1e8 + t[0] * t[0] + t[1] * t[1] + t[2] * t[2]
                + t[3] * t[3], t -> new double[] {2 * t[0], 2 * t[1], 2 * t[2], 2 * t[3]});
        assertThat(r.ratio()).isGreaterThan(1e-6);
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
        assertThat(r.components().get(0).hints()).anySatisfy(h -> assertThat(h).contains("J's noise")
                .contains("re-measured at step").endsWith("GOOD"));
    }

    @Test
    void truncationIsExtrapolatedAwayAndNotABug() {
        double[] theta = {0.5, -1.3, 0.8};
        GradCheckReport r = GradientCheck.of(VectorFunction.of(theta,
                t -> Math.exp(3 * t[0]) + Math.exp(3 * t[1]) + Math.exp(3 * t[2]),
                t -> new double[] {3 * Math.exp(3 * t[0]), 3 * Math.exp(3 * t[1]), 3 * Math.exp(3 * t[2])}))
                .epsilon(1e-2).run();
        assertThat(r.ratio()).as(r.toString()).isGreaterThan(1e-6);
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
        assertThat(r.components().get(0).hints()).anySatisfy(h -> assertThat(h).contains("3 of 3 entries")
                .contains("Richardson extrapolation").contains("truncation"));
    }

    @Test
    void aSmallRealErrorBeyondMeasuredNoiseIsABug() {
        double[] theta = {0.5, -0.3, 0.8, 0.1};
        GradCheckReport r = GradientCheck.check(theta, t -> Math.sin(t[0]) + t[1] * t[1] + t[2] * t[3],
                t -> new double[] {Math.cos(t[0]) * (1 + 2e-5), 2 * t[1], t[3], t[2]});
        assertThat(r.ratio()).isBetween(1e-6, 1e-3);
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.BUG);
        assertThat(r.components().get(0).hints()).anySatisfy(h -> assertThat(h).contains("J's measured noise")
                .contains("a real error"));
    }

    @Test
    void preciseModeReachesFarBelowTheCentralDifference() {
        HandNet net = new HandNet(11, 6, 0.7, HandNet.Bug.NONE);
        GradCheckReport central = GradientCheck.of(net).run();
        GradCheckReport precise = GradientCheck.of(net).precise().run();
        assertThat(precise.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(precise.ratio()).as(precise.toString()).isLessThan(1e-9).isLessThan(central.ratio() / 10);
        assertThat(precise.method()).startsWith("precise");
        assertThat(GradientCheck.of(new HandNet(11, 6, 0.7, HandNet.Bug.FACTOR_2_DW2)).precise().run().ratio())
                .isGreaterThan(1e-3);
    }

    @Test
    void reportStatesItsAccuracyFloor() {
        GradCheckReport r = GradientCheck.of(new HandNet(1, 6, 0.7, HandNet.Bug.NONE)).run();
        assertThat(r.phases().get(0).accuracyFloor()).isPositive().isLessThan(1e-6);
        assertThat(r.toString()).contains("accuracy floor ≈");
    }

    @ParameterizedTest
    @EnumSource(value = HandNet.Bug.class, names = {"DROPOUT_MASK_NOT_APPLIED", "DROPOUT_NOT_SCALED"})
    void dropoutBugsAreCaughtWithFrozenMasks(HandNet.Bug bug) {
        HandNet net = new HandNet(5, 8, 0.0, bug);
        net.keepProb(0.8);
        GradCheckReport r = GradientCheck.of(net).run();
        assertThat(r.phases()).extracting(p -> p.phase().label()).containsExactly("init", "init, dropout 0.8 frozen");
        assertThat(r.phases().get(0).verdict()).isEqualTo(Verdict.GOOD);
        PhaseResult frozen = r.phases().get(1);
        assertThat(frozen.verdict()).as(r.toString()).isEqualTo(Verdict.BUG);
        assertThat(frozen.components()).filteredOn(c -> c.verdict() == Verdict.BUG).extracting(ComponentResult::name)
                .contains("dW1");
        assertThat(r.verdict()).isEqualTo(Verdict.BUG);
        assertThat(net.keepProb()).isEqualTo(0.8);
        assertThat(net.frozenMasks).isNull();
    }

    @Test
    void correctDropoutPassesWithFrozenMasks() {
        HandNet net = new HandNet(5, 8, 0.7, HandNet.Bug.NONE);
        net.keepProb(0.8);
        GradCheckReport r = GradientCheck.of(net).afterTraining(10).run();
        assertThat(r.phases()).extracting(p -> p.phase().label())
                .containsExactly("init", "init, dropout 0.8 frozen", "after 10 steps", "after 10 steps, dropout 0.8 frozen");
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
    }

    /** HandNet with its L2 penalty reported separately; the penalty gradient may carry a stray ½. */
    static final class RegularizedNet extends HandNet implements Regularized {
        final boolean halfPenaltyGradient;

        RegularizedNet(Bug bug, boolean halfPenaltyGradient) {
            super(3, 6, 0.7, bug);
            this.halfPenaltyGradient = halfPenaltyGradient;
        }

        @Override
        public double regularizationCost() {
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
                    d[i] = (halfPenaltyGradient ? 0.5 : 1.0) * lambda / m * W[l][i];
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
            // Backprop adds the (wrong) penalty gradient it reports, ½λ/m·W, instead of λ/m·W.
            Gradients pen = regularizationGradients();
            Gradients.Builder g = Gradients.builder();
            for (String name : total.names()) {
                double[] d = total.get(name).clone();
                if (name.startsWith("W")) {
                    for (int i = 0; i < d.length; i++) {
                        d[i] -= pen.get(name)[i];
                    }
                }
                g.put(name, d);
            }
            return g.build();
        }
    }

    @Test
    void regularizationSplitBlamesThePenaltyPart() {
        GradCheckReport r = GradientCheck.of(new RegularizedNet(HandNet.Bug.NONE, true)).run();
        assertThat(r.verdict()).isEqualTo(Verdict.BUG);
        assertThat(r.phases().get(0).findings()).anySatisfy(f -> assertThat(f).startsWith("dW1 split:")
                .contains("the regularization part is wrong").contains("the data part is right"));
    }

    @Test
    void regularizationSplitBlamesTheDataPart() {
        GradCheckReport r = GradientCheck.of(new RegularizedNet(HandNet.Bug.FACTOR_2_DW2, false)).run();
        assertThat(r.phases().get(0).findings()).anySatisfy(f -> assertThat(f).startsWith("dW2 split:")
                .contains("the data part is wrong, the regularization part is right"));
    }

    @Test
    void regularizationSplitSeesAPenaltyGradientLeftOut() {
        GradCheckReport r = GradientCheck.of(new RegularizedNet(HandNet.Bug.FORGOT_L2_GRADIENT, false)).run();
        assertThat(r.phases().get(0).findings()).anySatisfy(f -> assertThat(f).startsWith("dW1 split:")
                .contains("not added"));
    }
}
