package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Explanations#judge}'s rules on measurements written out by hand: a kink only with a gap that does not double
 * and the analytic value inside the one-sided slopes; Richardson only where the central difference moved beyond
 * noise; a non-generic point only where the error a hair away is within noise and at most a tenth of the error at θ;
 * everything else judged against the central difference.
 */
class ExplanationRulesTest {

    static final double H = 1e-7;
    /** σ_J: J ≈ 1 in double. */
    static final Noise NOISE = Noise.of(1e-16, 1.0);
    static final double GOOD = 1e-6;

    /** One entry measured at step H, with the given dθ, central difference and one-sided slopes. */
    static ComponentData one(double analytic, double central, double forward, double backward) {
        return new ComponentData("W", 1, 1, new double[] {0.5}, new double[] {analytic}, new double[] {central},
                new double[] {central}, new double[] {forward}, new double[] {backward}, new double[] {H},
                new boolean[] {true});
    }

    static ComponentData wide(ComponentData d, double central, double forward, double backward) {
        d.wide[0] = central;
        d.wideForward[0] = forward;
        d.wideBackward[0] = backward;
        return d;
    }

    static Judged judge(ComponentData d) {
        return Explanations.judge(d, NOISE, NumericalGradient.Stencil.CENTRAL, true, GOOD);
    }

    @Test
    void anEntryThatAgreesIsJudgedAgainstItsCentralDifference() {
        Judged j = judge(one(0.3, 0.3, 0.3 + 1e-8, 0.3 - 1e-8));
        assertThat(j.status()).containsExactly(Judged.Status.JUDGED);
        assertThat(j.ref()).containsExactly(0.3);
        assertThat(j.sd()[0]).isCloseTo(NOISE.central(H), within(1e-20));
        assertThat(j.beyond()).containsExactly(false);
        assertThat(j.beyondCount()).isZero();
    }

    @Test
    void aKinkWhoseGapStaysPutIsJudgedAgainstTheSlopeTheBackpropChose() {
        // ReLU at 0: slopes 1 and 0 at h and at 2h, central difference 0.5.
        ComponentData d = wide(one(1.0, 0.5, 1.0, 0.0), 0.5, 1.0, 0.0);
        Judged j = judge(d);
        assertThat(j.status()).containsExactly(Judged.Status.KINK_SLOPE);
        assertThat(j.ref()).containsExactly(1.0);
        assertThat(j.sd()[0]).isCloseTo(NOISE.slope(H), within(1e-20));
        assertThat(j.beyondCount()).isZero();

        Judged left = judge(wide(one(0.0, 0.5, 1.0, 0.0), 0.5, 1.0, 0.0));
        assertThat(left.status()).containsExactly(Judged.Status.KINK_SLOPE);
        assertThat(left.ref()).containsExactly(0.0);
    }

    @Test
    void aValueBetweenTheSlopesIsSetAsideAndOneOutsideThemIsJudged() {
        Judged between = judge(wide(one(0.3, 0.5, 1.0, 0.0), 0.5, 1.0, 0.0));
        assertThat(between.status()).containsExactly(Judged.Status.KINK);
        assertThat(between.beyondCount()).as("a set-aside entry is not counted beyond noise").isZero();

        Judged outside = judge(wide(one(2.0, 0.5, 1.0, 0.0), 0.5, 1.0, 0.0));
        assertThat(outside.status()).containsExactly(Judged.Status.JUDGED);
        assertThat(outside.ref()).containsExactly(0.5);
        assertThat(outside.beyond()).containsExactly(true);

        Judged below = judge(wide(one(-1.0, 0.5, 1.0, 0.0), 0.5, 1.0, 0.0));
        assertThat(below.status()).containsExactly(Judged.Status.JUDGED);
    }

