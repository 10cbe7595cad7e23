package dev.gradcheck;

import dev.gradcheck.numeric.CostNoise;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The round-off of J, measured on the user's own cost at the checked θ, and every bound the judgement uses, derived
 * from that one number.
 *
 * <p>σ_J is the standard deviation of one evaluation's error, estimated from {@link #EVALUATIONS} evaluations along
 * seeded random unit directions (difference tables, as in Moré and Wild's ECnoise). It is never smaller than
 * the rounding of J itself (ulp(J)/√12, the spread of a correctly rounded result). From it, for a step h:
 * <ul>
 *   <li>a central difference (J₊ − J₋)/2h carries σ_J/(√2·h) of noise;</li>
 *   <li>a one-sided slope (J± − J₀)/h carries √2·σ_J/h, the gap between the two slopes √6·σ_J/h;</li>
 *   <li>the five-point stencil carries √130·σ_J/(12h).</li>
 * </ul>
 * A difference is "beyond noise" when it exceeds {@link #BOUND} of these standard deviations (for a block, of the
 * root-sum-square of its entries').
 */
final class Noise {
    /**
     * Standard deviations that make a difference "beyond noise". 4 leaves ≈ 6e-5 of false alarms for one Gaussian
     * entry with σ_J exact and ≈ 1.6e-3 with σ_J estimated 21 % low (as it is one time in ten, see
     * {@link CostNoise#combine}), and keeps every error of 10× the accuracy floor (which is stated at one standard
     * deviation) clearly beyond it. An explanation is tried only for entries beyond it also under the noise measured
     * along their own coordinate ({@link #alongCoordinate}).
     */
    static final double BOUND = 4;
    /**
     * The unit step along the directions of the estimate, relative to max(1, rms θ): small, so that few kinks of J
     * (ReLU inputs near 0) lie within a table's span, yet large enough that every coordinate moves by millions of
     * ulps and J's rounding varies from point to point.
     */
    static final double STEP = 1e-8;
    /**
     * Directions of the estimate, two tables each. One table's level scatters by a factor of about 3 around σ_J; the
     * root mean square of six is within about 20 % one time in ten (measured, {@link CostNoise#combine}).
     */
    static final int DIRECTIONS = 3;
    /** Cost evaluations of one estimate (one attempt at one step). */
    static final int EVALUATIONS = DIRECTIONS * 2 * CostNoise.SIDE;

    final double sigma;
    final double j0;
    /** Whether J(θ) and every value of the estimate are exactly float numbers (a float or quantized cost). */
    final boolean floatLike;
    final long evaluations;
    final String how;

    Noise(double sigma, double j0, boolean floatLike, long evaluations, String how) {
        this.sigma = sigma;
        this.j0 = j0;
        this.floatLike = floatLike;
        this.evaluations = evaluations;
        this.how = how;
    }

    /** A noise model with a known σ_J (shard merge, tests). */
    static Noise of(double sigma, double j0) {
        return new Noise(sigma, j0, false, 0, String.format(Locale.ROOT, "σ_J = %.1e", sigma));
    }

    /** The rounding of J itself: the least noise any computed J has. */
    static double roundingOf(double j) {
        return Math.ulp(j) / Math.sqrt(12);
    }

    /** The same noise model with another σ_J (the noise along one coordinate). */
    Noise withSigma(double s) {
        return s == sigma ? this : new Noise(s, j0, floatLike, 0, how);
    }

    /**
     * Standard deviation of the smooth reading of the kink test, gap(2h) − 2·gap(h) = (J₊₂ + J₋₂ − 4(J₊ + J₋) +
     * 6J₀)/2h, which is 0 for a smooth J: √70·σ_J/2h (J₀ enters both gaps, so they are not independent).
     */
    double smoothResidual(double h) {
        return Math.sqrt(70) * sigma / (2 * h);
    }

    /**
     * Standard deviation of the stuck reading of the kink test, gap(2h) − gap(h) = (J₊₂ + J₋₂ − 2(J₊ + J₋) + 2J₀)/2h,
     * which is 0 for a kink of J at θ: √14·σ_J/2h.
     */
    double stuckResidual(double h) {
        return Math.sqrt(14) * sigma / (2 * h);
    }

    /** Standard deviation of the central difference at half-step h. */
    double central(double h) {
        return sigma / (Math.sqrt(2) * h);
    }

    /** Standard deviation of a one-sided slope at step h. */
    double slope(double h) {
        return Math.sqrt(2) * sigma / h;
    }

    /** Standard deviation of the gap between the forward and the backward slope at step h. */
    double gap(double h) {
        return Math.sqrt(6) * sigma / h;
    }

    /** Standard deviation of the five-point stencil at step h. */
    double precise(double h) {
        return Math.sqrt(130) * sigma / (12 * h);
    }

    /** The stencil's standard deviation at step h. */
    double of(NumericalGradient.Stencil stencil, double h) {
        return stencil == NumericalGradient.Stencil.CENTRAL ? central(h) : precise(h);
    }

    /**
     * σ_J along one coordinate θᵢ: the two one-sided tables of {@link CostNoise#sides} at a step of
     * {@link #STEP}·max(1, |θᵢ|) (×100 when J did not move, ÷100 when it did not settle, three attempts), read together
     * by {@link CostNoise#combine}. J's round-off differs from coordinate to coordinate (measured on small nets: from
     * 0.25 to 1.6 times the level along random directions), so the entries an explanation would be tried for are
     * first judged against the noise along their own coordinate. θᵢ is restored bit-exactly.
     *
     * @return {σ, evaluations}, σ NaN when no table settled
     */
    static double[] alongCoordinate(Differentiable model, ParameterBlock block, int i) {
        double old = block.get(i);
        double h = STEP * Math.max(1, Math.abs(old));
        long evaluations = 0;
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                CostNoise.Estimate[] sides = CostNoise.sides(t -> {
                    block.set(i, old + t);
                    return model.cost();
                }, h);
                evaluations += 2 * CostNoise.SIDE;
                CostNoise.Estimate e = CostNoise.combine(List.of(sides));
                if (e.outcome() == CostNoise.Outcome.MEASURED) {
                    return new double[] {e.sigma(), evaluations};
                }
                h = e.outcome() == CostNoise.Outcome.STEP_TOO_SMALL ? h * 100 : h / 100;
            }
        } finally {
            block.set(i, old);
        }
        return new double[] {Double.NaN, evaluations};
    }

    /**
     * Measures σ_J at the current θ: up to five difference tables, the step multiplied by 100 when J did not move and
     * divided by 100 when its smooth variation did not die out. θ is restored bit-exactly.
     */
    static Noise measure(Differentiable model, List<ParameterBlock> blocks, double j0, long seed) {
        return measureAt(model, blocks, j0, seed, -1);
    }

    static Noise measureAt(Differentiable model, List<ParameterBlock> blocks, double j0, long seed, double firstStep) {
        double[][] theta = new double[blocks.size()][];
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double sum2 = 0;
        int n = 0;
        for (int b = 0; b < blocks.size(); b++) {
            theta[b] = blocks.get(b).toArray();
            n += theta[b].length;
            for (double v : theta[b]) {
                sum2 += v * v;
            }
        }
        double[][][] directions = new double[DIRECTIONS][blocks.size()][];
        for (double[][] direction : directions) {
            for (int b = 0; b < blocks.size(); b++) {
                direction[b] = new double[theta[b].length];
                for (int i = 0; i < theta[b].length; i++) {
                    direction[b][i] = (random.nextBoolean() ? 1 : -1) / Math.sqrt(n);
                }
            }
        }
        double scale = Math.max(1, Math.sqrt(sum2 / n));
        double h = firstStep > 0 ? firstStep : STEP * scale;
        long evaluations = 0;
        boolean[] allFloat = {(double) (float) j0 == j0 && j0 != Math.rint(j0)};
        CostNoise.Estimate e = null;
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                List<CostNoise.Estimate> tables = new ArrayList<>();
                for (double[][] direction : directions) {
                    tables.addAll(List.of(CostNoise.sides(t -> {
                        for (int b = 0; b < blocks.size(); b++) {
                            ParameterBlock block = blocks.get(b);
                            for (int i = 0; i < theta[b].length; i++) {
                                block.set(i, theta[b][i] + t * direction[b][i]);
                            }
                        }
                        double j = model.cost();
                        allFloat[0] &= (double) (float) j == j;
                        return j;
                    }, h)));
                }
                evaluations += EVALUATIONS;
                e = CostNoise.combine(tables);
                if (e.outcome() == CostNoise.Outcome.MEASURED) {
                    break;
                }
                h = e.outcome() == CostNoise.Outcome.STEP_TOO_SMALL ? h * 100 : h / 100;
            }
        } finally {
            for (int b = 0; b < blocks.size(); b++) {
                blocks.get(b).copyFrom(theta[b]);
            }
        }
        double least = roundingOf(j0);
        String how;
        double sigma;
        if (e.outcome() == CostNoise.Outcome.MEASURED && e.sigma() > least) {
            sigma = e.sigma();
            how = String.format(Locale.ROOT, "σ_J = %.1e measured (difference tables of order %d over %d costs, "
                    + "step %.0e, root mean square of %d tables along %d random directions; %.1f ulp of J)", sigma, e.order(),
                    CostNoise.SIDE, e.step(), 2 * DIRECTIONS, DIRECTIONS,
                    sigma / Math.ulp(j0));
        } else {
            sigma = least;
            how = String.format(Locale.ROOT, "σ_J = %.1e: the rounding of J itself (%s)", sigma,
                    e.outcome() == CostNoise.Outcome.MEASURED ? "the measured noise is below it"
                            : e.outcome() == CostNoise.Outcome.STEP_TOO_SMALL ? "J did not move along the direction"
                            : "J's variation along the direction never settled into noise");
        }
        return new Noise(sigma, j0, allFloat[0], evaluations, how);
    }
}
