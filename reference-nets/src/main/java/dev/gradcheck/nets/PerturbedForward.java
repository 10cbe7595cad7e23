package dev.gradcheck.nets;

import java.util.Arrays;

/**
 * The forward passes of many single-entry perturbations θ ± εeᵢ of one layer's W or b, for
 * {@link Network#perturbedCosts}: J(θ ± εeᵢ) without a whole forward pass each.
 *
 * <p>Setting W[l]ᵢⱼ from w to w' = w ± ε moves row i of Z[l] only, by δ·A[l−1]ⱼ,: with δ = w' − w (b[l]ᵢ: by δ).
 * Examples (columns) are independent, so example c changes only when A[l]ᵢ,c does, by t = ΔA[l]ᵢ,c, and then
 * Z[l+1]:,c moves by W[l+1]:,ᵢ·t (rank 1); the layers above see that one example only. (Perturbing the output
 * layer moves Z[L] in place: one loss term per example for sigmoid-ce and mse, the example's column for softmax-ce.)
 * Two ways up from layer l:
 * <ul>
 *   <li><b>affine</b>: when the hidden activation g is piecewise linear (relu, leaky relu, linear), every layer
 *       above is affine in t until one of its units crosses g's kink, so Z'[L]:,c = Z[L]:,c + s·t with the tangent
 *       s = ∂Z[L]:,c/∂A[l]ᵢ,c, computed once per row i for all examples (W[L]·S[L−1]·…·W[l+2]·S[l+1]·W[l+1]:,ᵢ with
 *       S[k] = diag(g'(Z[k]:,c) ∘ D[k]:,c / keepProb[k])), together with the interval of t in which no unit of
 *       layers l+1..L−1 changes side. For l = L−1 this holds for every g. The example's loss change is then
 *       {@link Loss#directional}'s polynomial t·(c₁ + t·(c₂ + t·c₃)) when its remainder bound c₄·t⁴ is at most
 *       u·J(θ)/8 (m examples then move J' by at most u·J/8, below the rounding of J itself), else the loss of
 *       Z[L]:,c + s·t.</li>
 *   <li><b>stacked</b>: otherwise (smooth g, or t outside the interval) the changed examples of many perturbations
 *       are stacked, one row per (perturbation, example) (the transposed layout, so an example's units are
 *       contiguous), and recomputed layer by layer with one dgemm per layer:
 *       Z'[k+1]ᵀ = A'[k]ᵀ·W[k+1]ᵀ + b[k+1], A'[k] = g(Z'[k]) ∘ D[k] / keepProb[k], with the dropout masks of the
 *       pass at θ.</li>
 * </ul>
 *
 * <p>J' = (Σloss + Σ over the changed examples of (loss' − loss)) / m + the penalty with the entry's own change added
 * to its sums: (w')² − w² = δ·(w' + w) to Σ W² (when the cost has layer l's squares) and |w'| − |w| to Σ|W|.
 * Unchanged examples add exactly nothing, so a perturbation that changes nothing gives exactly J(θ); otherwise the
 * result differs from cost() with the entry set only by round-off (the order of the sums, the dgemms' blocking, Z
 * moved by s·t instead of recomputed).
 *
 * <p>Scratch is made once per network and the stacked matrices are bounded ({@link #STACK_DOUBLES} doubles per
 * layer), so memory does not grow with the number of entries and nothing is allocated per perturbation.
 */
final class PerturbedForward {
    /** Doubles per stacked matrix (1 MB): how many (perturbation, example) rows go through one dgemm. */
    static final int STACK_DOUBLES = 1 << 17;

    private final Penalty penalty;
    private final int[] n;
    private final int depth;
    private final int m;
    private final Layer[] layers;
    private final Matrix x;
    private final Matrix y;
    private final Activation g;
    private final Loss loss;
    private final Dropout dropout;

    /** Yᵀ (m×n[L]): the labels of example c are contiguous. */
    private final double[] yT;
    /** Z[L]ᵀ and A[L]ᵀ (m×n[L]) at θ. */
    private final double[] zOutT;
    private final double[] aOutT;
    /** The loss of each example at θ. */
    private final double[] example0;
    /** D[k] (row-major, n[k]×m) and D[k]ᵀ (m×n[k]) of the layers with dropout on now, null elsewhere. */
    private final double[][] mask;
    private final double[][] maskT;
    private final double[] keep;
    /** The loss term of each example in row i of Z[L] at θ (elementwise losses, perturbations of the output layer). */
    private final double[] term0;
    /** W[l+1]:,ᵢ, contiguous. */
    private final double[] wColumn;
    /** One example's outputs Z'[L]:,c. */
    private final double[] outputs;

