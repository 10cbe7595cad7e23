package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorrectModelsTest {

    @Test
    void correctHandWrittenNetworkIsGood() {
        HandNet net = new HandNet(1, 6, 0.7, HandNet.Bug.NONE);
        GradCheckReport report = GradientCheck.of(net).run();
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.GOOD);
        assertThat(report.ratio()).isLessThan(1e-6);
        assertThat(report.parameters()).isEqualTo(47);
        assertThat(report.components()).extracting(ComponentResult::name)
                .containsExactly("dW1", "db1", "dW2", "db2", "dW3", "db3");
        assertThat(report.components()).allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.GOOD));
        assertThat(report.epsilon()).isEqualTo(1e-7);
    }

    @Test
    void correctNetworkIsGoodAfterTrainingAndTheReportHoldsBothPhases() {
        HandNet net = new HandNet(2, 8, 0.7, HandNet.Bug.NONE);
        double[] before = net.snapshot();
        GradCheckReport report = GradientCheck.of(net).afterTraining(50).run();
        assertThat(report.phases()).extracting(p -> p.phase().label()).containsExactly("init", "after 50 steps");
        assertThat(report.phases()).allSatisfy(p -> assertThat(p.verdict()).as(report.toString())
                .isEqualTo(Verdict.GOOD));
        // Training moved θ, the checker put the original parameters back.
        assertThat(net.snapshot()).isEqualTo(before);
        assertThat(report.toString()).contains("[init] GOOD").contains("[after 50 steps] GOOD");
    }

    @Test
    void linearFunctionOfOneVectorHasRatioNearRoundOff() {
        double[] x = {0.3, -1.7, 2.5, 0.01, 4.0};
        double[] theta = {1.0, 0.5, -0.25, 3.0, -2.0};
        GradCheckReport report = GradientCheck.check(theta,
                t -> {
                    double s = 0;
                    for (int i = 0; i < t.length; i++) {
                        s += t[i] * x[i];
                    }
                    return s;
                },
                t -> x.clone());
        assertThat(report.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(report.ratio()).isLessThan(1e-8);
        assertThat(report.components()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("dθ");
            assertThat(c.shape()).isEqualTo("1×5");
        });
        // 2 per coordinate, J twice (determinism) and once more at the end, and one noise estimate.
        assertThat(report.evaluations()).isEqualTo(2 * 5 + 3 + Noise.EVALUATIONS);
    }

    @Test
    void quadraticWithAnalyticGradientIsGood() {
        double[] theta = {0.3, -1.2, 2.0};
        GradCheckReport report = GradientCheck.check(theta,
                t -> t[0] * t[0] + 3 * t[1] * t[1] * t[1] + Math.sin(t[2]),
                t -> new double[] {2 * t[0], 9 * t[1] * t[1], Math.cos(t[2])});
        assertThat(report.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(report.ratio()).isLessThan(1e-8);
    }

    @Test
    void dropoutIsForcedOffAndKeepProbRestored() {
        HandNet net = new HandNet(3, 6, 0.0, HandNet.Bug.NONE);
        net.keepProb(0.8);
        GradCheckReport report = GradientCheck.of(net).run();
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.GOOD);
        assertThat(net.keepProb()).isEqualTo(0.8);
        assertThat(report.phases().get(0).findings())
                .anySatisfy(f -> assertThat(f).contains("keep-prob forced from 0.8 to 1.0"));
    }

    @Test
    void fastModeAcceptsACorrectNetworkWithFewEvaluations() {
        HandNet net = new HandNet(4, 6, 0.7, HandNet.Bug.NONE);
        GradCheckReport report = GradientCheck.of(net).fast(6).run();
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.GOOD);
        // 6 directions in each block, 2 evaluations each (fast mode is blockwise).
        assertThat(report.evaluations()).isEqualTo(2 + 2 * 6 * net.parameters().size() + Noise.EVALUATIONS);
        assertThat(report.method()).contains("fast");
        // No per-component results in a fast phase that passed, but θ still has its 47 parameters.
        assertThat(report.parameters()).isEqualTo(47);
        assertThat(report.toString()).contains("; 47 parameters,");
    }

    @Test
    void fastModeFallsBackToTheFullCheckAndNamesTheComponent() {
        HandNet net = new HandNet(4, 6, 0.7, HandNet.Bug.FACTOR_2_DW2);
        GradCheckReport report = GradientCheck.of(net).fast(6).run();
        assertThat(report.verdict()).isEqualTo(Verdict.BUG);
        assertThat(report.component("dW2")).get().extracting(ComponentResult::verdict).isEqualTo(Verdict.BUG);
        assertThat(report.phases().get(0).findings()).anySatisfy(f -> assertThat(f).contains("full check ran"));
    }

    /** J = offset + ½‖w‖² over 20,000 weights; the offset puts round-off into J(θ±εu) - εu, not into the gradient. */
    private static Differentiable bowl(double offset, double gradientScale) {
        double[] w = new java.util.Random(3).doubles(20_000, -1, 1).toArray();
        return new Differentiable() {
            @Override
            public java.util.List<ParameterBlock> parameters() {
                return java.util.List.of(ParameterBlock.of("w", w.length, 1, w, 0));
            }

            @Override
            public double cost() {
                double s = 0;
                for (double v : w) {
                    s += v * v;
                }
                return offset + s / 2;
            }

            @Override
            public Gradients gradients() {
                double[] g = w.clone();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= gradientScale;
                }
                return Gradients.builder().put("w", g).build();
            }
        };
    }

    @Test
    void fastModeRetriesRoundOffAtALargerStep() {
        GradCheckReport report = GradientCheck.of(bowl(1e4, 1)).fast(8).run();
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.GOOD);
        assertThat(report.phases().get(0).findings()).anySatisfy(f -> assertThat(f)
                .containsPattern("directional ratio [0-9.]+e-0[3-6] at ε = 1e-07 is J's noise; at step [0-9.]+e-0[4-6]"));
        assertThat(report.evaluations()).isEqualTo(2 + 2 * 8 + 2 * 8 + Noise.EVALUATIONS);
    }

    @Test
    void fastModeDoesNotExplainAwayASmallRealError() {
        // dθ 1.0001 × the true gradient: ratio 5e-5 at every step, so the larger step does not help.
        GradCheckReport report = GradientCheck.of(bowl(0, 1.0001)).fast(8).run();
        // At ε = 1e-7 the difference is within J's noise (J ≈ 3300); re-measured at a larger step it is a real error.
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.BUG);
        assertThat(report.phases().get(0).findings()).anySatisfy(f -> assertThat(f).contains("full check ran"));
        assertThat(report.component("w").orElseThrow().hints()).anySatisfy(h -> assertThat(h)
                .contains("re-measured at step").endsWith("a real error"));
    }

    @Test
    void reportTextHasHeaderTableAndNoHintsWhenGood() {
        HandNet net = new HandNet(1, 6, 0.7, HandNet.Bug.NONE);
        String text = GradientCheck.of(net).run().toString();
        assertThat(text).startsWith("gradient check GOOD: ratio ")
                .contains("47 parameters")
                .contains("component")
                .contains("dW1        5×4")
                .doesNotContain("hint");
    }
}