    @Test
    void theExtrapolatedSlopesCountToo() {
        // A kink near (not at) θ: slopes 1.2 and 0.2 at h, 1.3 and 0.1 at 2h (the gap barely grows); extrapolated,
        // 2·s(h) − s(2h) = 1.1 and 0.3.
        ComponentData d = wide(one(1.1, 0.7, 1.2, 0.2), 0.7, 1.3, 0.1);
        Judged j = judge(d);
        assertThat(j.status()).containsExactly(Judged.Status.KINK_SLOPE);
        assertThat(j.ref()[0]).isCloseTo(1.1, within(1e-15));
        assertThat(j.sd()[0]).isCloseTo(Math.hypot(2 * NOISE.slope(H), NOISE.slope(2 * H)), within(1e-20));
        Judged backward = judge(wide(one(0.3, 0.7, 1.2, 0.2), 0.7, 1.3, 0.1));
        assertThat(backward.status()).containsExactly(Judged.Status.KINK_SLOPE);
        assertThat(backward.ref()[0]).isCloseTo(0.3, within(1e-15));
    }

    @Test
    void aGapThatDoublesWithTheStepIsCurvatureNotAKink() {
        // Smooth J, J'' = 2e6 (a sharp but smooth bend): the gap h·J'' doubles from h to 2h, the central difference
        // does not move. An analytic value between the slopes but off the central difference is then wrong.
        double g = 0.5;
        double gap = 0.2;
        ComponentData d = wide(one(g + 0.05, g, g + gap / 2, g - gap / 2), g, g + gap, g - gap);
        Judged j = judge(d);
        assertThat(j.status()).containsExactly(Judged.Status.JUDGED);
        assertThat(j.beyond()).containsExactly(true);
    }

    /**
     * Slopes 1 and 0 at h (gap 1), a gap of {@code gapWide} at 2h, the central difference unmoved, dθ = the forward
     * slope: KINK_SLOPE when read as a kink, JUDGED (and wrong) when read as curvature.
     */
    static Judged gapAtTwiceTheStep(double gapWide) {
        return judge(wide(one(1.0, 0.5, 1.0, 0.0), 0.5, 0.5 + gapWide / 2, 0.5 - gapWide / 2));
    }

    @Test
    void stuckOrDoublingIsDecidedInUnitsOfEachReadingsNoise() {
        // A = |g₂ − g|, B = |g₂ − 2g| with g = 1 (far beyond noise, so the smooth reading is rejected whenever B is
        // not tiny). Stuck fits better when A/(√14·σ/2h) < B/(√70·σ/2h), i.e. A/B < √(14/70) = 0.447: g₂ = 1.30
        // (A/B = 0.43) is a kink, g₂ = 1.32 (A/B = 0.47) curvature.
        assertThat(gapAtTwiceTheStep(1.30).status()).containsExactly(Judged.Status.KINK_SLOPE);
        assertThat(gapAtTwiceTheStep(1.32).status()).containsExactly(Judged.Status.JUDGED);
        assertThat(gapAtTwiceTheStep(1.0).status()).as("stuck").containsExactly(Judged.Status.KINK_SLOPE);
        assertThat(gapAtTwiceTheStep(2.0).status()).as("doubled").containsExactly(Judged.Status.JUDGED);
    }

    @Test
    void theReadingsNoiseIsThatOfTheirCorrelatedCosts() {
        // gap(2h) − 2·gap(h) = (J₊₂ + J₋₂ − 4(J₊ + J₋) + 6J₀)/2h and gap(2h) − gap(h) = (J₊₂ + J₋₂ − 2(J₊ + J₋) + 2J₀)/2h
        // for independent N(0, σ²) costs: the standard deviations the kink test divides by.
        double sigma = 1e-9;
        double h = 1e-5;
        Noise noise = Noise.of(sigma, 1.0);
        // j = {J₋₂, J₋, J₀, J₊, J₊₂}
        java.util.function.ToDoubleFunction<double[]> gap = j -> (j[3] - j[2]) / h - (j[2] - j[1]) / h;
        java.util.function.ToDoubleFunction<double[]> gapWide = j -> (j[4] - j[2]) / (2 * h) - (j[2] - j[0]) / (2 * h);
        assertThat(NoiseEstimateTest.simulated(5, j -> gapWide.applyAsDouble(j) - 2 * gap.applyAsDouble(j), sigma))
                .isCloseTo(noise.smoothResidual(h), within(0.03 * noise.smoothResidual(h)));
        assertThat(NoiseEstimateTest.simulated(5, j -> gapWide.applyAsDouble(j) - gap.applyAsDouble(j), sigma))
                .isCloseTo(noise.stuckResidual(h), within(0.03 * noise.stuckResidual(h)));
    }

