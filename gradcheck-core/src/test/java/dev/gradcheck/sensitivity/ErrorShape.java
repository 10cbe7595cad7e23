package dev.gradcheck.sensitivity;

import java.util.Random;

/**
 * How an otherwise correct backprop is made wrong by a relative amount δ. All but {@link #STALE_WEIGHTS} change
 * one block only; their error is fixed when the case is built (at the initial θ), so every call of gradients()
 * returns the same wrong gradient.
 */
enum ErrorShape {
    SCALED_BLOCK("one block scaled by (1+δ)", true),
    ADDITIVE("additive δ·‖g‖/√n over one block", true),
    ONE_ENTRY("one entry off by δ·max|g|", true),
    /** Backprop run at θ − δ·θ: the weights were already updated by a small step when the deltas were taken. */
    STALE_WEIGHTS("backprop at stale weights θ − δ·θ", false);

    final String description;
    /** Whether the error sits in one chosen block (else it is spread over all blocks). */
    final boolean oneBlock;

    ErrorShape(String description, boolean oneBlock) {
        this.description = description;
        this.oneBlock = oneBlock;
    }

    /** The model with this error of size δ in block {@code block} (ignored for stale weights). */
    Injected inject(UserModel model, double delta, int block, long seed) {
        if (this == STALE_WEIGHTS) {
            return new Injected(model, p -> {
                double[][] stale = new double[p.length][];
                for (int k = 0; k < p.length; k++) {
                    stale[k] = new double[p[k].length];
                    for (int i = 0; i < p[k].length; i++) {
                        stale[k][i] = p[k][i] - delta * p[k][i];
                    }
                }
                return model.backprop(stale);
            });
        }
        if (this == SCALED_BLOCK) {
            return new Injected(model, p -> {
                double[][] g = model.backprop(p);
                for (int i = 0; i < g[block].length; i++) {
                    g[block][i] *= 1 + delta;
                }
                return g;
            });
        }
        double[] gk = model.backprop(model.theta)[block];
        double[] error = new double[gk.length];
        Random rnd = new Random(seed * 31 + block);
        if (this == ADDITIVE) {
            // random signs, so that the error is not a multiple of g (that would be SCALED_BLOCK)
            double size = delta * Truth.norm(gk) / Math.sqrt(gk.length);
            for (int i = 0; i < error.length; i++) {
                error[i] = rnd.nextBoolean() ? size : -size;
            }
        } else {
            double max = 0;
            for (double v : gk) {
                max = Math.max(max, Math.abs(v));
            }
            error[rnd.nextInt(error.length)] = delta * max;
        }
        return new Injected(model, p -> {
            double[][] g = model.backprop(p);
            for (int i = 0; i < error.length; i++) {
                g[block][i] += error[i];
            }
            return g;
        });
    }
}
