package dev.gradcheck;

/**
 * A model with dropout. Dropout makes J random, so before checking the checker sets keep-prob to 1.0 and restores
 * the previous value afterwards (also when the check throws).
 *
 * <p>A model that can also <em>freeze</em> its dropout masks (draw them once, then reuse the same masks in every
 * cost and gradient evaluation) lets the checker verify dropout's own backprop with keep-prob &lt; 1: the
 * mask-not-applied and missing-1/keep-prob bugs are invisible at keep-prob 1.
 */
public interface Stochastic {

    /** The current keep-probability (1.0 means dropout is off). For per-layer keep-probs, the smallest one. */
    double keepProb();

    /** Sets keep-prob; 1.0 turns dropout off. For per-layer keep-probs, a value of 1.0 turns every layer off. */
    void keepProb(double p);

    /**
     * Draws the dropout masks once (from the model's own seeded generator) and from now on uses these same masks
     * in every {@link Differentiable#cost()} and {@link Differentiable#gradients()} call, until
     * {@link #unfreezeMasks()}. Returns {@code false} when the model cannot do that (the default).
     */
    default boolean freezeMasks() {
        return false;
    }

    /** Goes back to fresh masks per evaluation. Called by the checker after a frozen-mask check. */
    default void unfreezeMasks() {
    }
}