    @Test
    void aGapThatDoesNotDoubleWithinNoiseIsNotAKink() {
        // The acceptance tester's sigmoid nets after training: smooth J with h·J'' = 1.2e-8, beyond the gap's noise
        // (4·√6·σ/h = 9.8e-9) and so a kink candidate; at 2h the gap reads 1.3e-8 instead of 2.4e-8, because J(θ)'s
        // own rounding error enters gap(h) twice as strongly as gap(2h). "Stuck" fits better (0.5 sd against 2.6),
        // but the smooth reading is not rejected (2.6 < 4 sd of √70·σ/2h = 4.2e-9): judged as usual, not a kink.
        double g = 1e-3;
        double gap = 1.2e-8;
        double gapWide = 1.3e-8;
        ComponentData d = wide(one(g, g, g + gap / 2, g - gap / 2), g, g + gapWide / 2, g - gapWide / 2);
        assertThat(Explanations.needWide(d, NOISE, NumericalGradient.Stencil.CENTRAL, true, GOOD))
                .as("a kink candidate").containsExactly(true);
        Judged j = judge(d);
        assertThat(j.status()).containsExactly(Judged.Status.JUDGED);
        assertThat(j.beyond()).containsExactly(false);
        // The same gaps 2.5× larger: the smooth reading is rejected (6.6 sd), stuck fits better: a kink.
        ComponentData big = wide(one(g + 1.25 * gap, g, g + 1.25 * gap, g - 1.25 * gap), g, g + 1.25 * gapWide,
                g - 1.25 * gapWide);
        assertThat(judge(big).status()).containsExactly(Judged.Status.KINK_SLOPE);
    }

    @Test
    void theNoiseAlongTheEntrysCoordinateDecidesWhetherAnythingIsExplained() {
        // Beyond the phase's noise (z = 5.7 at σ_J = 1e-16) but not beyond the 2e-16 measured along the coordinate.
        double sdC = NOISE.central(H);
        ComponentData d = one(0.5 + 4 * sdC * 1.414, 0.5, 0.5, 0.5);
        d.nearbyError[0] = 0;
        d.nearbySd[0] = sdC;
        assertThat(judge(d).status()).as("without the local noise: set aside").containsExactly(
                Judged.Status.NON_GENERIC);
        Judged phase = judge(d);
        assertThat(Explanations.needLocal(d, phase, NOISE, NumericalGradient.Stencil.CENTRAL)).containsExactly(true);
        d.localSigma[0] = 2e-16;
        Judged j = judge(d);
        assertThat(j.status()).containsExactly(Judged.Status.JUDGED);
        assertThat(j.beyond()).containsExactly(false);
        assertThat(j.sd()[0]).as("the verdict's noise stays the phase's").isCloseTo(sdC, within(1e-20));
        assertThat(Explanations.needLocal(d, j, NOISE, NumericalGradient.Stencil.CENTRAL))
                .as("measured once").containsExactly(false);
        // A local level below the phase's changes nothing.
        d.localSigma[0] = 0.5e-16;
        assertThat(judge(d).status()).containsExactly(Judged.Status.NON_GENERIC);

        // A kink read with the phase's noise, whose gap is within the noise along its coordinate: no kink.
        double gapSd = NOISE.gap(H);
        // Slopes 1e-3 ± 2.5 gap sd (of σ = 1e-16) at h and at 2h: at σ_J = 0.5e-16 the smooth reading is 5.9 sd
        // off, at the coordinate's 1e-16 2.9 sd.
        double g = 1e-3;
        ComponentData k = wide(one(g + 2.5 * gapSd, g, g + 2.5 * gapSd, g - 2.5 * gapSd), g, g + 2.5 * gapSd,
                g - 2.5 * gapSd);
        Noise quiet = Noise.of(0.5e-16, 1.0);
        Judged kink = Explanations.judge(k, quiet, NumericalGradient.Stencil.CENTRAL, true, GOOD);
        assertThat(kink.status()).containsExactly(Judged.Status.KINK_SLOPE);
        assertThat(Explanations.needLocal(k, kink, quiet, NumericalGradient.Stencil.CENTRAL)).containsExactly(true);
        k.localSigma[0] = 1e-16;
        assertThat(Explanations.judge(k, quiet, NumericalGradient.Stencil.CENTRAL, true, GOOD).status())
                .containsExactly(Judged.Status.JUDGED);
    }

