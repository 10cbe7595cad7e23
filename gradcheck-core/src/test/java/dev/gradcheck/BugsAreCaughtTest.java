package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BugsAreCaughtTest {

    private static GradCheckReport check(HandNet.Bug bug) {
        return GradientCheck.of(new HandNet(7, 6, 0.7, bug)).run();
    }

    private static List<String> buggy(GradCheckReport r) {
        return r.components().stream().filter(c -> c.verdict() == Verdict.BUG).map(ComponentResult::name).toList();
    }

    @ParameterizedTest
    // Dropout bugs are invisible at keep-prob 1; NumericalTrustTest catches them with frozen masks.
    @EnumSource(value = HandNet.Bug.class, names = {"NONE", "DROPOUT_MASK_NOT_APPLIED", "DROPOUT_NOT_SCALED"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyBugIsABug(HandNet.Bug bug) {
        GradCheckReport report = check(bug);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.BUG);
    }

    @Test
    void factorTwoOnDW2IsLocalizedAndNamed() {
        GradCheckReport r = check(HandNet.Bug.FACTOR_2_DW2);
        assertThat(buggy(r)).containsExactly("dW2");
        ComponentResult dW2 = r.component("dW2").orElseThrow();
        assertThat(dW2.hints()).singleElement().asString().contains("2.00 ×").contains("stray 2");
        assertThat(dW2.worstEntries()).hasSize(5).allSatisfy(e ->
                assertThat(e.analytic()).isCloseTo(2 * e.numerical(), org.assertj.core.data.Offset.offset(1e-7)));
        assertThat(r.toString()).contains("hint dW2: dW2 = 2.00 × the numerical gradient");
    }

    @Test
    void fourOverMOnDb1IsLocalizedAsAConstantFactor() {
        GradCheckReport r = check(HandNet.Bug.DB1_FOUR_OVER_M);
        assertThat(buggy(r)).containsExactly("db1");
        assertThat(r.component("db1").orElseThrow().hints()).singleElement().asString()
                .contains("4.00 ×").contains("1/m");
    }

    @Test
    void wrongReluDerivativeIsInLayerOne() {
        GradCheckReport r = check(HandNet.Bug.RELU_DERIVATIVE_ONE);
        assertThat(buggy(r)).containsOnly("dW1", "db1");
        assertThat(r.component("dW1").orElseThrow().hints()).singleElement().asString()
                .containsAnyOf("relu'", "activation derivative");
    }

    @Test
    void forgottenRegularizationGradientIsNamedInEveryW() {
        GradCheckReport r = check(HandNet.Bug.FORGOT_L2_GRADIENT);
        assertThat(buggy(r)).contains("dW1", "dW2").doesNotContain("db1", "db2", "db3");
        for (String w : List.of("dW1", "dW2", "dW3")) {
            ComponentResult c = r.component(w).orElseThrow();
            if (c.verdict() != Verdict.GOOD) {
                // λ/m = 0.7 / 6.
                assertThat(c.hints()).singleElement().asString().contains("regularization gradient")
                        .contains("missing").contains(String.format("%.3g", 0.7 / 6));
            }
        }
    }

    @Test
    void transposedDW2IsRecognised() {
        GradCheckReport r = check(HandNet.Bug.TRANSPOSED_DW2);
        assertThat(buggy(r)).containsExactly("dW2");
        assertThat(r.component("dW2").orElseThrow().hints()).singleElement().asString().contains("transpose");
    }

    @Test
    void signFlipIsRecognisedInEveryComponent() {
        // Without L2, so that every component is exactly the negative of the truth.
        GradCheckReport r = GradientCheck.of(new HandNet(7, 6, 0.0, HandNet.Bug.SIGN_FLIP)).run();
        assertThat(r.ratio()).isGreaterThan(0.99);
        assertThat(r.components()).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.BUG);
            assertThat(c.hints()).singleElement().asString().contains("sign flip");
        });
    }

    @Test
    void allZeroBlockIsSaidPlainly() {
        GradCheckReport r = check(HandNet.Bug.ZERO_DW3);
        assertThat(buggy(r)).containsExactly("dW3");
        assertThat(r.component("dW3").orElseThrow().hints()).singleElement().asString().contains("all zero");
    }

    @Test
    void allZeroGradientEverywhereIsABug() {
        double[] theta = {1, 2, 3};
        GradCheckReport r = GradientCheck.check(theta, t -> t[0] * t[1] + t[2], t -> new double[3]);
        assertThat(r.verdict()).isEqualTo(Verdict.BUG);
        assertThat(r.phases().get(0).findings()).anySatisfy(f -> assertThat(f).contains("zero everywhere"));
    }

    @Test
    void bothGradientsZeroIsRatioZeroButSaysItProvesNothing() {
        double[] theta = {1, 2};
        GradCheckReport r = GradientCheck.check(theta, t -> 3.0, t -> new double[2]);
        assertThat(r.ratio()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(r.phases().get(0).findings()).anySatisfy(f -> assertThat(f).contains("proves nothing"));
    }

    @Test
    void aBugInATinyBiasIsNotHiddenByAGoodOverallRatio() {
        // J = Σ 1000·θᵢ² over a large block plus a small second block whose gradient is wrong by a factor 2.
        double[] big = new double[50];
        double[] small = {0.001};
        for (int i = 0; i < big.length; i++) {
            big[i] = 1 + i * 0.01;
        }
        Differentiable model = new Differentiable() {
            @Override
            public List<ParameterBlock> parameters() {
                return List.of(ParameterBlock.of("W", 5, 10, big), ParameterBlock.of("b", 1, 1, small));
            }

            @Override
            public double cost() {
                double s = 0;
                for (double v : big) {
                    s += 1000 * v * v;
                }
                return s + small[0];
            }

            @Override
            public Gradients gradients() {
                double[] dW = new double[big.length];
                for (int i = 0; i < big.length; i++) {
                    dW[i] = 2000 * big[i];
                }
                return Gradients.builder().put("W", dW).put("b", new double[] {2.0}).build();
            }
        };
        GradCheckReport r = GradientCheck.of(model).run();
        assertThat(r.ratio()).isLessThan(1e-3);
        assertThat(r.verdict()).isEqualTo(Verdict.BUG);
        assertThat(buggy(r)).containsExactly("db");
        assertThat(r.phases().get(0).findings()).anySatisfy(f -> assertThat(f).isEqualTo("wrong: db"));
    }
}
