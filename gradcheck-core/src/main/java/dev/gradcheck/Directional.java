package dev.gradcheck;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Fast mode: directional derivatives along random unit vectors u, (J(θ+εu) − J(θ−εu))/2ε against dθ·u.
 *
 * <p>Why a few directions suffice: for an error δ = dθ − dθ_true and a uniformly random unit u in n dimensions,
 * E[(δ·u)²] = ‖δ‖²/n and E[(g·u)²] = ‖g‖²/n, so the directional ratio estimates the full ratio. A bug is missed only
 * when every direction is nearly orthogonal to δ; each (δ·u)² is ‖δ‖²/n times a χ²₁ variable, so the chance that all
 * of d directions fall below 1% of their mean is P(|Z| < 0.1)^d = 0.080^d: 1.6e-9 for the default 8.
 */
final class Directional {
    private final Differentiable model;
    private final List<ParameterBlock> blocks;
    private final double epsilon;
    private final long seed;
    private long evaluations;

    Directional(Differentiable model, List<ParameterBlock> blocks, double epsilon, long seed) {
        this.model = model;
        this.blocks = blocks;
        this.epsilon = epsilon;
        this.seed = seed;
    }

    long evaluations() {
        return evaluations;
    }

    /** What fast mode concluded: GOOD, or not (then the full check runs to find the component). */
    record Outcome(Verdict verdict, double ratio, String sentence) {
    }

    /**
     * The directional check with the noise model: GOOD below the GOOD threshold. A difference within J's noise says
     * nothing (a directional derivative along a unit u in n dimensions is only about ‖dθ‖/√n), so it is re-measured
     * at the step where noise falls far enough, as the full check does; anything else is not GOOD.
     */
    Outcome check(double[][] analytic, double j0, int directions, Noise noise, Thresholds t) {
        double[] sums = sums(analytic, j0, directions, epsilon);
        double ratio = ratio(sums);
        if (ratio < t.good()) {
            return new Outcome(Verdict.GOOD, ratio, String.format(java.util.Locale.ROOT, "fast check: directional "
                    + "ratio %.2e over %d random directions (components are not checked one by one in fast mode)",
                    ratio, directions));
        }
        double noiseNorm = Math.sqrt(directions) * noise.central(epsilon);
        double denom = Math.sqrt(sums[1]) + Math.sqrt(sums[2]);
        boolean withinNoise = Math.sqrt(sums[0]) <= Noise.BOUND * noiseNorm;
        double step = denom == 0 ? Double.POSITIVE_INFINITY
                : epsilon * Decision.RESOLVE_MARGIN * noiseNorm / denom / t.good();
        step = Math.max(step, 10 * epsilon);
        if (withinNoise && step <= GradientCheck.MAX_EPSILON) {
            double[] again = sums(analytic, j0, directions, step);
            double r = ratio(again);
            if (r < t.good()) {
                return new Outcome(Verdict.GOOD, r, String.format(java.util.Locale.ROOT, "fast check: directional "
                        + "ratio %.2e at ε = %.0e is J's noise; at step %.1e it is %.2e over %d random directions "
                        + "(components are not checked one by one in fast mode)", ratio, epsilon, step, r,
                        directions));
            }
        }
        return new Outcome(t.verdictOf(ratio), ratio, String.format(java.util.Locale.ROOT, "fast check: "
                + "directional ratio %.2e is %s", ratio, t.verdictOf(ratio)));
    }

    private static double ratio(double[] sums) {
        double denom = Math.sqrt(sums[1]) + Math.sqrt(sums[2]);
        return denom == 0 ? 0 : Math.sqrt(sums[0]) / denom;
    }

    /** Σ(num − ana)², Σnum², Σana² of the directional derivatives at {@code step}. */
    private double[] sums(double[][] analytic, double j0, int directions, double epsilon) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] theta = new double[blocks.size()][];
        double[][] u = new double[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            theta[b] = blocks.get(b).toArray();
            u[b] = new double[theta[b].length];
        }
        double diff2 = 0;
        double num2 = 0;
        double ana2 = 0;
        for (int k = 0; k < directions; k++) {
            double norm2 = 0;
            for (double[] ub : u) {
                for (int i = 0; i < ub.length; i++) {
                    ub[i] = gaussian(random);
                    norm2 += ub[i] * ub[i];
                }
            }
            double scale = 1 / Math.sqrt(norm2);
            double analyticDirectional = 0;
            for (int b = 0; b < u.length; b++) {
                for (int i = 0; i < u[b].length; i++) {
                    u[b][i] *= scale;
                    analyticDirectional += analytic[b][i] * u[b][i];
                }
            }
            double jPlus;
            double jMinus;
            try {
                move(theta, u, epsilon);
                jPlus = model.cost();
                move(theta, u, -epsilon);
                jMinus = model.cost();
            } finally {
                for (int b = 0; b < blocks.size(); b++) {
                    blocks.get(b).copyFrom(theta[b]);
                }
            }
            evaluations += 2;
            if (!Double.isFinite(jPlus) || !Double.isFinite(jMinus)) {
                throw new GradientCheckException("J is not finite along random direction " + k + " at step ε = "
                        + epsilon + " (J(θ) = " + j0 + ")");
            }
            double numericalDirectional = (jPlus - jMinus) / (2 * epsilon);
            double d = numericalDirectional - analyticDirectional;
            diff2 += d * d;
            num2 += numericalDirectional * numericalDirectional;
            ana2 += analyticDirectional * analyticDirectional;
        }
        return new double[] {diff2, num2, ana2};
    }

    private void move(double[][] theta, double[][] u, double step) {
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            for (int i = 0; i < u[b].length; i++) {
                block.set(i, theta[b][i] + step * u[b][i]);
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller; one value per call keeps the sequence simple and seeded.
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
