package dev.gradcheck;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * What a {@link Layered} model says about one dense layer l: Z[l] = W[l]·A[l−1] + b[l], A[l] = g(Z[l]) ∘ D[l] / keepProb,
 * dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ, db[l] = (1/m)·Σ over the examples of dZ[l]. Matrices are row-major, examples as columns.
 *
 * @param layer      l, counted from 1 at the input
 * @param weights    the name of W[l]'s block (units×inputs), or null when the layer has none
 * @param bias       the name of b[l]'s block (units×1), or null when the layer has none
 * @param units      n[l]
 * @param inputs     n[l−1]
 * @param m          the batch size: the number of examples the cost averages over
 * @param input      A[l−1] as dW[l] uses it (after the layer below's dropout), inputs×m, or null
 * @param z          Z[l], units×m, or null
 * @param activation the name of g ("relu", "sigmoid", ...), or null for the output layer
 * @param g          g, or null for the output layer (whose dZ comes from the loss)
 * @param slope      g', or null for the output layer
 * @param mask       the dropout mask D[l] in force (0/1), units×m, or null when layer l has no dropout now
 * @param keepProb   layer l's keep-prob in force (1 without dropout)
 */
public record LayerFacts(int layer, String weights, String bias, int units, int inputs, int m, double[] input, double[] z,
                         String activation, DoubleUnaryOperator g, DoubleUnaryOperator slope, double[] mask,
                         double keepProb) {

    public LayerFacts {
        if (layer < 1 || units < 1 || inputs < 1 || m < 1) {
            throw new IllegalArgumentException("layer facts need layer ≥ 1, units ≥ 1, inputs ≥ 1 and m ≥ 1, got layer "
                    + layer + ", " + units + " units, " + inputs + " inputs, m " + m);
        }
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("layer " + layer + ": keep-prob must be in (0, 1], got " + keepProb);
        }
        check(input, inputs, m, "A[" + (layer - 1) + "]", layer);
        check(z, units, m, "Z[" + layer + "]", layer);
        check(mask, units, m, "the mask D[" + layer + "]", layer);
        if ((g == null) != (slope == null)) {
            throw new IllegalArgumentException("layer " + layer + ": give both g and g' or neither");
        }
    }

    private static void check(double[] v, int rows, int cols, String what, int layer) {
        if (v != null && v.length != rows * cols) {
            throw new IllegalArgumentException("layer " + layer + ": " + what + " has " + v.length + " values, expected "
                    + rows + "×" + cols + " = " + rows * cols);
        }
    }

    /** Whether this is an output layer (no hidden activation: its dZ comes from the loss). */
    public boolean output() {
        return g == null;
    }

    /** Whether the forward values needed to test per-layer causes are given. */
    boolean hasValues() {
        return input != null && z != null;
    }

    /** Whether a dropout mask with at least one dropped entry is in force. */
    boolean dropsSomething() {
        if (mask == null || keepProb >= 1) {
            return false;
        }
        for (double d : mask) {
            if (d == 0) {
                return true;
            }
        }
        return false;
    }

    boolean owns(String block) {
        return Objects.equals(block, weights) || Objects.equals(block, bias);
    }
}
