package dev.gradcheck.nets;

import dev.gradcheck.nets.bugs.Bug;

/**
 * The catalogue's fault switches: which line of backprop (or of the cost) the injected {@link Bug} changes, and
 * how. Each method answers for one layer l and is the correct value everywhere but in the bug's layer, so the
 * passes read as the notes' formulas with one named deviation each ({@code faults.dWScale(l, m)} is 1/m unless the
 * bug drops or doubles it there).
 */
final class Faults {
    private static final Faults NONE = new Faults(null, 0);

    private final Bug bug;
    private final int layer;

    private Faults(Bug bug, int layer) {
        this.bug = bug;
        this.layer = layer;
    }

    /** The switches of {@code bug} injected into its layer of a network with sizes {@code n} (none when null). */
    static Faults of(Bug bug, int[] n) {
        return bug == null ? NONE : new Faults(bug, bug.layer(n));
    }

    /** The injected bug, or {@code null}. */
    Bug bug() {
        return bug;
    }

    /** The layer the bug is in (0 without a bug). */
    int layer() {
        return layer;
    }

    private boolean at(int l, Bug b) {
        return bug == b && layer == l;
    }

    /** dZ[L] = Y − A[L] instead of A[L] − Y. */
    boolean outputDZFlipped(int l) {
        return at(l, Bug.OUTPUT_DZ_SIGN_FLIPPED);
    }

    /** The factor of dZ[l]·A[l−1]ᵀ in dW[l]: 1/m (1 without the 1/m, 2/m with a stray factor 2). */
    double dWScale(int l, int m) {
        return at(l, Bug.DW_MISSING_1_OVER_M) ? 1.0 : at(l, Bug.STRAY_FACTOR_2) ? 2.0 / m : 1.0 / m;
    }

    /** dW[l] computed as (dZ[l]·A[l−1]ᵀ)ᵀ. */
    boolean dWTransposed(int l) {
        return at(l, Bug.DW_TRANSPOSED);
    }

    /** The factor of Σ over the examples of dZ[l] in db[l]: 1/m (1 without the 1/m). */
    double dbScale(int l, int m) {
        return at(l, Bug.DB_MISSING_1_OVER_M) ? 1.0 : 1.0 / m;
    }

    /** db[l] set to (1/m)·Σ of all of dZ[l], the same value for every unit. */
    boolean dbSummedOverAllAxes(int l) {
        return at(l, Bug.DB_SUMMED_OVER_ALL_AXES);
    }

    /** Whether backprop multiplies dA[l] by the mask D[l]. */
    boolean dropoutMaskApplied(int l) {
        return !at(l, Bug.DROPOUT_MASK_NOT_APPLIED);
    }

    /** Whether backprop divides dA[l] by keep-prob. */
    boolean dropoutScaled(int l) {
        return !at(l, Bug.DROPOUT_NOT_SCALED);
    }

    /** g'(Z[l]) replaced by g(Z[l]) (relu' taken from A, σ' taken as σ). */
    boolean slopeFromValue(int l) {
        return at(l, Bug.RELU_DERIVATIVE_FROM_A) || at(l, Bug.SIGMOID_DERIVATIVE_WRONG);
    }

    /** g'(Z[l]) left out (taken as 1). */
    boolean slopeDropped(int l) {
        return at(l, Bug.ACTIVATION_DERIVATIVE_DROPPED);
    }

    /** Whether ‖W[l]‖² is in the cost's L2 term. */
    boolean squaresInCost(int l) {
        return !at(l, Bug.L2_COST_TERM_MISSING);
    }

    /** Whether dW[l] gets the L2 term (λ/m)·W[l]. */
    boolean l2GradientKept(int l) {
        return !at(l, Bug.L2_GRADIENT_FORGOTTEN);
    }

    /** Whether dW[l] gets the L1 term (λ₁/m)·sign(W[l]). */
    boolean l1GradientKept(int l) {
        return !at(l, Bug.L1_GRADIENT_FORGOTTEN);
    }
}
