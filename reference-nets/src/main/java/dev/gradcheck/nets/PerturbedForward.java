package dev.gradcheck.nets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;

/**
 * The forward passes of many single-entry perturbations θ ± εeᵢ of one layer's W or b, for
 * {@link Network#perturbedCosts}: J(θ ± εeᵢ) without a whole forward pass each.
 *
 * <p>Setting W[l]ᵢⱼ from w to w' = w ± ε moves row i of Z[l] only, by δ·A[l−1]ⱼ,: with δ = w' − w (b[l]ᵢ: by δ).
 * Examples (columns) are independent, so example c changes only when A[l]ᵢ,c does, by t = ΔA[l]ᵢ,c, and then
 * Z[l+1]:,c moves by W[l+1]:,ᵢ·t (rank 1); the layers above see that one example only. (Perturbing the output
 * layer moves Z[L] in place: one loss term per example for sigmoid-ce and mse, the example's column for softmax-ce.)
 * For tanh and sigmoid, t and every later change of A come from {@link SmoothChange}'s addition formulas
 * (g(z + Δ) − g(z) from g(z) and Δ, exact up to round-off, no new tanh or exp for small Δ). Three ways up from
 * layer l:
 * <ul>
 *   <li><b>affine</b>: when the hidden activation g is piecewise linear (relu, leaky relu, linear), every layer
 *       above is affine in t until one of its units crosses g's kink, so Z'[L]:,c = Z[L]:,c + s·t with the tangent
 *       s = ∂Z[L]:,c/∂A[l]ᵢ,c, computed once per row i for all examples (W[L]·S[L−1]·…·W[l+2]·S[l+1]·W[l+1]:,ᵢ with
 *       S[k] = diag(slope(Z[k]:,c) ∘ D[k]:,c / keepProb[k])), together with the interval of t in which no unit of
 *       layers l+1..L−1 changes side. The slopes are g's own, g(1) − g(0) and g(0) − g(−1) (exact for a piecewise
 *       linear g), never {@link Activation#derivative}, which backprop uses. For l = L−1 this holds for every g.
 *       The example's loss change is then the loss's Taylor polynomial t·(c₁ + t·(c₂ + t·c₃)) when its remainder
 *       bound c₄·t⁴ is at most u·J(θ)/8 (m examples then move J' by at most u·J/8, below the rounding of J
 *       itself), else the loss of Z[L]:,c + s·t.</li>
 *   <li><b>second order through one smooth layer</b> (tanh or sigmoid, l = L−2): per row i and example c,
 *       Z[L]:,c(t) = Z[L]:,c + P·t + Q·t² + ρ with P = W[L]·(g'∘w), Q = W[L]·(g''∘w²)/2 (w = W[L−1]:,ᵢ times the
 *       mask), |ρ|₁ ≤ R·|t|³, R = Σᵤ Σₖ|W[L]ₖᵤ|·sup|g'''|/6·|wᵤ|³ (Lagrange), and the loss change is
 *       F₁t + F₂t² with F₁ = ∇ℓ·P, F₂ = ∇ℓ·Q + PᵀHP/2 (the loss's coefficients along P and Q). Its remainder is
 *       bounded rigorously by G·R|t|³ + (|Q|t² + R|t|³)(2|P||t| + |Q|t² + R|t|³)/2 + (8/6)·v³, v = |P||t| + |Q|t²
 *       + R|t|³ (1-norms; G = ‖A[L]:,c − Y:,c‖∞ bounds ∇ℓ, every entry of the loss's Hessian is at most 1 and
 *       of its third derivative at most 8, for sigmoid-ce, softmax-ce and mse alike); the polynomial is used only
 *       when that bound is at most u·J(θ)/8, else the example goes the stacked way.</li>
 *   <li><b>stacked</b>: otherwise (deeper smooth layers, t outside the interval, a remainder too large) the changed
 *       examples of many perturbations are stacked, one row per (perturbation, example) (the transposed layout, so
 *       an example's units are contiguous), and their changes carried up layer by layer with one dgemm per
 *       layer: ΔZ[k+1]ᵀ = ΔA[k]ᵀ·W[k+1]ᵀ, ΔA[k] = (g(Z[k] + ΔZ[k]) − g(Z[k])) ∘ D[k] / keepProb[k], with the
 *       dropout masks of the pass at θ, and the loss of Z[L] + ΔZ[L].</li>
 * </ul>
 *
 * <p><b>Independence from backprop's code.</b> Backprop uses {@link Activation#derivative} and dZ[L] = A[L] − Y;
 * the polynomials above are built from the same kind of quantities (slopes, the loss's Taylor coefficients from
 * {@link Loss#directional}), so they are not trusted blindly. The slopes are g's own (never
 * {@code Activation.derivative}), and per row and example the first use of a polynomial (and each use with a |t|
 * 16 times larger than the last checked one) is compared with the exact change, carried up with g itself (or
 * {@link SmoothChange}'s identities) and W, without tangents or coefficients. When they differ by more than the
 * remainder bound plus the exact evaluation's own rounding, that example goes the stacked (exact) way for the rest
 * of the row ({@link #rejectedTaylor()} counts those). A broken derivative or coefficient therefore costs speed,
 * never a numerical gradient that agrees with a broken backprop ({@code StructuredIndependenceTest} breaks both
 * through {@link #slopes} and {@link #taylor}).
 *
 * <p>J' = (Σloss + Σ over the changed examples of (loss' − loss)) / m + the penalty with the entry's own change added
 * to its sums: (w')² − w² = δ·(w' + w) to Σ W² (when the cost has layer l's squares) and |w'| − |w| to Σ|W|.
 * Unchanged examples add exactly nothing, so a perturbation that changes nothing gives exactly J(θ); otherwise the
 * result differs from cost() with the entry set only by round-off.
 *
 * <p><b>Threads.</b> A call's entries are cut into pieces at fixed multiples of {@value #PIECE} entries, each piece
 * evaluated from its own start (its row's tangents, its own stacked dgemms, its own sums in entry and example order)
 * by one lane of scratch memory. Large calls run the pieces on all cores (the system property
 * {@value #THREADS_PROPERTY} sets how many; 1 is one thread), and since a piece's numbers do not depend on which
 * lane computes it or when, the results are bit-identical for any number of threads.
 *
 * <p>Scratch is made once per network and lane and the stacked matrices are bounded ({@link #STACK_DOUBLES} doubles
 * per layer), so memory does not grow with the number of entries and nothing is allocated per perturbation.
 */