    @Test
    void anErrorFarBeyondAnyCoordinatesNoiseIsNotReMeasuredAlongIt() {
        double sdC = NOISE.central(H);
        ComponentData d = one(0.5 + Explanations.LOCAL_MAX * Noise.BOUND * sdC * 1.01, 0.5, 0.5, 0.5);
        assertThat(Explanations.needLocal(d, judge(d), NOISE, NumericalGradient.Stencil.CENTRAL))
                .containsExactly(false);
        ComponentData near = one(0.5 + Explanations.LOCAL_MAX * Noise.BOUND * sdC * 0.99, 0.5, 0.5, 0.5);
        assertThat(Explanations.needLocal(near, judge(near), NOISE, NumericalGradient.Stencil.CENTRAL))
                .containsExactly(true);
    }

    @Test
    void theGapIsTheDistanceBetweenTheSlopesWhateverTheirSigns() {
        // Slopes ±0.1 at h and ±0.2 at 2h: a smooth bend around a zero slope. A value between them but off the
        // central difference (0) is wrong, not a kink.
        ComponentData d = wide(one(0.05, 0.0, 0.1, -0.1), 0.0, 0.2, -0.2);
        Judged j = judge(d);
        assertThat(j.status()).containsExactly(Judged.Status.JUDGED);
        assertThat(j.beyond()).containsExactly(true);
    }

    @Test
    void aCentralDifferenceThatMovesASizeableShareOfTheGapIsAKinkEvenWhenTheGapDoubles() {
        double g = 0.5;
        double gap = 0.2;
        // The gap doubles, but the central difference moves by a quarter of it: a kink within the step.
        ComponentData d = wide(one(g + gap / 2, g, g + gap / 2, g - gap / 2), g + gap / 4, g + gap, g - gap);
        assertThat(judge(d).status()).containsExactly(Judged.Status.KINK_SLOPE);
    }

    @Test
    void noKinkWithoutTheSecondMeasurementOrWithKinksTurnedOff() {
        Judged unmeasured = judge(one(1.0, 0.5, 1.0, 0.0));
        assertThat(unmeasured.status()).containsExactly(Judged.Status.JUDGED);
        assertThat(unmeasured.beyond()).containsExactly(true);

        ComponentData d = wide(one(1.0, 0.5, 1.0, 0.0), 0.5, 1.0, 0.0);
        Judged off = Explanations.judge(d, NOISE, NumericalGradient.Stencil.CENTRAL, false, GOOD);
        assertThat(off.status()).containsExactly(Judged.Status.JUDGED);
        assertThat(off.beyond()).containsExactly(true);
    }

