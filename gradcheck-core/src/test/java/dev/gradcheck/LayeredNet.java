package dev.gradcheck;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * A dense network that says what it is made of ({@link Layered}): layers n[0..L], one hidden activation, a sigmoid
 * output with binary cross-entropy, optional L2 and optional inverted dropout on the hidden layers (masks that can be
 * frozen), m examples as columns, plain loops, fixed seeds. Bugs are planted per layer, one or several at once, so
 * that the layer-aware diagnosis and the origin sentence have a known right answer.
 *
 * <p>{@link #facts(UnaryOperator)} lets a test hand the checker facts that disagree with the blocks.
 */
class LayeredNet implements Differentiable, Layered, Stochastic {

    /** The hidden activation g with its derivative g'. */
    enum Activation {
        RELU("relu", z -> Math.max(0, z), z -> z > 0 ? 1 : 0),
        TANH("tanh", Math::tanh, z -> 1 - Math.tanh(z) * Math.tanh(z)),
        SIGMOID("sigmoid", Activation::sigma, z -> sigma(z) * (1 - sigma(z))),
        IDENTITY("identity", z -> z, z -> 1);

        final String label;
        final DoubleUnaryOperator g;
        final DoubleUnaryOperator slope;

        Activation(String label, DoubleUnaryOperator g, DoubleUnaryOperator slope) {
            this.label = label;
            this.g = g;
            this.slope = slope;
        }

        static double sigma(double z) {
            return 1 / (1 + Math.exp(-z));
        }
    }

    /** Classic backprop mistakes, each planted in one layer l. */
    enum Bug {
        /** dW[l] = dZ·Aᵀ without the 1/m. */
        DW_MISSING_1_OVER_M,
        /** dW[l] = dZ·Aᵀ / m². */
        DW_DIVIDED_BY_M_TWICE,
        /** dW[l] = dZ·Aᵀ / (m − 1). */
        DW_OVER_M_MINUS_1,
        /** db[l] = Σ dZ without the 1/m. */
        DB_MISSING_1_OVER_M,
        /** dW[l] and db[l] both without the 1/m, while dA[l−1] is formed from the right dZ. */
        DW_AND_DB_MISSING_1_OVER_M,
        /** dW[l] = 2·dZ·Aᵀ / m. */
        STRAY_FACTOR_2,
        /** db[l] = Σ of all of dZ[l] / m, the same value in every unit. */
        DB_SUMMED_OVER_ALL_AXES,
        /** dW[l] stored transposed (needs a square layer). */
        DW_TRANSPOSED,
        /** dW[l] lacks λ/m·W[l] while the cost has λ/2m·‖W[l]‖². */
        L2_GRADIENT_FORGOTTEN,
        /** dZ[L] = Y − A instead of A − Y (output layer only). */
        OUTPUT_DZ_SIGN_FLIPPED,
        /** dZ[l] = dA ∘ g(Z): the derivative taken as the layer's value (relu' as A, tanh' as tanh). */
        SLOPE_FROM_VALUE,
        /** dZ[l] = dA: g' left out. */
        SLOPE_DROPPED,
        /** dZ[l] = dA ∘ (1 − g(Z)): tanh' written 1 − tanh(z), the square forgotten (a cause with no name). */
        SLOPE_MISSING_SQUARE,
        /** dZ[l] = dA / keep ∘ g'(Z): the dropout mask not applied in backprop. */
        MASK_NOT_APPLIED,
        /** dZ[l] = dA ∘ D ∘ g'(Z): not divided by keep-prob. */
        NOT_SCALED
    }

    final int[] n;
    final int depth;
    final int m;
    final Activation act;
    final double[][] W;
    final double[][] b;
    final double[] X;
    final double[] Y;
    double lambda;
    double keepProb = 1.0;
    /** The keep-prob the model trains with, restored by the checker after forcing 1. */
    private final Random dropout = new Random(99);
    private double[][] frozen;
    private final Map<Bug, Integer> bugs = new EnumMap<>(Bug.class);
    private UnaryOperator<List<LayerFacts>> facts = UnaryOperator.identity();

    LayeredNet(int[] n, int m, Activation act, long seed) {
        this.n = n.clone();
        this.depth = n.length - 1;
        this.m = m;
        this.act = act;
        W = new double[depth + 1][];
        b = new double[depth + 1][];
        Random r = new Random(seed);
        for (int l = 1; l <= depth; l++) {
            W[l] = new double[n[l] * n[l - 1]];
            b[l] = new double[n[l]];
            double scale = Math.sqrt(2.0 / n[l - 1]);
            for (int i = 0; i < W[l].length; i++) {
                W[l][i] = r.nextGaussian() * scale;
            }
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = 0.1 * r.nextGaussian();
            }
        }
        X = new double[n[0] * m];
        Y = new double[m];
        for (int i = 0; i < X.length; i++) {
            X[i] = r.nextGaussian();
        }
        for (int k = 0; k < m; k++) {
            Y[k] = k % 2;
        }
    }

    /** The shape most tests use: 6 inputs, two hidden layers of 5 (layer 2 square), one output, m = 4. */
    static LayeredNet small(Activation act) {
        return new LayeredNet(new int[] {6, 5, 5, 1}, 4, act, 3);
    }

    LayeredNet bug(Bug bug, int layer) {
        bugs.put(bug, layer);
        return this;
    }

    LayeredNet lambda(double lambda) {
        this.lambda = lambda;
        return this;
    }

    LayeredNet withKeepProb(double keep) {
        this.keepProb = keep;
        return this;
    }

    /** What {@link #layerFacts()} returns instead of the true facts. */
    LayeredNet facts(UnaryOperator<List<LayerFacts>> change) {
        this.facts = change;
        return this;
    }

    private boolean planted(Bug bug, int layer) {
        Integer l = bugs.get(bug);
        return l != null && l == layer;
    }

    @Override
    public List<ParameterBlock> parameters() {
        List<ParameterBlock> p = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            p.add(ParameterBlock.of("W" + l, n[l], n[l - 1], W[l]));
            p.add(ParameterBlock.of("b" + l, n[l], 1, b[l]));
        }
        return p;
    }

    /** A[0..L], Z[1..L], and the masks D[l] of the hidden layers (null without dropout). */
    private record Pass(double[][] A, double[][] Z, double[][] D) {
    }

    private Pass forward() {
        double[][] A = new double[depth + 1][];
        double[][] Z = new double[depth + 1][];
        double[][] D = new double[depth + 1][];
        A[0] = X;
        for (int l = 1; l <= depth; l++) {
            Z[l] = new double[n[l] * m];
            for (int i = 0; i < n[l]; i++) {
                for (int k = 0; k < m; k++) {
                    double s = b[l][i];
                    for (int j = 0; j < n[l - 1]; j++) {
                        s += W[l][i * n[l - 1] + j] * A[l - 1][j * m + k];
                    }
                    Z[l][i * m + k] = s;
                }
            }
            A[l] = new double[Z[l].length];
            boolean hidden = l < depth;
            for (int e = 0; e < A[l].length; e++) {
                A[l][e] = hidden ? act.g.applyAsDouble(Z[l][e]) : Activation.sigma(Z[l][e]);
            }
            if (hidden && keepProb < 1) {
                D[l] = frozen != null ? frozen[l] : mask(A[l].length);
                for (int e = 0; e < A[l].length; e++) {
                    A[l][e] *= D[l][e] / keepProb;
                }
            }
        }
        return new Pass(A, Z, D);
    }

    @Override
    public double cost() {
        double[] a = forward().A[depth];
        double j = 0;
        for (int k = 0; k < m; k++) {
            j -= Y[k] * Math.log(a[k]) + (1 - Y[k]) * Math.log(1 - a[k]);
        }
        double w2 = 0;
        for (int l = 1; l <= depth; l++) {
            for (double w : W[l]) {
                w2 += w * w;
            }
        }
        return j / m + lambda / (2 * m) * w2;
    }

    @Override
    public Gradients gradients() {
        Pass f = forward();
        double[] dZ = new double[m];
        for (int k = 0; k < m; k++) {
            double a = f.A[depth][k];
            dZ[k] = planted(Bug.OUTPUT_DZ_SIGN_FLIPPED, depth) ? Y[k] - a : a - Y[k];
        }
        Gradients.Builder out = Gradients.builder();
        for (int l = depth; l >= 1; l--) {
            int rows = n[l];
            int cols = n[l - 1];
            double[] in = f.A[l - 1];
            double scale = planted(Bug.DW_MISSING_1_OVER_M, l) || planted(Bug.DW_AND_DB_MISSING_1_OVER_M, l) ? 1
                    : planted(Bug.DW_DIVIDED_BY_M_TWICE, l) ? 1.0 / ((double) m * m)
                    : planted(Bug.DW_OVER_M_MINUS_1, l) ? 1.0 / (m - 1) : 1.0 / m;
            if (planted(Bug.STRAY_FACTOR_2, l)) {
                scale *= 2;
            }
            double[] dW = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double s = 0;
                    for (int k = 0; k < m; k++) {
                        s += dZ[i * m + k] * in[j * m + k];
                    }
                    double v = s * scale + (planted(Bug.L2_GRADIENT_FORGOTTEN, l) ? 0 : lambda / m * W[l][i * cols + j]);
                    dW[planted(Bug.DW_TRANSPOSED, l) ? j * rows + i : i * cols + j] = v;
                }
            }
            double[] db = new double[rows];
            double all = 0;
            for (int i = 0; i < rows; i++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += dZ[i * m + k];
                }
                all += s;
                db[i] = planted(Bug.DB_MISSING_1_OVER_M, l) || planted(Bug.DW_AND_DB_MISSING_1_OVER_M, l) ? s : s / m;
            }
            if (planted(Bug.DB_SUMMED_OVER_ALL_AXES, l)) {
                java.util.Arrays.fill(db, all / m);
            }
            out.put("W" + l, dW).put("b" + l, db);
            if (l > 1) {
                dZ = below(f, l - 1, dZ);
            }
        }
        return out.build();
    }

    /** dZ[h] of hidden layer h from dZ[h+1]: dA[h] = W[h+1]ᵀ·dZ[h+1], then dropout and g'. */
    private double[] below(Pass f, int h, double[] dZup) {
        int units = n[h];
        int up = n[h + 1];
        double[] dZ = new double[units * m];
        for (int j = 0; j < units; j++) {
            for (int k = 0; k < m; k++) {
                double da = 0;
                for (int i = 0; i < up; i++) {
                    da += W[h + 1][i * units + j] * dZup[i * m + k];
                }
                int e = j * m + k;
                if (f.D[h] != null) {
                    if (!planted(Bug.MASK_NOT_APPLIED, h)) {
                        da *= f.D[h][e];
                    }
                    if (!planted(Bug.NOT_SCALED, h)) {
                        da /= keepProb;
                    }
                }
                double z = f.Z[h][e];
                double slope = planted(Bug.SLOPE_DROPPED, h) ? 1
                        : planted(Bug.SLOPE_FROM_VALUE, h) ? act.g.applyAsDouble(z)
                        : planted(Bug.SLOPE_MISSING_SQUARE, h) ? 1 - act.g.applyAsDouble(z)
                        : act.slope.applyAsDouble(z);
                dZ[e] = da * slope;
            }
        }
        return dZ;
    }

    @Override
    public List<LayerFacts> layerFacts() {
        Pass f = forward();
        List<LayerFacts> out = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            boolean hidden = l < depth;
            out.add(new LayerFacts(l, "W" + l, "b" + l, n[l], n[l - 1], m, f.A[l - 1].clone(), f.Z[l].clone(),
                    hidden ? act.label : null, hidden ? act.g : null, hidden ? act.slope : null,
                    hidden && f.D[l] != null ? f.D[l].clone() : null, hidden ? keepProb : 1.0));
        }
        return facts.apply(out);
    }

    @Override
    public double keepProb() {
        return keepProb;
    }

    @Override
    public void keepProb(double p) {
        keepProb = p;
    }

    private double[] mask(int size) {
        double[] d = new double[size];
        for (int e = 0; e < size; e++) {
            d[e] = dropout.nextDouble() < keepProb ? 1 : 0;
        }
        return d;
    }

    @Override
    public boolean freezeMasks() {
        frozen = new double[depth + 1][];
        for (int l = 1; l < depth; l++) {
            frozen[l] = mask(n[l] * m);
        }
        return true;
    }

    @Override
    public void unfreezeMasks() {
        frozen = null;
    }

    @Override
    public String toString() {
        return "LayeredNet " + java.util.Arrays.toString(n) + " m " + m + " " + act.label + " " + bugs;
    }
}
