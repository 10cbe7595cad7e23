package dev.gradcheck;

import static dev.gradcheck.HintsPatternsTest.N;
import static dev.gradcheck.HintsPatternsTest.W;
import static dev.gradcheck.HintsPatternsTest.block;
import static dev.gradcheck.HintsPatternsTest.times;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What {@link Hints}' sentences say beyond the kind of pattern (which {@link HintsPatternsTest} tells apart): which
 * term is missing or extra and which cost lacks it, which axis a broadcast value was summed or averaged over, where
 * the wrong rows are, and how close to a pattern a component must be. Each case is a 2×3 block with the numerical
 * gradient N and the analytic one built from it.
 */
class HintsEvidenceTest {

    static String of(double[] w, double[] a, double[] n) {
        return Hints.of(block(2, 3, w, a, n), n, new boolean[a.length], 1e-12);
    }

    static double[] plus(double[] n, double c, double[] v) {
        double[] r = n.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] += c * v[i];
        }
        return r;
    }

    static double[] sign(double[] w) {
        return Arrays.stream(w).map(Math::signum).toArray();
    }

    @Test
    void anExtraL2TermNamesTheCostThatLacksIt() {
        assertThat(of(W, plus(N, 0.35, W), N)).isEqualTo("dW − dW_approx = +0.35·W: λ/m·W is added in backprop but "
                + "the cost lacks λ/2m·‖W‖² (or the term is added twice)");
    }

    @Test
    void anExtraL1TermNamesTheCostThatLacksIt() {
        assertThat(of(W, plus(N, 0.2, sign(W)), N)).isEqualTo("dW − dW_approx = +0.20·sign(W): λ/m·sign(W) is added "
                + "in backprop but the cost lacks λ/m·Σ|W| (or the term is added twice)");
    }

    @Test
    void aMissingL1TermNamesTheCostThatHasIt() {
        assertThat(of(W, plus(N, -0.2, sign(W)), N)).isEqualTo("dW − dW_approx = -0.20·sign(W): the regularization "
                + "gradient λ/m·sign(W) is missing from dW (λ/m ≈ " + Hints.fmt(0.2) + "), or the cost has λ/m·Σ|W| "
                + "but backprop does not");
    }

    @Test
    void aBlockAtZeroHasNoRegularizationTermToFind() {
        // A bias at its zero initialization: no multiple of it, or of its sign, explains anything.
        double[] a = N.clone();
        a[1] *= 1.5;
        a[4] *= 1.5;
        assertThat(of(new double[6], a, N)).startsWith("2 of 6 judged entries of dW are wrong by more than 1e-3 "
                + "relative (columns 1 only, of 3)");
    }

    @Test
    void aValueBroadcastIntoEveryEntrySaysWhichReductionItIs() {
        double sum = Arrays.stream(N).sum();
        double[] summed = new double[6];
        Arrays.fill(summed, sum);
        assertThat(of(W, summed, N)).contains("dW has 6 judged entries, all equal to " + Hints.fmt(sum))
                .contains("; " + Hints.fmt(sum) + " = Σ of dW_approx over its 6 entries: the sum ran over every "
                        + "example and unit");
        double[] mean = new double[6];
        Arrays.fill(mean, sum / 6);
        assertThat(of(W, mean, N)).contains("all equal to " + Hints.fmt(sum / 6))
                .endsWith("; " + Hints.fmt(sum / 6) + " = the mean of dW_approx over its 6 entries: the sum or mean "
                        + "ran over every axis, not over the examples only");
        double[] other = new double[6];
        Arrays.fill(other, 1.75);
        assertThat(of(W, other, N)).endsWith("while dW_approx ranges from " + Hints.fmt(-1.2) + " to "
                + Hints.fmt(2.0) + ": one value broadcast into every entry, a sum or mean over the wrong axis (or over "
                + "all of them), not over the examples only");
    }

    @Test
    void aBroadcastSumOrMeanIsReadThroughRoundOff() {
        double sum = Arrays.stream(N).sum();
        double[] summed = new double[6];
        Arrays.fill(summed, sum * (1 + 5e-4));
        assertThat(of(W, summed, N)).contains("= Σ of dW_approx");
        Arrays.fill(summed, sum * (1 + 2e-3));
        assertThat(of(W, summed, N)).doesNotContain("= Σ of dW_approx").contains("one value broadcast");
        double[] mean = new double[6];
        Arrays.fill(mean, sum / 6 * (1 + 5e-4));
        assertThat(of(W, mean, N)).contains("= the mean of dW_approx");
    }

    @Test
    void aBroadcastWithEntriesLeftOutCannotBeCheckedAgainstTheWholeSum() {
        double sum = Arrays.stream(N).sum();
        double[] summed = new double[6];
        Arrays.fill(summed, sum);
        boolean[] excluded = new boolean[6];
        excluded[0] = true;
        assertThat(Hints.of(block(2, 3, W, summed, N), N, excluded, 1e-12)).startsWith("dW has 5 judged entries")
                .contains("one value broadcast into every entry");
    }

    @Test
    void aFactorIsReadThroughNoiseUpToTheFitTolerance() {
        // N scaled by 10 so that ‖dW‖ is far from 1; the error is orthogonal to N, so the fitted factor stays 3.
        double[] n = times(N, 10);
        double[] v = {1.2, 0.3, 0, 0, 0, 0};
        double aNorm = Math.sqrt(Arrays.stream(times(n, 3)).map(x -> x * x).sum());
        double vNorm = Math.sqrt(1.2 * 1.2 + 0.3 * 0.3);
        double[] within = plus(times(n, 3), 0.5 * Hints.FIT * aNorm / vNorm, v);
        double[] beyond = plus(times(n, 3), 3 * Hints.FIT * aNorm / vNorm, v);
        assertThat(of(W, within, n)).startsWith("dW = 3.00 × the numerical gradient");
        assertThat(of(W, beyond, n)).doesNotContain("3.00 ×");
    }

    @Test
    void wrongRowsAreListedFromTheFirstAndCutAfterEight() {
        int rows = 20;
        double[] n = new double[rows * 2];
        double[] w = new double[rows * 2];
        for (int i = 0; i < n.length; i++) {
            n[i] = 0.1 * (i + 1);
            w[i] = (i % 3) - 1;
        }
        double[] eight = n.clone();
        for (int r = 0; r < 8; r++) {
            eight[2 * r] *= 1 + 0.1 * (r + 1);
        }
        assertThat(Hints.of(block(rows, 2, w, eight, n), n, new boolean[40], 1e-12))
                .contains("8 of 40 judged entries of dW are wrong by more than 1e-3 relative (rows 0, 1, 2, 3, 4, 5, "
                        + "6, 7 only, of 20)");
        double[] nine = eight.clone();
        nine[16] *= 1.9;
        assertThat(Hints.of(block(rows, 2, w, nine, n), n, new boolean[40], 1e-12))
                .contains("(rows 0, 1, 2, 3, 4, 5, 6, 7, … only, of 20)");
    }

    @Test
    void nothingIsSaidWhereNoEntryIsWrongByMoreThanTheRelativeTolerance() {
        // Both zero, or every entry within 1e-3 relative and no factor: there is nothing to name.
        assertThat(Hints.of(block(2, 3, W, new double[6], new double[6]), new double[6], new boolean[6], 0)).isNull();
        double[] close = N.clone();
        for (int i = 0; i < 6; i++) {
            close[i] *= 1 + (i % 2 == 0 ? 4e-4 : -3e-4);
        }
        assertThat(of(W, close, N)).isNull();
    }

    @Test
    void factorsShowTwoDecimalsFromOneHundredthToBelowOneThousand() {
        assertThat(Hints.fmtK(0.01)).isEqualTo("0.01");
        assertThat(Hints.fmtK(-0.01)).isEqualTo("-0.01");
        assertThat(Hints.fmtK(0.0099)).isEqualTo("0.00990");
        assertThat(Hints.fmtK(999.5)).isEqualTo("999.50");
        assertThat(Hints.fmtK(1000)).isEqualTo("1.00e+03");
    }
}