    @Test
    void aTinyGapIsNoKinkCandidate() {
        // Slopes 1 ± 5e-7: a gap of 1e-6, beyond noise (its sd is 2.4e-9 at σ_J = 1e-16) but below
        // GOOD·(|f| + |b|) = 2e-6.
        ComponentData d = one(1.0, 1.0, 1.0 + 5e-7, 1.0 - 5e-7);
        assertThat(Explanations.needWide(d, NOISE, NumericalGradient.Stencil.CENTRAL, true, GOOD))
                .containsExactly(false);
        ComponentData kink = one(1.0, 0.5, 1.0, 0.0);
        assertThat(Explanations.needWide(kink, NOISE, NumericalGradient.Stencil.CENTRAL, true, GOOD))
                .as("a kink candidate").containsExactly(true);
        assertThat(Explanations.needWide(one(0.5, 0.5, 1.0, 0.0), NOISE, NumericalGradient.Stencil.CENTRAL, false,
                GOOD)).as("kinks off, no error").containsExactly(false);
        assertThat(Explanations.needWide(one(0.6, 0.5, 0.5, 0.5), NOISE, NumericalGradient.Stencil.CENTRAL, false,
                GOOD)).as("an error beyond noise").containsExactly(true);
        ComponentData other = new ComponentData("W", 1, 1, new double[] {0.5}, new double[] {9}, new double[] {0},
                new double[] {0}, new double[] {1}, new double[] {0}, new double[] {H}, new boolean[] {false});
        assertThat(Explanations.needWide(other, NOISE, NumericalGradient.Stencil.CENTRAL, true, GOOD))
                .as("another shard's entry").containsExactly(false);
    }

    @Test
    void truncationIsExtrapolatedAwayByRichardson() {
        // Central difference g + c·h², at twice the step g + 4c·h²; analytic exactly g.
        double g = 0.7;
        double c = 1e8;
        double atH = g + c * H * H;
        double at2H = g + 4 * c * H * H;
        ComponentData d = wide(one(g, atH, atH, atH), at2H, at2H, at2H);
        Judged j = judge(d);
        assertThat(j.status()).containsExactly(Judged.Status.RICHARDSON);
        assertThat(j.ref()[0]).isCloseTo(g, within(1e-12));
        assertThat(j.sd()[0]).isCloseTo(Math.hypot(4 * NOISE.central(H), NOISE.central(2 * H)) / 3, within(1e-20));
        assertThat(j.beyond()).containsExactly(false);

        // The same move with a wrong analytic value: still beyond noise of the extrapolation.
        Judged wrong = judge(wide(one(g * 1.01, atH, atH, atH), at2H, at2H, at2H));
        assertThat(wrong.status()).containsExactly(Judged.Status.RICHARDSON);
        assertThat(wrong.beyond()).containsExactly(true);
    }

    @Test
    void thePreciseStencilExtrapolatesWithItsOwnOrder() {
        double g = 0.7;
        double c = 1e10;
        double h = 1e-4;
        double atH = g + c * Math.pow(h, 4);
        double at2H = g + 16 * c * Math.pow(h, 4);
        ComponentData d = new ComponentData("W", 1, 1, new double[] {0.5}, new double[] {g}, new double[] {atH},
                new double[] {atH}, new double[] {atH}, new double[] {atH}, new double[] {h}, new boolean[] {true});
        wide(d, at2H, at2H, at2H);
        Judged j = Explanations.judge(d, NOISE, NumericalGradient.Stencil.PRECISE, true, GOOD);
        assertThat(j.status()).containsExactly(Judged.Status.RICHARDSON);
        assertThat(j.ref()[0]).isCloseTo(g, within(1e-12));
        assertThat(j.sd()[0]).isCloseTo(Math.hypot(16 * NOISE.precise(h), NOISE.precise(2 * h)) / 15,
                within(1e-20));
    }

    @Test
    void aCentralDifferenceThatDoesNotMoveIsNotExtrapolated() {
        // Off by 1e-6 with a wide measurement equal to the central difference: a real error, judged as measured.
        Judged j = judge(wide(one(0.7 + 1e-6, 0.7, 0.7, 0.7), 0.7, 0.7, 0.7));
        assertThat(j.status()).containsExactly(Judged.Status.JUDGED);
        assertThat(j.beyond()).containsExactly(true);
    }

    @Test
    void anErrorThatVanishesAHairAwayIsANonGenericPoint() {
        ComponentData d = one(1.0, 0.5, 0.5, 0.5);
        d.nearbyError[0] = 1e-9;
        d.nearbySd[0] = 1e-9;
        assertThat(judge(d).status()).containsExactly(Judged.Status.NON_GENERIC);
        assertThat(judge(d).beyond()).as("counted beyond before being set aside").containsExactly(true);
        assertThat(judge(d).beyondCount()).isEqualTo(1);
    }

