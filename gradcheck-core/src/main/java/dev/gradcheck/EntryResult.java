package dev.gradcheck;

/**
 * One entry of one component, where analytic and numerical gradients disagree most.
 *
 * @param index     flat row-major index in the block
 * @param row       row in the block (for W[l]: the unit of layer l)
 * @param column    column in the block (for W[l]: the unit of layer l−1; 0 for b)
 * @param analytic  dθ from backprop
 * @param numerical dθ_approx from central differences
 */
public record EntryResult(int index, int row, int column, double analytic, double numerical) {

    /** |analytic − numerical|. */
    public double absoluteDifference() {
        return Math.abs(analytic - numerical);
    }

    /** |analytic − numerical| / (|analytic| + |numerical|), 0 when both are 0: the per-entry version of the ratio. */
    public double relativeDifference() {
        double denom = Math.abs(analytic) + Math.abs(numerical);
        return denom == 0 ? 0 : Math.abs(analytic - numerical) / denom;
    }

    /** analytic / numerical (NaN when numerical is 0). */
    public double factor() {
        return numerical == 0 ? Double.NaN : analytic / numerical;
    }
}
