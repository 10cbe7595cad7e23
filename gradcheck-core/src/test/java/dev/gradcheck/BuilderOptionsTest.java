package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The builder's options reach the check: their edges (0 steps, 0 directions, 1 thread, the largest ε) are accepted,
 * what lies beyond them is refused with the reason, and the values set show in the report.
 */
class BuilderOptionsTest {

    private static Differentiable bowl() {
        return VectorFunction.of(new double[] {0.5, -1.5, 2.0},
                t -> 1 + t[0] * t[0] + 2 * t[1] * t[1] + 0.5 * t[2] * t[2],
                t -> new double[] {2 * t[0], 4 * t[1], t[2]});
    }

    @Test
    void theEdgesOfEachOptionAreAccepted() {
        Differentiable notTrainable = bowl();
        GradCheckReport r = GradientCheck.of(notTrainable).afterTraining(0).fast(0).threads(1).worstEntries(0)
                .run();
        assertThat(r.phases()).hasSize(1);
        assertThat(r.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(r.method()).isEqualTo("central differences");
        assertThat(r.components().get(0).worstEntries()).isEmpty();
    }

    @Test
    void beyondTheEdgesTheOptionsAreRefused() {
        assertThatThrownBy(() -> GradientCheck.of(bowl()).afterTraining(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> GradientCheck.of(bowl()).afterTraining(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Trainable");
        assertThatThrownBy(() -> GradientCheck.of(bowl()).fast(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> GradientCheck.of(bowl()).threads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> GradientCheck.of(bowl()).worstEntries(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> GradientCheck.of(bowl()).threads(2).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Replicable");
        assertThatThrownBy(() -> GradientCheck.of(bowl()).fast(4).shard("1/2").run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shard");
    }

    @Test
    void aStepTooLargeSaysItMeasuresTruncationAndATooSmallOneDoesNot() {
        assertThatThrownBy(() -> GradientCheck.of(bowl()).epsilon(0.02))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncation");
        assertThatThrownBy(() -> GradientCheck.of(bowl()).epsilon(-1e-7))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("truncation");
        assertThat(GradientCheck.of(bowl()).epsilon(1e-6).run().epsilon()).isEqualTo(1e-6);
    }

    @Test
    void thresholdsAndSeedReachTheReport() {
        GradCheckReport r = GradientCheck.of(bowl()).thresholds(1e-8, 1e-4).seed(7).run();
        assertThat(r.thresholds().good()).isEqualTo(1e-8);
        assertThat(r.thresholds().bug()).isEqualTo(1e-4);
        assertThat(r.thresholds().standOut()).isEqualTo(Thresholds.DEFAULT.standOut());
        GradCheckReport t = GradientCheck.of(bowl()).thresholds(new Thresholds(1e-7, 1e-2, 10)).run();
        assertThat(t.thresholds()).isEqualTo(new Thresholds(1e-7, 1e-2, 10));
    }

    @Test
    void aStricterGoodBandTurnsTheSameRatioIntoAnotherVerdict() {
        // dθ off by a relative 1e-7 in every entry: GOOD in the course's bands, beyond noise and above a GOOD of
        // 1e-9, so BUG there.
        Differentiable slightlyOff = VectorFunction.of(new double[] {0.5, -1.5, 2.0},
                t -> t[0] * t[0] + 2 * t[1] * t[1] + 0.5 * t[2] * t[2],
                t -> new double[] {2 * t[0] * (1 + 1e-7), 4 * t[1] * (1 + 1e-7), t[2] * (1 + 1e-7)});
        assertThat(GradientCheck.of(slightlyOff).run().verdict()).isEqualTo(Verdict.GOOD);
        GradCheckReport strict = GradientCheck.of(slightlyOff).precise().thresholds(1e-9, 1e-3).run();
        assertThat(strict.verdict()).as(strict.toString()).isEqualTo(Verdict.BUG);
    }

    @Test
    void theMethodSaysWhenTheFastCheckFellBackToTheFullOne() {
        HandNet good = new HandNet(4, 6, 0.7, HandNet.Bug.NONE);
        HandNet bad = new HandNet(4, 6, 0.7, HandNet.Bug.FACTOR_2_DW2);
        GradCheckReport passed = GradientCheck.of(good).fast(6).seed(3).run();
        GradCheckReport fellBack = GradientCheck.of(bad).fast(6).seed(3).run();
        assertThat(passed.method()).startsWith("fast").contains("6").contains("3");
        assertThat(fellBack.method()).startsWith(passed.method()).isNotEqualTo(passed.method());
        assertThat(GradientCheck.of(good).precise().run().method()).startsWith("precise");
    }

    @Test
    void kinkDetectionOffLeavesAKinkJudgedAsMeasured() {
        // J = |θ₀| + θ₁² at θ₀ = 0 with the right slope: a kink with detection on, a false alarm with it off.
        Differentiable kink = VectorFunction.of(new double[] {0.0, 0.5},
                t -> Math.abs(t[0]) + t[1] * t[1], t -> new double[] {1, 2 * t[1]});
        assertThat(GradientCheck.of(kink).run().verdict()).isEqualTo(Verdict.GOOD);
        GradCheckReport off = GradientCheck.of(kink).detectKinks(false).run();
        assertThat(off.verdict()).isEqualTo(Verdict.BUG);
        assertThat(off.ratio()).as("the course's ratio is the same either way")
                .isEqualTo(GradientCheck.of(kink).run().ratio());
    }
}