    @Test
    void anErrorStillBeyondNoiseAHairAwayIsNotExcused() {
        ComponentData d = one(1.0, 0.5, 0.5, 0.5);
        d.nearbyError[0] = 0.5;
        d.nearbySd[0] = 1e-9;
        assertThat(judge(d).status()).containsExactly(Judged.Status.JUDGED);
    }

    @Test
    void anErrorThatFallsToATenthButStaysBeyondNoiseIsNotExcused() {
        ComponentData d = one(1.0, 0.5, 0.5, 0.5);
        d.nearbyError[0] = 0.01;
        d.nearbySd[0] = 1e-9;
        assertThat(judge(d).status()).containsExactly(Judged.Status.JUDGED);
    }

    @Test
    void anErrorThatFallsWithinNoiseButNotToATenthIsNotExcused() {
        // Error 0.5 at θ, 0.06 a hair away with a noise sd of 0.1: within 4 sd but more than a tenth.
        ComponentData d = one(1.0, 0.5, 0.5, 0.5);
        d.nearbyError[0] = 0.06;
        d.nearbySd[0] = 0.1;
        assertThat(judge(d).status()).containsExactly(Judged.Status.JUDGED);
        d.nearbyError[0] = 0.04;
        assertThat(judge(d).status()).containsExactly(Judged.Status.NON_GENERIC);
    }

    @Test
    void anEntryWithinNoiseIsNeverMarkedNonGeneric() {
        ComponentData d = one(0.5, 0.5, 0.5, 0.5);
        d.nearbyError[0] = 0;
        d.nearbySd[0] = 1;
        assertThat(judge(d).status()).containsExactly(Judged.Status.JUDGED);
    }

    @Test
    void tooManyWrongEntriesAreAPatternAndNeverNonGeneric() {
        int n = Explanations.NEARBY_MAX_ENTRIES + 1;
        double[] analytic = new double[n];
        double[] central = new double[n];
        double[] step = new double[n];
        boolean[] selected = new boolean[n];
        Arrays.fill(analytic, 1.0);
        Arrays.fill(central, 0.5);
        Arrays.fill(step, H);
        Arrays.fill(selected, true);
        ComponentData d = new ComponentData("W", 1, n, new double[n], analytic, central.clone(), central.clone(),
                central.clone(), central.clone(), step, selected);
        Arrays.fill(d.nearbyError, 0);
        Arrays.fill(d.nearbySd, 1e-9);
        Judged j = judge(d);
        assertThat(j.beyondCount()).isEqualTo(n);
        assertThat(j.count(Judged.Status.NON_GENERIC)).isZero();
        assertThat(Explanations.needNearby(j)).as("no nearby look for a pattern").doesNotContain(true).hasSize(n);

        // One fewer wrong entry: each may be re-measured and excused.
        analytic[0] = 0.5;
        Judged few = judge(d);
        assertThat(few.beyondCount()).isEqualTo(Explanations.NEARBY_MAX_ENTRIES);
        assertThat(Explanations.needNearby(few)).containsOnlyOnce(false);
        assertThat(few.count(Judged.Status.NON_GENERIC)).isEqualTo(Explanations.NEARBY_MAX_ENTRIES);
    }

    @Test
    void anotherShardsEntryIsNotSelectedAndNotJudged() {
        ComponentData d = new ComponentData("W", 1, 2, new double[2], new double[] {1, 9}, new double[] {1, 0},
                new double[] {1, 0}, new double[] {1, 0}, new double[] {1, 0}, new double[] {H, 0},
                new boolean[] {true, false});
        Judged j = judge(d);
        assertThat(j.status()).containsExactly(Judged.Status.JUDGED, Judged.Status.NOT_SELECTED);
        assertThat(j.beyond()).containsExactly(false, false);
        assertThat(j.count(Judged.Status.NOT_SELECTED)).isEqualTo(1);
    }
}