    /** Affine way: per example, the tangent sᵀ (m×n[L]) and the open interval (lo, hi) of t where it holds. */
    private final double[] tangentT;
    private final double[] lo;
    private final double[] hi;
    /** Per example c, {@link Loss#directional} along its tangent: coefficients 4c..4c+3. */
    private final double[] along;
    /** Tangents ∂Z[k]/∂A[l]ᵢ (n[k]×m) and S[k] times them, per layer k. */
    private final double[][] tangent;
    private final double[][] scaled;

    /** Stacked way: Z'[k]ᵀ, then A'[k]ᵀ in place, capacity×n[k] per layer k ≥ 2. */
    private final int capacity;
    private final double[][] stack;
    /** Per stacked row: the perturbation (2k for +ε, 2k + 1 for −ε of entry from + k) and the example. */
    private final int[] owner;
    private final int[] exampleOf;
    /** Z[l+1]ᵀ (m×n[l+1]) at θ. */
    private final double[] zAboveT;

    // The call in progress.
    private int rows;
    private int layer;
    private boolean affine;
    /** The largest error allowed to one example's loss change from the Taylor polynomial: u·J(θ)/8. */
    private double tolerance;
    private double[] plus;
    private double[] minus;

    /** @param stackDoubles the size of each stacked matrix ({@link #STACK_DOUBLES}; tests force many flushes) */
    PerturbedForward(Penalty penalty, int[] n, Layer[] layers, Dataset batch, Activation g, Loss loss, Dropout dropout,
                     int stackDoubles) {
        this.penalty = penalty;
        this.n = n;
        this.depth = n.length - 1;
        this.m = batch.m();
        this.layers = layers;
        this.x = batch.X();
        this.y = batch.Y();
        this.g = g;
        this.loss = loss;
        this.dropout = dropout;
        int out = n[depth];
        yT = new double[m * out];
        transpose(y.data(), out, m, yT);
        zOutT = new double[m * out];
        aOutT = new double[m * out];
        example0 = new double[m];
        mask = new double[depth + 1][];
        maskT = new double[depth + 1][];
        keep = new double[depth + 1];
        term0 = new double[m];
        outputs = new double[out];
        tangentT = new double[m * out];
        lo = new double[m];
        hi = new double[m];
        along = new double[4 * m];
        tangent = new double[depth + 1][];
        scaled = new double[depth + 1][];
        stack = new double[depth + 1][];
        int widest = 1;
        for (int k = 2; k <= depth; k++) {
            widest = Math.max(widest, n[k]);
        }
        wColumn = new double[widest];
        zAboveT = new double[m * widest];
        capacity = Math.max(1, stackDoubles / widest);
        for (int k = 2; k <= depth; k++) {
            tangent[k] = new double[n[k] * m];
            scaled[k] = new double[n[k] * m];
            stack[k] = new double[capacity * n[k]];
        }
        owner = new int[capacity];
        exampleOf = new int[capacity];
    }

    /**
     * costPlus[k], costMinus[k] = J with entry {@code from + k} of W[l] ({@code bias}: b[l]) set to θ + ε, θ − ε.
     * Z[k] and A[k] of every layer must hold the forward pass at θ, and {@code lossSum} its Σ loss.
     */
    void costs(int l, boolean bias, int from, int to, double epsilon, double lossSum, double[] costPlus,
               double[] costMinus) {
        int count = to - from;
        Arrays.fill(costPlus, 0, count, 0.0);
        Arrays.fill(costMinus, 0, count, 0.0);
        plus = costPlus;
        minus = costMinus;
        layer = l;
        affine = l == depth - 1 || g.piecewiseLinear();
        rows = 0;
        double squares = penalty.squares();
        double abs = penalty.abs();
        // J' = (Σloss + Σ changes)/m + penalty: m examples each off by at most u·J/8 move J' by at most u·J/8, below
        // the rounding of J itself.
        tolerance = 0x1p-53 * Math.abs(penalty.costOf(lossSum, squares, abs)) / 8;
        try {
            prepare(l);
            Layer at = layers[l];
            double[] theta = bias ? at.b.data() : at.W.data();
            int nIn = n[l - 1];
            double[] aPrev = (l == 1 ? x : layers[l - 1].A).data();
            int row = -1;
            for (int k = 0; k < count; k++) {
                int f = from + k;
                int i = bias ? f : f / nIn;
                if (i != row) {
                    row = i;
                    startRow(l, i);
                }
                int j = bias ? -1 : f % nIn;
                double w = theta[f];
                perturb(l, i, aPrev, j, (w + epsilon) - w, 2 * k);
                perturb(l, i, aPrev, j, (w - epsilon) - w, 2 * k + 1);
            }
            flush();
            boolean l2 = !bias && penalty.squaresInCost(l);
            for (int k = 0; k < count; k++) {
                double w = theta[from + k];
                costPlus[k] = cost(lossSum + costPlus[k], squares, abs, bias, l2, w, w + epsilon);
                costMinus[k] = cost(lossSum + costMinus[k], squares, abs, bias, l2, w, w - epsilon);
            }
        } finally {
            plus = null;
            minus = null;
        }
    }

