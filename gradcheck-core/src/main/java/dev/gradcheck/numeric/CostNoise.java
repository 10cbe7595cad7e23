package dev.gradcheck.numeric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Estimates the noise σ_J of a computed function from a handful of its values, in the manner of Moré and Wild's
 * ECnoise ("Estimating computational noise", SIAM J. Sci. Comput. 33, 2011).
 *
 * <p>Take f on equally spaced points t = −k·h … k·h along one direction. The smooth part of f contributes
 * O(h^j·f^(j)) to the j-th differences, which vanishes fast with j, while independent noise of standard deviation σ
 * contributes a j-th difference of variance σ²·C(2j, j). So γ_j·mean((Δ^j f)²) with γ_j = (j!)²/(2j)! estimates σ²
 * once j is large enough for the smooth part to be gone; the estimate is accepted where three consecutive orders agree
 * within a factor of 4 and the differences change sign (noise, not a smooth trend). When most values are equal the
 * step was too small to move f's rounding (try a larger one); when no order qualifies the step was too large.
 *
 * <p>A kink of f along the direction (a ReLU input crossing 0) puts a spike into the differences that a table
 * reads as noise, and at a non-generic θ there is a kink at t = 0 itself. So the points are t = ±(k + ½)·h, and the
 * two sides get a table each: a kink at 0 lies between them, a kink elsewhere spoils one side only. Several such
 * pairs (along several directions) are read together by the root mean square of their levels, a table far above the
 * median (a kink inside it) left out.
 */
public final class CostNoise {

    /** How the estimate came out. */
    public enum Outcome {
        /** σ is the level where the difference table settled. */
        MEASURED,
        /** f did not change over the points: the step is below f's resolution. */
        STEP_TOO_SMALL,
        /** The differences never settled into noise: f's smooth variation dominates. */
        STEP_TOO_LARGE
    }

    /**
     * @param sigma   the noise level (standard deviation of one evaluation's error), 0 unless {@code MEASURED}
     * @param order   the order of the difference table at which it was read
     * @param step    the spacing h of the points
     */
    public record Estimate(Outcome outcome, double sigma, int order, double step) {
    }

    /** Points on each side of 0: Moré and Wild use 7 to 9 per table. */
    public static final int SIDE = 8;

    private CostNoise() {
    }

    /**
     * The two one-sided tables of {@code f} at {@code t = ±(k + ½)·h}, k = 0 … SIDE−1 (left first). A kink at t = 0
     * lies between them; a kink elsewhere spoils one of them only.
     *
     * @param f evaluation of the function at offset t along the chosen direction
     * @param h spacing of the points
     */
    public static Estimate[] sides(DoubleUnaryOperator f, double h) {
        double[] left = new double[SIDE];
        double[] right = new double[SIDE];
        for (int k = 0; k < SIDE; k++) {
            left[SIDE - 1 - k] = f.applyAsDouble(-(k + 0.5) * h);
            right[k] = f.applyAsDouble((k + 0.5) * h);
        }
        return new Estimate[] {fromValues(left, h), fromValues(right, h)};
    }

    /**
     * A table whose level is more than this many times the median level of the tables read with it is spoiled (a kink
     * of f inside it, a jump) and left out. Measured on six small nets (tanh and sigmoid, mean, summed and naive
     * cross-entropy, a constant of 1e3): of 9,258 tables of pure noise, the highest lay 4.1× above the median of its
     * six, and 1 in 1,000 above 2.8×; a kink's spike in a table is orders of magnitude above the noise.
     */
    public static final double SPOILED = 8;

    /**
     * The noise level of several tables read together: the root mean square of the measured levels (each level is
     * the square root of an unbiased estimate of σ², so their mean square is unbiased too), leaving out tables more
     * than {@link #SPOILED} times above the median (a kink inside them); or, when fewer than half of them measured,
     * the outcome most of them had. The median itself is not the estimate: measured on the same nets against σ read
     * from 64-point tables, the median of six 8-point levels lies about 10 % below σ and one time in ten 30 % below
     * (a median of |differences| reads less than their standard deviation), the root mean square within 2 % (up to
     * 4 % above) and one time in ten 15-20 % below, one time in a hundred 20-35 % below.
     */
    public static Estimate combine(List<Estimate> tables) {
        List<Estimate> measured = new ArrayList<>();
        int tooSmall = 0;
        for (Estimate e : tables) {
            if (e.outcome() == Outcome.MEASURED) {
                measured.add(e);
            } else if (e.outcome() == Outcome.STEP_TOO_SMALL) {
                tooSmall++;
            }
        }
        double h = tables.get(0).step();
        if (measured.size() * 2 < tables.size()) {
            return new Estimate(tooSmall * 2 >= tables.size() - measured.size() ? Outcome.STEP_TOO_SMALL
                    : Outcome.STEP_TOO_LARGE, 0, 0, h);
        }
        measured.sort(Comparator.comparingDouble(Estimate::sigma));
        int n = measured.size();
        Estimate mid = measured.get((n - 1) / 2);
        double median = n % 2 == 1 ? mid.sigma() : (mid.sigma() + measured.get(n / 2).sigma()) / 2;
        double sum2 = 0;
        int kept = 0;
        for (Estimate e : measured) {
            if (e.sigma() <= SPOILED * median) {
                sum2 += e.sigma() * e.sigma();
                kept++;
            }
        }
        return new Estimate(Outcome.MEASURED, Math.sqrt(sum2 / kept), mid.order(), h);
    }

    /** The estimate from already computed equally spaced values (exposed for tests). */
    public static Estimate fromValues(double[] values, double h) {
        int n = values.length;
        int equal = 0;
        for (int i = 1; i < n; i++) {
            if (values[i] == values[i - 1]) {
                equal++;
            }
        }
        if (equal * 2 >= n - 1) {
            return new Estimate(Outcome.STEP_TOO_SMALL, 0, 0, h);
        }
        double[] diff = values.clone();
        int maxOrder = n - 2;
        double[] level = new double[maxOrder + 1];
        boolean[] signChange = new boolean[maxOrder + 1];
        double gamma = 1;
        for (int j = 1; j <= maxOrder; j++) {
            int len = n - j;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum2 = 0;
            for (int i = 0; i < len; i++) {
                diff[i] = diff[i + 1] - diff[i];
                min = Math.min(min, diff[i]);
                max = Math.max(max, diff[i]);
                sum2 += diff[i] * diff[i];
            }
            // γ_j = (j!)² / (2j)!, updated by the ratio of consecutive terms.
            gamma *= 0.5 * j / (2.0 * j - 1);
            level[j] = Math.sqrt(gamma * sum2 / len);
            signChange[j] = min < 0 && max > 0;
        }
        for (int j = 1; j + 2 <= maxOrder; j++) {
            double lo = Math.min(level[j], Math.min(level[j + 1], level[j + 2]));
            double hi = Math.max(level[j], Math.max(level[j + 1], level[j + 2]));
            if (signChange[j] && lo > 0 && hi <= 4 * lo) {
                return new Estimate(Outcome.MEASURED, level[j], j, h);
            }
        }
        return new Estimate(Outcome.STEP_TOO_LARGE, 0, 0, h);
    }
}