final class PerturbedForward {
    /** Doubles per stacked matrix (1 MB): how many (perturbation, example) rows go through one dgemm. */
    static final int STACK_DOUBLES = 1 << 17;
    /** Entries per piece: the unit of work of a thread, at fixed multiples of this within a block. */
    static final int PIECE = 512;
    /** The system property with the threads of the structured path (default: all cores for large calls). */
    static final String THREADS_PROPERTY = "gradcheck.structured.threads";
    /** Calls with less work than this (entries × examples × units above) stay on the calling thread. */
    static final long PARALLEL_WORK = 1L << 21;

    /** How the loss's Taylor coefficients along s are computed ({@link Loss#directional}; tests break it). */
    interface Taylor {
        void coefficients(double[] a, double[] y, int off, double[] s, int units, double[] into, int at);
    }

    private enum Way { OUTPUT, AFFINE, SMOOTH, STACKED }

    private static volatile ExecutorService pool;

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
    private final int stackDoubles;
    /** g's slopes right and left of 0, from g itself (piecewise linear g only). */
    private final double slopeRight;
    private final double slopeLeft;
    private Taylor taylor;
    /** Null: g's own slopes; tests put a broken derivative here, which must not reach the numbers. */
    private DoubleUnaryOperator slopes;

    // What every lane reads in a call: the pass at θ, prepared once by prepare(l).
    /** Yᵀ (m×n[L]): the labels of example c are contiguous. */
    private final double[] yT;
    /** Z[L]ᵀ and A[L]ᵀ (m×n[L]) at θ. */
    private final double[] zOutT;
    private final double[] aOutT;
    /** The loss of each example at θ, and ‖A[L]:,c − Y:,c‖∞ (a bound on the loss's gradient). */
    private final double[] example0;
    private final double[] gradBound;
    /** D[k] (row-major, n[k]×m) and D[k]ᵀ (m×n[k]) of the layers with dropout on now, null elsewhere. */
    private final double[][] mask;
    private final double[][] maskT;
    private final double[] keep;
    /** Z[k]ᵀ and g(Z[k])ᵀ (m×n[k], before the mask) of the hidden layers k ≥ l. */
    private final double[][] zT;
    private final double[][] gT;
    /** Σₖ |W[L]ₖᵤ| for each unit u of layer L−1. */
    private final double[] columnAbs;
    private Way way;
    private int layer;
    /** The largest error allowed to one example's loss change from a Taylor polynomial: u·J(θ)/8. */
    private double tolerance;