    /** J with the penalty's sums moved by the entry's own change from w to w'. */
    private double cost(double lossSum, double squares, double abs, boolean bias, boolean l2, double w, double w2) {
        if (bias) {
            return penalty.costOf(lossSum, squares, abs);
        }
        double sq = l2 ? squares + (w2 - w) * (w2 + w) : squares;
        return penalty.costOf(lossSum, sq, abs + (Math.abs(w2) - Math.abs(w)));
    }

    /** What every perturbation of layer l needs from the pass at θ: transposes, masks, each example's loss. */
    private void prepare(int l) {
        int out = n[depth];
        transpose(layers[depth].Z.data(), out, m, zOutT);
        transpose(layers[depth].A.data(), out, m, aOutT);
        for (int c = 0; c < m; c++) {
            example0[c] = loss.example(zOutT, c * out, yT, c * out, out);
        }
        if (l < depth) {
            transpose(layers[l + 1].Z.data(), n[l + 1], m, zAboveT);
        }
        for (int k = l; k < depth; k++) {
            Matrix d = dropout.lastMask(k);
            keep[k] = dropout.keepProb(k);
            mask[k] = d == null ? null : d.data();
            if (d == null) {
                maskT[k] = null;
            } else {
                if (maskT[k] == null) {
                    maskT[k] = new double[m * n[k]];
                }
                transpose(d.data(), n[k], m, maskT[k]);
            }
        }
    }

    /** Per row i of the perturbed layer: W[l+1]:,ᵢ and the tangents, or the loss terms of row i of Z[L]. */
    private void startRow(int l, int i) {
        if (l < depth) {
            double[] w = layers[l + 1].W.data();
            int nIn = n[l];
            for (int u = 0; u < n[l + 1]; u++) {
                wColumn[u] = w[u * nIn + i];
            }
            if (affine) {
                tangents(l);
                int out = n[depth];
                for (int c = 0; c < m; c++) {
                    loss.directional(aOutT, yT, c * out, tangentT, out, along, 4 * c);
                }
            }
        } else if (loss.elementwise()) {
            double[] z = layers[depth].Z.data();
            double[] yd = y.data();
            for (int c = 0; c < m; c++) {
                term0[c] = loss.entry(z[i * m + c], yd[i * m + c]);
            }
        }
    }

    /**
     * sᵀ = (∂Z[L]:,c/∂A[l]ᵢ,c)ᵀ for every example c, and the interval (lo, hi) of t = ΔA[l]ᵢ,c in which no unit of
     * layers l+1..L−1 changes side of g's kink: Z[k]ᵤ,c + sᵤ·t keeps the sign of Z[k]ᵤ,c (unit u is dropped out or
     * sᵤ = 0: no bound). Forward mode from s = W[l+1]:,ᵢ: s ← W[k+1]·(S[k]·s), one dgemm per layer for all examples.
     */
    private void tangents(int l) {
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        int out = n[depth];
        if (l == depth - 1) {
            for (int c = 0; c < m; c++) {
                System.arraycopy(wColumn, 0, tangentT, c * out, out);
            }
            return;
        }
        boolean kink = g.kinkAtZero();
        for (int k = l + 1; k < depth; k++) {
            int width = n[k];
            double[] z = layers[k].Z.data();
            double[] d = mask[k];
            double keepProb = keep[k];
            double[] s = tangent[k];
            double[] ss = scaled[k];
            for (int u = 0; u < width; u++) {
                int at = u * m;
                double w = wColumn[u];
                for (int c = 0; c < m; c++) {
                    double v = k == l + 1 ? w : s[at + c];
                    double zc = z[at + c];
                    double slope = g.derivative(zc);
                    if (d != null) {
                        slope = slope * d[at + c] / keepProb;
                    }
                    ss[at + c] = slope * v;
                    if (kink && v != 0 && (d == null || d[at + c] != 0)) {
                        double bound = -zc / v;
                        if ((zc > 0) == (v > 0)) {
                            lo[c] = Math.max(lo[c], bound);
                        } else {
                            hi[c] = Math.min(hi[c], bound);
                        }
                    }
                }
            }
            Blas.gemm(1.0, layers[k + 1].W.data(), n[k + 1], width, false, ss, width, m, false, 0.0, tangent[k + 1],
                    n[k + 1], m);
        }
        transpose(tangent[depth], out, m, tangentT);
    }

