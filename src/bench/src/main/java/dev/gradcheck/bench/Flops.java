package dev.gradcheck.bench;

/**
 * Floating-point work of a gradient check, counted from the layer sizes n[0..L] and the batch m. Only the matrix
 * products are counted (2 flops per multiply-add); activations, the loss and the penalty are O(Σ n[l]·m) and left
 * out, which makes every GFLOP/s below a slight under-count.
 */
public final class Flops {
    private Flops() {
    }

    /** θ's size: Σ n[l]·(n[l−1] + 1). */
    public static long parameters(int[] n) {
        long p = 0;
        for (int l = 1; l < n.length; l++) {
            p += (long) n[l] * (n[l - 1] + 1);
        }
        return p;
    }

    /** One forward pass over the batch: Σ 2·n[l]·n[l−1]·m. */
    public static double forward(int[] n, int m) {
        double f = 0;
        for (int l = 1; l < n.length; l++) {
            f += 2.0 * n[l] * n[l - 1] * m;
        }
        return f;
    }

    /**
     * The plain path of a central-difference check: 2·P full forward passes, 2·P·forward(n, m). "Effective
     * GFLOP/s" divides this by the check's time: it is what a brute-force checker has to compute, so a structured
     * checker that skips work can exceed the machine's DGEMM rate on it.
     */
    public static double plainCheck(int[] n, int m) {
        return 2.0 * parameters(n) * forward(n, m);
    }

    /**
     * The least a structured evaluation has to compute for the same 2·P costs, reusing everything that the
     * perturbation of one entry of W[l] or b[l] leaves unchanged: Z[l] changes in one row (m flops), A[l] in one
     * row, so Z[l+1] changes by a rank-1 update (2·n[l+1]·m), and every layer above l+1 is a full product
     * (2·n[k]·n[k−1]·m). Summed over the n[l]·(n[l−1]+1) entries of layer l and both signs. Dividing this by the
     * check's time gives the "structured GFLOP/s", a rate comparable to DGEMM's.
     */
    public static double structuredCheck(int[] n, int m) {
        int depth = n.length - 1;
        double total = 0;
        for (int l = 1; l <= depth; l++) {
            double perEntry = m; // one row of Z[l]
            if (l + 1 <= depth) {
                perEntry += 2.0 * n[l + 1] * m; // rank-1 update of Z[l+1]
            }
            for (int k = l + 2; k <= depth; k++) {
                perEntry += 2.0 * n[k] * n[k - 1] * m;
            }
            total += 2.0 * n[l] * (n[l - 1] + 1) * perEntry;
        }
        return total;
    }

    /** C (r×c) = A (r×k) · B (k×c): 2·r·k·c. */
    public static double gemm(int r, int k, int c) {
        return 2.0 * r * k * c;
    }
}