    private final List<Lane> lanes = new ArrayList<>();

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
        this.stackDoubles = stackDoubles;
        this.taylor = loss::directional;
        slopeRight = g.g(1) - g.g(0);
        slopeLeft = g.g(0) - g.g(-1);
        int out = n[depth];
        yT = new double[m * out];
        transpose(y.data(), out, m, yT);
        zOutT = new double[m * out];
        aOutT = new double[m * out];
        example0 = new double[m];
        gradBound = new double[m];
        mask = new double[depth + 1][];
        maskT = new double[depth + 1][];
        keep = new double[depth + 1];
        zT = new double[depth + 1][];
        gT = new double[depth + 1][];
        for (int k = 1; k < depth; k++) {
            zT[k] = new double[m * n[k]];
            gT[k] = new double[m * n[k]];
        }
        columnAbs = new double[depth >= 2 ? n[depth - 1] : 0];
        lanes.add(new Lane());
    }

    /** Replaces the loss's Taylor coefficients (tests: a broken one must not reach the numbers). */
    void taylor(Taylor coefficients) {
        this.taylor = coefficients;
    }

    /** Replaces the affine way's slopes g(1) − g(0), g(0) − g(−1) by {@code slope(z)} (tests: a broken derivative). */
    void slopes(DoubleUnaryOperator slope) {
        this.slopes = slope;
    }

    /** How many lanes of scratch memory (threads) the largest call so far used. */
    int lanes() {
        return lanes.size();
    }

    /** How many (row, example) pairs fell back to the exact way because the Taylor coefficients disagreed with it. */
    long rejectedTaylor() {
        long r = 0;
        for (Lane lane : lanes) {
            r += lane.rejected;
        }
        return r;
    }

    /**
     * costPlus[k], costMinus[k] = J with entry {@code from + k} of W[l] ({@code bias}: b[l]) set to θ + ε, θ − ε.
     * Z[k] and A[k] of every layer must hold the forward pass at θ, and {@code lossSum} its Σ loss.
     */
    void costs(int l, boolean bias, int from, int to, double epsilon, double lossSum, double[] costPlus,
               double[] costMinus) {
        int count = to - from;
        if (count <= 0) {
            return;
        }
        Arrays.fill(costPlus, 0, count, 0.0);
        Arrays.fill(costMinus, 0, count, 0.0);
        double squares = penalty.squares();
        double abs = penalty.abs();
        // J' = (Σloss + Σ changes)/m + penalty: m examples each off by at most u·J/8 move J' by at most u·J/8, below
        // the rounding of J itself.
        tolerance = 0x1p-53 * Math.abs(penalty.costOf(lossSum, squares, abs)) / 8;
        prepare(l);
        Layer at = layers[l];
        double[] theta = bias ? at.b.data() : at.W.data();
        int pieces = (int) ((to - 1L) / PIECE - from / PIECE + 1);
        int threads = threads(count, pieces);
        if (threads == 1) {
            Lane lane = lanes.get(0);
            for (int p = 0; p < pieces; p++) {
                piece(lane, p, bias, from, to, epsilon, theta, costPlus, costMinus);
            }
        } else {
            parallel(threads, pieces, bias, from, to, epsilon, theta, costPlus, costMinus);
        }
        boolean l2 = !bias && penalty.squaresInCost(l);
        for (int k = 0; k < count; k++) {
            double w = theta[from + k];
            costPlus[k] = cost(lossSum + costPlus[k], squares, abs, bias, l2, w, w + epsilon);
            costMinus[k] = cost(lossSum + costMinus[k], squares, abs, bias, l2, w, w - epsilon);
        }
    }

    private int threads(int count, int pieces) {
        int wanted = Integer.getInteger(THREADS_PROPERTY, 0);
        if (wanted <= 0) {
            int above = layer < depth ? n[layer + 1] : 1;
            long work = (long) count * m * above;
            wanted = work < PARALLEL_WORK ? 1 : Runtime.getRuntime().availableProcessors();
        }
        return Math.max(1, Math.min(wanted, pieces));
    }

    /** Piece p of [from, to): the entries between consecutive multiples of PIECE. */
    private void piece(Lane lane, int p, boolean bias, int from, int to, double epsilon, double[] theta,
                       double[] costPlus, double[] costMinus) {
        int start = (from / PIECE + p) * PIECE;
        int lo = Math.max(from, start);
        int hi = Math.min(to, start + PIECE);
        lane.run(bias, from, lo, hi, epsilon, theta, costPlus, costMinus);
    }

    private void parallel(int threads, int pieces, boolean bias, int from, int to, double epsilon, double[] theta,
                          double[] costPlus, double[] costMinus) {
        while (lanes.size() < threads) {
            lanes.add(new Lane());
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Lane lane = lanes.get(t);
            running.add(pool().submit(() -> drain(lane, next, pieces, bias, from, to, epsilon, theta, costPlus,
                    costMinus)));
        }
        RuntimeException failure = null;
        try {
            drain(lanes.get(0), next, pieces, bias, from, to, epsilon, theta, costPlus, costMinus);
        } catch (RuntimeException e) {
            failure = e;
            next.set(pieces);
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the structured cost ran on " + threads
                        + " threads", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("a structured-cost thread failed", e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void drain(Lane lane, AtomicInteger next, int pieces, boolean bias, int from, int to, double epsilon,
                       double[] theta, double[] costPlus, double[] costMinus) {
        for (int p = next.getAndIncrement(); p < pieces; p = next.getAndIncrement()) {
            piece(lane, p, bias, from, to, epsilon, theta, costPlus, costMinus);
        }
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (PerturbedForward.class) {
                p = pool;
                if (p == null) {
                    p = Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "gradcheck-structured");
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }

    /** J with the penalty's sums moved by the entry's own change from w to w'. */
    private double cost(double lossSum, double squares, double abs, boolean bias, boolean l2, double w, double w2) {
        if (bias) {
            return penalty.costOf(lossSum, squares, abs);
        }
        double sq = l2 ? squares + (w2 - w) * (w2 + w) : squares;
        return penalty.costOf(lossSum, sq, abs + (Math.abs(w2) - Math.abs(w)));
    }

    /** What every perturbation of layer l needs from the pass at θ: transposes, masks, g(Z), each example's loss. */
    private void prepare(int l) {
        layer = l;
        boolean smooth = SmoothChange.knows(g);
        if (l == depth) {
            way = Way.OUTPUT;
        } else if (l == depth - 1 || g.piecewiseLinear()) {
            way = Way.AFFINE;
        } else if (l == depth - 2 && smooth) {
            way = Way.SMOOTH;
        } else {
            way = Way.STACKED;
        }
        int out = n[depth];
        transpose(layers[depth].Z.data(), out, m, zOutT);
        transpose(layers[depth].A.data(), out, m, aOutT);
        for (int c = 0; c < m; c++) {
            int o = c * out;
            example0[c] = loss.example(zOutT, o, yT, o, out);
            double big = 0;
            for (int k = 0; k < out; k++) {
                big = Math.max(big, Math.abs(aOutT[o + k] - yT[o + k]));
            }
            gradBound[c] = big;
        }
        for (int k = l; k < depth; k++) {
            transpose(layers[k].Z.data(), n[k], m, zT[k]);
            System.arraycopy(zT[k], 0, gT[k], 0, m * n[k]);
            g.apply(gT[k], 0, m * n[k]);
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
        if (way == Way.SMOOTH) {
            double[] w = layers[depth].W.data();
            int width = n[depth - 1];
            Arrays.fill(columnAbs, 0);
            for (int o = 0; o < out; o++) {
                for (int u = 0; u < width; u++) {
                    columnAbs[u] += Math.abs(w[o * width + u]);
                }
            }
        }
    }

    /** One thread's scratch memory and the state of the piece it is computing. */
    private final class Lane {
        /** W[l+1]:,ᵢ, contiguous. */
        private final double[] wColumn;
        /** One example's outputs Z'[L]:,c, and a change of layer L−1 for one example. */
        private final double[] outputs;
        private final double[] hidden;
        private final double[] hidden2;
        /** The loss term of each example in row i of Z[L] at θ (elementwise losses, perturbations of layer L). */
        private final double[] term0;

        /** Affine way: per example, the tangent sᵀ (m×n[L]) and the open interval (lo, hi) of t where it holds. */
        private final double[] tangentT;
        private final double[] lo;
        private final double[] hi;
        /** Per example c, the loss's Taylor coefficients along its tangent: 4c..4c+3. */
        private final double[] along;
        private final double[] alongQ = new double[4];
        /** Tangents ∂Z[k]/∂A[l]ᵢ (n[k]×m) and S[k] times them, per layer k. */
        private final double[][] tangent;
        private final double[][] scaled;

        /** Smooth way: g'∘w and g''∘w²/2 (n[L−1]×m), P and Q (n[L]×m) and their transposes, per example F₁, F₂,
         *  |P|₁, |Q|₁, R. */
        private final double[] first;
        private final double[] second;
        private final double[] pCols;
        private final double[] qCols;
        private final double[] pT;
        private final double[] qT;
        private final double[] f1;
        private final double[] f2;
        private final double[] pNorm;
        private final double[] qNorm;
        private final double[] cubic;
        /** Per example, the |t| up to which the smooth way's remainder bound is within the tolerance. */
        private final double[] reach;

        /** Checks of the Taylor coefficients against the exact change, per example of the current row. */
        private final double[] checkedUpTo;
        private final boolean[] distrusted;
        private long rejected;
        private double exact;

        /** Stacked way: ΔZ[k]ᵀ, then ΔA[k]ᵀ in place, capacity×n[k] per layer k ≥ 2. */
        private final int capacity;
        private final double[][] stack;
        /** Per stacked row: the perturbation (2k for +ε, 2k + 1 for −ε of entry from + k) and the example. */
        private final int[] owner;
        private final int[] exampleOf;

        private int rows;
        private double[] plus;
        private double[] minus;

        Lane() {
            int out = n[depth];
            outputs = new double[out];
            term0 = new double[m];
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
            hidden = new double[widest];
            hidden2 = new double[widest];
            capacity = Math.max(1, stackDoubles / widest);
            for (int k = 2; k <= depth; k++) {
                tangent[k] = new double[n[k] * m];
                scaled[k] = new double[n[k] * m];
                stack[k] = new double[capacity * n[k]];
            }
            owner = new int[capacity];
            exampleOf = new int[capacity];
            int below = depth >= 2 ? n[depth - 1] : 1;
            first = new double[below * m];
            second = new double[below * m];
            pCols = new double[out * m];
            qCols = new double[out * m];
            pT = new double[m * out];
            qT = new double[m * out];
            f1 = new double[m];
            f2 = new double[m];
            pNorm = new double[m];
            qNorm = new double[m];
            cubic = new double[m];
            reach = new double[m];
            checkedUpTo = new double[m];
            distrusted = new boolean[m];
        }

        /** Entries [lo, hi) of the call's range that starts at {@code from}: their loss changes into plus, minus. */
        void run(boolean bias, int from, int lo, int hi, double epsilon, double[] theta, double[] costPlus,
                 double[] costMinus) {
            plus = costPlus;
            minus = costMinus;
            try {
                int l = layer;
                int nIn = n[l - 1];
                double[] aPrev = (l == 1 ? x : layers[l - 1].A).data();
                int row = -1;
                for (int f = lo; f < hi; f++) {
                    int i = bias ? f : f / nIn;
                    if (i != row) {
                        row = i;
                        startRow(l, i);
                    }
                    int j = bias ? -1 : f % nIn;
                    double w = theta[f];
                    int k = f - from;
                    perturb(l, i, aPrev, j, (w + epsilon) - w, 2 * k);
                    perturb(l, i, aPrev, j, (w - epsilon) - w, 2 * k + 1);
                }
                flush();
            } finally {
                rows = 0;
                plus = null;
                minus = null;
            }
        }

        /** Per row i of the perturbed layer: W[l+1]:,ᵢ and the tangents, or the loss terms of row i of Z[L]. */
        private void startRow(int l, int i) {
            Arrays.fill(checkedUpTo, 0);
            Arrays.fill(distrusted, false);
            if (l < depth) {
                double[] w = layers[l + 1].W.data();
                int nIn = n[l];
                for (int u = 0; u < n[l + 1]; u++) {
                    wColumn[u] = w[u * nIn + i];
                }
                int out = n[depth];
                if (way == Way.AFFINE) {
                    tangents(l);
                    for (int c = 0; c < m; c++) {
                        taylor.coefficients(aOutT, yT, c * out, tangentT, out, along, 4 * c);
                    }
                } else if (way == Way.SMOOTH) {
                    smoothTangents();
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
         * sᵀ = (∂Z[L]:,c/∂A[l]ᵢ,c)ᵀ for every example c, and the interval (lo, hi) of t = ΔA[l]ᵢ,c in which no unit
         * of layers l+1..L−1 changes side of g's kink: Z[k]ᵤ,c + sᵤ·t keeps the sign of Z[k]ᵤ,c (unit u is dropped
         * out or sᵤ = 0: no bound). Forward mode from s = W[l+1]:,ᵢ: s ← W[k+1]·(S[k]·s), one dgemm per layer for
         * all examples.
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
                        double slope = slopes == null ? (zc > 0 ? slopeRight : slopeLeft) : slopes.applyAsDouble(zc);
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
                Blas.gemm(1.0, layers[k + 1].W.data(), n[k + 1], width, false, ss, width, m, false, 0.0,
                        tangent[k + 1], n[k + 1], m);
            }
            transpose(tangent[depth], out, m, tangentT);
        }

        /** P, Q, F₁, F₂ and the remainder's constants of every example, for row i of layer L−2 (smooth way). */
        private void smoothTangents() {
            int k = depth - 1;
            int width = n[k];
            int out = n[depth];
            double[] gk = gT[k];
            double[] d = mask[k];
            double keepProb = keep[k];
            double third = SmoothChange.thirdBound(g) / 6;
            Arrays.fill(cubic, 0);
            for (int u = 0; u < width; u++) {
                int at = u * m;
                double w = wColumn[u];
                double w2 = w * w;
                double w3 = Math.abs(w2 * w) * columnAbs[u] * third;
                for (int c = 0; c < m; c++) {
                    double G = gk[c * width + u];
                    double scale = d == null ? 1 : d[at + c] / keepProb;
                    first[at + c] = SmoothChange.first(g, G) * w * scale;
                    second[at + c] = SmoothChange.second(g, G) * w2 * scale / 2;
                    cubic[c] += w3 * Math.abs(scale);
                }
            }
            double[] wOut = layers[depth].W.data();
            Blas.gemm(1.0, wOut, out, width, false, first, width, m, false, 0.0, pCols, out, m);
            Blas.gemm(1.0, wOut, out, width, false, second, width, m, false, 0.0, qCols, out, m);
            transpose(pCols, out, m, pT);
            transpose(qCols, out, m, qT);
            for (int c = 0; c < m; c++) {
                int o = c * out;
                taylor.coefficients(aOutT, yT, o, pT, out, along, 4 * c);
                taylor.coefficients(aOutT, yT, o, qT, out, alongQ, 0);
                f1[c] = along[4 * c];
                f2[c] = along[4 * c + 1] + alongQ[0];
                double p = 0;
                double q = 0;
                for (int u = 0; u < out; u++) {
                    p += Math.abs(pT[o + u]);
                    q += Math.abs(qT[o + u]);
                }
                pNorm[c] = p;
                qNorm[c] = q;
                reach[c] = reach(c);
            }
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
            boolean smooth = SmoothChange.knows(g);
            double[] gl = gT[l];
            int width = n[l];
            double change = 0;
            for (int c = 0; c < m; c++) {
                double dz = j < 0 ? delta : delta * aPrev[aj + c];
                double t;
                if (smooth) {
                    t = SmoothChange.change(g, gl[c * width + i], dz);
                    if (d != null) {
                        t = t * d[zi + c] / keepProb;
                    }
                } else {
                    double ac = g.g(z[zi + c] + dz);
                    if (d != null) {
                        ac = ac * d[zi + c] / keepProb;
                    }
                    t = ac - a[zi + c];
                }
                if (t == 0) {
                    continue;
                }
                if (way == Way.AFFINE && t > lo[c] && t < hi[c] && !distrusted[c]) {
                    int q = 4 * c;
                    double t2 = t * t;
                    double bound = along[q + 3] * (t2 * t2);
                    double poly = t * (along[q] + t * (along[q + 1] + t * along[q + 2]));
                    if (bound <= tolerance && (Math.abs(t) <= 16 * checkedUpTo[c] || trusted(c, t, poly, bound))) {
                        change += poly;
                    } else if (!distrusted[c]) {
                        change += affineExact(c, t);
                    } else {
                        push(p, c, t);
                    }
                } else if (way == Way.SMOOTH) {
                    double s = Math.abs(t);
                    double poly = t * (f1[c] + t * f2[c]);
                    if (s <= reach[c] && (s <= 16 * checkedUpTo[c] && !distrusted[c]
                            || trusted(c, t, poly, smoothBound(c, s)))) {
                        change += poly;
                    } else {
                        push(p, c, t);
                    }
                } else {
                    push(p, c, t); // also NaN
                }
            }
            add(p, change);
        }

        /**
         * The smooth way's bound on |loss change − (F₁t + F₂t²)| at |t| = s: G·R·s³ + (|Q|s² + R·s³)(2|P|s + |Q|s²
         * + R·s³)/2 + (8/6)·v³ with v = |P|s + |Q|s² + R·s³ (see the class comment). Increasing in s.
         */
        private double smoothBound(int c, double s) {
            double r = cubic[c] * s * s * s;
            double near = qNorm[c] * s * s + r;
            double v = pNorm[c] * s + near;
            return gradBound[c] * r + near * (2 * pNorm[c] * s + near) / 2 + 8.0 / 6 * v * v * v;
        }

        /** The largest |t| (within a factor 2) at which {@link #smoothBound} is still at most the tolerance. */
        private double reach(int c) {
            double s = 1;
            for (int k = 0; k < 200 && smoothBound(c, s) > tolerance; k++) {
                s /= 2;
            }
            if (smoothBound(c, s) > tolerance) {
                return 0;
            }
            for (int k = 0; k < 200 && smoothBound(c, 2 * s) <= tolerance && s < 1; k++) {
                s *= 2;
            }
            return s;
        }

        /**
         * Whether the polynomial may stand for example c's loss change at t: checked against the exact change on
         * the row's first use and whenever |t| grows 16-fold past the last check; once they disagree by more than
         * the bound plus the exact value's rounding, never again in this row.
         */
        private boolean trusted(int c, double t, double poly, double bound) {
            if (distrusted[c]) {
                return false;
            }
            double s = Math.abs(t);
            if (s <= 16 * checkedUpTo[c]) {
                return true;
            }
            exact = exactChange(c, t);
            double rounding = 0x1p-53 * 16 * (n[depth] + 4) * (1 + Math.abs(example0[c]));
            if (Math.abs(poly - exact) <= bound + rounding) {
                checkedUpTo[c] = s;
                return true;
            }
            distrusted[c] = true;
            rejected++;
            return false;
        }

        /** loss(Z[L]:,c + s·t) − loss(Z[L]:,c): exact along the affine way's tangent. */
        private double affineExact(int c, double t) {
            int out = n[depth];
            int o = c * out;
            for (int k = 0; k < out; k++) {
                outputs[k] = zOutT[o + k] + tangentT[o + k] * t;
            }
            return loss.example(outputs, 0, yT, o, out) - example0[c];
        }

        /**
         * The exact loss change of example c when A[l]ᵢ,c moves by t: the change carried up layer by layer with g
         * itself (or {@link SmoothChange}'s identities) and W, as the stacked way does, then the loss. What the
         * Taylor polynomials are checked against: it uses neither the tangents nor the loss's coefficients.
         */
        private double exactChange(int c, double t) {
            double[] cur = hidden;
            double[] next = hidden2;
            int k0 = layer + 1;
            for (int u = 0; u < n[k0]; u++) {
                cur[u] = wColumn[u] * t;
            }
            boolean smooth = SmoothChange.knows(g);
            for (int k = k0; k < depth; k++) {
                int width = n[k];
                int ex = c * width;
                double[] gk = gT[k];
                double[] zk = zT[k];
                double[] d = maskT[k];
                double keepProb = keep[k];
                for (int u = 0; u < width; u++) {
                    double dz = cur[u];
                    double change = smooth ? SmoothChange.change(g, gk[ex + u], dz) : g.g(zk[ex + u] + dz) - gk[ex + u];
                    cur[u] = d == null ? change : change * d[ex + u] / keepProb;
                }
                double[] w = layers[k + 1].W.data();
                for (int q = 0; q < n[k + 1]; q++) {
                    double sum = 0;
                    int at = q * width;
                    for (int u = 0; u < width; u++) {
                        sum += w[at + u] * cur[u];
                    }
                    next[q] = sum;
                }
                double[] swap = cur;
                cur = next;
                next = swap;
            }
            int out = n[depth];
            int o = c * out;
            for (int q = 0; q < out; q++) {
                outputs[q] = zOutT[o + q] + cur[q];
            }
            return loss.example(outputs, 0, yT, o, out) - example0[c];
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

        /** Stacks example c of perturbation p: ΔZ[l+1]:,c = W[l+1]:,ᵢ·t. */
        private void push(int p, int c, double t) {
            int width = n[layer + 1];
            double[] s = stack[layer + 1];
            int to = rows * width;
            for (int u = 0; u < width; u++) {
                s[to + u] = wColumn[u] * t;
            }
            owner[rows] = p;
            exampleOf[rows] = c;
            rows++;
            if (rows == capacity) {
                flush();
            }
        }

        /** The stacked changes up through layers l+1..L and the loss; each example's loss' − loss to its owner. */
        private void flush() {
            if (rows == 0) {
                return;
            }
            boolean smooth = SmoothChange.knows(g);
            for (int k = layer + 1; k < depth; k++) {
                int width = n[k];
                double[] cur = stack[k];
                double[] gk = gT[k];
                double[] zk = zT[k];
                double[] d = maskT[k];
                double keepProb = keep[k];
                for (int r = 0; r < rows; r++) {
                    int at = r * width;
                    int ex = exampleOf[r] * width;
                    for (int u = 0; u < width; u++) {
                        double dz = cur[at + u];
                        double change = smooth ? SmoothChange.change(g, gk[ex + u], dz)
                                : g.g(zk[ex + u] + dz) - gk[ex + u];
                        cur[at + u] = d == null ? change : change * d[ex + u] / keepProb;
                    }
                }
                Blas.gemm(1.0, cur, rows, width, false, layers[k + 1].W.data(), n[k + 1], width, true, 0.0,
                        stack[k + 1], rows, n[k + 1]);
            }
            int out = n[depth];
            double[] dOut = stack[depth];
            for (int r = 0; r < rows; r++) {
                int c = exampleOf[r];
                int o = c * out;
                int at = r * out;
                for (int k = 0; k < out; k++) {
                    outputs[k] = zOutT[o + k] + dOut[at + k];
                }
                add(owner[r], loss.example(outputs, 0, yT, o, out) - example0[c]);
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
