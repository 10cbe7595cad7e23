package dev.gradcheck.nets;

/**
 * Inverted dropout on the hidden layers, with a keep-prob per layer: D[l] = (rand &lt; keepProb[l]) and
 * A[l] = A[l] ∘ D[l] / keepProb[l] in the forward pass, the same D[l] and 1/keepProb[l] in backprop, never at
 * prediction time.
 *
 * <p>Normally every forward pass draws fresh masks (this is what makes J random). {@link #freeze()} makes the
 * masks fixed: each is drawn once, at its first use, and reused until {@link #unfreeze()}. {@link #off(boolean)}
 * turns dropout off (keep-prob 1 everywhere) while remembering the configured keep-probs, which is how the
 * gradient checker's "force keep-prob to 1.0, then restore" keeps per-layer values intact.
 */
final class Dropout {
    private final double[] configured;
    private final Matrix[] masks;
    private final boolean[] drawn;
    private Rng rng;
    private boolean off;
    private boolean frozen;

    /**
     * @param keepProbs keep-prob per layer, index l = 1..L (index 0 unused; the output layer's must be 1)
     * @param n         layer sizes n[0..L]
     * @param m         batch size (masks are n[l]×m)
     */
    Dropout(double[] keepProbs, int[] n, int m, Rng rng) {
        this.configured = keepProbs.clone();
        this.masks = new Matrix[n.length];
        this.drawn = new boolean[n.length];
        for (int l = 1; l < n.length; l++) {
            masks[l] = new Matrix(n[l], m);
        }
        this.rng = rng;
    }

    private Dropout(Dropout o) {
        configured = o.configured.clone();
        masks = new Matrix[o.masks.length];
        for (int l = 1; l < masks.length; l++) {
            masks[l] = o.masks[l].copy();
        }
        drawn = o.drawn.clone();
        rng = o.rng.copy();
        off = o.off;
        frozen = o.frozen;
    }

    Dropout copy() {
        return new Dropout(this);
    }

    /** The keep-prob in force for layer l: 1 when dropout is off or the layer has none. */
    double keepProb(int l) {
        return off ? 1.0 : configured[l];
    }

    /** The configured keep-probs, index 1..L (a copy). */
    double[] configured() {
        return configured.clone();
    }

    /** The smallest configured keep-prob, whether dropout is off or not. */
    double configuredMin() {
        double min = 1.0;
        for (int l = 1; l < configured.length; l++) {
            min = Math.min(min, configured[l]);
        }
        return min;
    }

    /** The smallest keep-prob in force (1.0 when dropout is off). */
    double min() {
        double min = 1.0;
        for (int l = 1; l < configured.length; l++) {
            min = Math.min(min, keepProb(l));
        }
        return min;
    }

    /**
     * The checker's keep-prob: 1.0 turns dropout off and remembers the per-layer keep-probs; the smallest configured
     * keep-prob turns them back on as they were (force-and-restore); any other p in (0, 1) is {@link #setAll}.
     */
    void force(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("keep-prob must be in (0, 1], got " + p);
        }
        if (p == 1.0) {
            off(true);
        } else if (p == configuredMin()) {
            off(false);
        } else {
            setAll(p);
        }
    }

    /** Turns dropout off (keep-prob 1 everywhere, configured values remembered) or back on. */
    void off(boolean isOff) {
        this.off = isOff;
    }

    /**
     * Sets keep-prob {@code p} (in (0, 1)) on every hidden layer that has dropout configured, or on every hidden
     * layer when none has.
     */
    void setAll(double p) {
        int output = configured.length - 1;
        boolean any = false;
        for (int l = 1; l < output; l++) {
            any |= configured[l] < 1;
        }
        for (int l = 1; l < output; l++) {
            if (configured[l] < 1 || !any) {
                configured[l] = p;
            }
        }
        off = false;
        java.util.Arrays.fill(drawn, false);
    }

    void freeze() {
        frozen = true;
        java.util.Arrays.fill(drawn, false);
    }

    void unfreeze() {
        frozen = false;
    }

    boolean frozen() {
        return frozen;
    }

    /**
     * The mask D[l] for this forward pass (entries 0 or 1), or {@code null} when layer l has no dropout now. Draws
     * a fresh mask unless the masks are frozen and this one was drawn already.
     */
    Matrix mask(int l) {
        double p = keepProb(l);
        if (p >= 1) {
            return null;
        }
        if (!frozen || !drawn[l]) {
            double[] d = masks[l].data();
            int kept = 0;
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextDouble() < p ? 1 : 0;
                kept += (int) d[i];
            }
            if (frozen && d.length > 1 && (kept == d.length || kept == 0)) {
                // A frozen mask is there to check dropout's backprop: with nothing dropped the mask-not-applied
                // bug is invisible, with everything dropped the keep-prob scaling is. Flip one entry.
                int i = rng.nextInt(d.length);
                d[i] = 1 - d[i];
            }
            drawn[l] = true;
        }
        return masks[l];
    }

    /** The mask drawn last for layer l (after a forward pass), or {@code null} when layer l has no dropout now. */
    Matrix lastMask(int l) {
        return keepProb(l) < 1 ? masks[l] : null;
    }
}
