package dev.gradcheck;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Fast mode: directional derivatives along random unit vectors u, (J(θ+εu) − J(θ−εu))/2ε against dθ·u, with u
 * inside one piece of θ: one block, or a range of its entries when {@link Blockwise} narrows an error down.
 *
 * <p>Why a few directions suffice: for an error δ = dθ − dθ_true and a uniformly random unit u in n dimensions,
 * E[(δ·u)²] = ‖δ‖²/n and E[(g·u)²] = ‖g‖²/n, so the directional ratio estimates the full ratio. A bug is missed only
 * when every direction is nearly orthogonal to δ; each (δ·u)² is ‖δ‖²/n times a χ²₁ variable, so the chance that all
 * of d directions fall below 1% of their mean is P(|Z| < 0.1)^d = 0.080^d: 1.6e-9 for the default 8. Per block
 * rather than over all of θ, because the full check judges each component by its own ratio: an error that is large
 * for a small block (db2) is a small part of the whole of θ's gradient and would hide in a directional ratio over all
 * of θ.
 */
final class Directional {
    private final Differentiable model;
    private final List<ParameterBlock> blocks;
    private final double epsilon;
    private final long seed;
    private long evaluations;

    /** Entries [from, to) of block {@code block}: where the random directions live. */
    record Piece(int block, int from, int to) {
        int size() {
            return to - from;
        }

        /** "dW1" for the whole block, "dW1[128, 256)" for a range of its row-major entries. */
        String name(List<ParameterBlock> blocks) {
            ParameterBlock b = blocks.get(block);
            return "d" + b.name() + (from == 0 && to == b.size() ? "" : "[" + from + ", " + to + ")");
        }
    }

    Directional(Differentiable model, List<ParameterBlock> blocks, double epsilon, long seed) {
        this.model = model;
        this.blocks = blocks;
        this.epsilon = epsilon;
        this.seed = seed;
    }

    long evaluations() {
        return evaluations;
    }

    /**
     * What the directional check of one piece concluded: GOOD, or not (then its entries go to the full check).
     *
     * @param sums Σ(num − ana)², Σnum², Σana² of the directional derivatives the verdict was taken on
     */
    record Outcome(Piece piece, Verdict verdict, double ratio, double[] sums, String sentence) {
    }

    /**
     * The directional check with the noise model: GOOD below the GOOD threshold. A difference within J's noise says
     * nothing (a directional derivative along a unit u in n dimensions is only about ‖dθ‖/√n), so it is re-measured
     * at the step where noise falls far enough, as the full check does; anything else is not GOOD.
     */
    Outcome check(Piece piece, double[][] analytic, double j0, int directions, Noise noise, Thresholds t) {
        double[] sums = sums(piece, analytic, j0, directions, epsilon);
        double ratio = ratio(sums);
        if (ratio < t.good()) {
            return new Outcome(piece, Verdict.GOOD, ratio, sums, String.format(java.util.Locale.ROOT, "directional "
                    + "ratio %.2e over %d random directions", ratio, directions));
        }
        double noiseNorm = Math.sqrt(directions) * noise.central(epsilon);
        double denom = Math.sqrt(sums[1]) + Math.sqrt(sums[2]);
        boolean withinNoise = Math.sqrt(sums[0]) <= Noise.BOUND * noiseNorm;
        double step = denom == 0 ? Double.POSITIVE_INFINITY
                : epsilon * Decision.RESOLVE_MARGIN * noiseNorm / denom / t.good();
        step = Math.max(step, 10 * epsilon);
        if (withinNoise && step <= GradientCheck.MAX_EPSILON) {
            double[] again = sums(piece, analytic, j0, directions, step);
            double r = ratio(again);
            if (r < t.good()) {
                return new Outcome(piece, Verdict.GOOD, r, again, String.format(java.util.Locale.ROOT, "directional "
                        + "ratio %.2e at ε = %.0e is J's noise; at step %.1e it is %.2e over %d random directions",
                        ratio, epsilon, step, r, directions));
            }
        }
        return new Outcome(piece, t.verdictOf(ratio), ratio, sums, String.format(java.util.Locale.ROOT,
                "directional ratio %.2e is %s", ratio, t.verdictOf(ratio)));
    }

    static double ratio(double[] sums) {
        double denom = Math.sqrt(sums[1]) + Math.sqrt(sums[2]);
        return denom == 0 ? 0 : Math.sqrt(sums[0]) / denom;
    }

    /** Σ(num − ana)², Σnum², Σana² of the directional derivatives at {@code step}, u inside {@code piece}. */
    private double[] sums(Piece piece, double[][] analytic, double j0, int directions, double epsilon) {
        // Each piece its own stream: the same piece gets the same directions at every step and in every run.
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + piece.block() * 1_000_003L
                + piece.from() * 7919L + piece.to());
        ParameterBlock block = blocks.get(piece.block());
        double[] theta = block.toArray();
        double[] g = analytic[piece.block()];
        double[] u = new double[piece.size()];
        double diff2 = 0;
        double num2 = 0;
        double ana2 = 0;
        for (int k = 0; k < directions; k++) {
            double norm2 = 0;
            for (int i = 0; i < u.length; i++) {
                u[i] = gaussian(random);
                norm2 += u[i] * u[i];
            }
            double scale = 1 / Math.sqrt(norm2);
            double analyticDirectional = 0;
            for (int i = 0; i < u.length; i++) {
                u[i] *= scale;
                analyticDirectional += g[piece.from() + i] * u[i];
            }
            double jPlus;
            double jMinus;
            try {
                move(block, piece.from(), theta, u, epsilon);
                jPlus = model.cost();
                move(block, piece.from(), theta, u, -epsilon);
                jMinus = model.cost();
            } finally {
                block.copyFrom(theta);
            }
            evaluations += 2;
            if (!Double.isFinite(jPlus) || !Double.isFinite(jMinus)) {
                throw new GradientCheckException("J is not finite along random direction " + k + " in "
                        + piece.name(blocks) + " at step ε = " + epsilon + " (J(θ) = " + j0 + ")");
            }
            double numericalDirectional = (jPlus - jMinus) / (2 * epsilon);
            double d = numericalDirectional - analyticDirectional;
            diff2 += d * d;
            num2 += numericalDirectional * numericalDirectional;
            ana2 += analyticDirectional * analyticDirectional;
        }
        return new double[] {diff2, num2, ana2};
    }

    private static void move(ParameterBlock block, int from, double[] theta, double[] u, double step) {
        for (int i = 0; i < u.length; i++) {
            block.set(from + i, theta[from + i] + step * u[i]);
        }
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller; one value per call keeps the sequence simple and seeded.
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