    /** Perturbation p: row i of Z[l] moved by δ·A[l−1]ⱼ,: (j = −1: by δ, a bias). */
    private void perturb(int l, int i, double[] aPrev, int j, double delta, int p) {
        double[] z = layers[l].Z.data();
        int zi = i * m;
        int aj = j * m;
        if (l == depth) {
            add(p, outputLayer(z, zi, aPrev, aj, j < 0, delta, i));
            return;
        }
        double[] a = layers[l].A.data();
        double[] d = mask[l];
        double keepProb = keep[l];
        int out = n[depth];
        double change = 0;
        for (int c = 0; c < m; c++) {
            double zc = j < 0 ? z[zi + c] + delta : z[zi + c] + delta * aPrev[aj + c];
            double ac = g.g(zc);
            if (d != null) {
                ac = ac * d[zi + c] / keepProb;
            }
            double t = ac - a[zi + c];
            if (t == 0) {
                continue;
            }
            if (affine && t > lo[c] && t < hi[c]) {
                int q = 4 * c;
                double t2 = t * t;
                if (along[q + 3] * (t2 * t2) <= tolerance) {
                    change += t * (along[q] + t * (along[q + 1] + t * along[q + 2]));
                } else {
                    int o = c * out;
                    for (int k = 0; k < out; k++) {
                        outputs[k] = zOutT[o + k] + tangentT[o + k] * t;
                    }
                    change += loss.example(outputs, 0, yT, o, out) - example0[c];
                }
            } else {
                push(p, c, t); // also NaN
            }
        }
        add(p, change);
    }

    /** Σ over the examples of loss' − loss when row i of Z[L] moves. */
    private double outputLayer(double[] z, int zi, double[] aPrev, int aj, boolean bias, double delta, int i) {
        double[] yd = y.data();
        int out = n[depth];
        double sum = 0;
        for (int c = 0; c < m; c++) {
            double z0 = z[zi + c];
            double zc = bias ? z0 + delta : z0 + delta * aPrev[aj + c];
            if (zc == z0) {
                continue;
            }
            if (loss.elementwise()) {
                sum += loss.entry(zc, yd[zi + c]) - term0[c];
            } else {
                System.arraycopy(zOutT, c * out, outputs, 0, out);
                outputs[i] = zc;
                sum += loss.example(outputs, 0, yT, c * out, out) - example0[c];
            }
        }
        return sum;
    }

    /** Stacks example c of perturbation p: Z'[l+1]:,c = Z[l+1]:,c + W[l+1]:,ᵢ·t. */
    private void push(int p, int c, double t) {
        int width = n[layer + 1];
        double[] s = stack[layer + 1];
        int to = rows * width;
        int from = c * width;
        for (int u = 0; u < width; u++) {
            s[to + u] = zAboveT[from + u] + wColumn[u] * t;
        }
        owner[rows] = p;
        exampleOf[rows] = c;
        rows++;
        if (rows == capacity) {
            flush();
        }
    }

    /** The stacked examples up through layers l+1..L and the loss; each example's loss' − loss to its perturbation. */
    private void flush() {
        if (rows == 0) {
            return;
        }
        for (int k = layer + 1; k < depth; k++) {
            int width = n[k];
            double[] cur = stack[k];
            g.apply(cur, 0, rows * width);
            double[] d = maskT[k];
            if (d != null) {
                double keepProb = keep[k];
                for (int r = 0; r < rows; r++) {
                    int at = r * width;
                    int dc = exampleOf[r] * width;
                    for (int u = 0; u < width; u++) {
                        cur[at + u] = cur[at + u] * d[dc + u] / keepProb;
                    }
                }
            }
            Layer above = layers[k + 1];
            int nOut = n[k + 1];
            double[] next = stack[k + 1];
            Blas.gemm(1.0, cur, rows, width, false, above.W.data(), nOut, width, true, 0.0, next, rows, nOut);
            double[] b = above.b.data();
            for (int r = 0; r < rows; r++) {
                int at = r * nOut;
                for (int u = 0; u < nOut; u++) {
                    next[at + u] += b[u];
                }
            }
        }
        int out = n[depth];
        double[] zOut = stack[depth];
        for (int r = 0; r < rows; r++) {
            int c = exampleOf[r];
            add(owner[r], loss.example(zOut, r * out, yT, c * out, out) - example0[c]);
        }
        rows = 0;
    }

    private void add(int p, double lossChange) {
        if ((p & 1) == 0) {
            plus[p >> 1] += lossChange;
        } else {
            minus[p >> 1] += lossChange;
        }
    }

    /** to = fromᵀ for a rows×cols row-major matrix. */
    private static void transpose(double[] from, int rows, int cols, double[] to) {
        for (int r = 0; r < rows; r++) {
            int at = r * cols;
            for (int c = 0; c < cols; c++) {
                to[c * rows + r] = from[at + c];
            }
        }
    }
}
