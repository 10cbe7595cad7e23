package dev.gradcheck;

import java.util.List;

/**
 * The course notebook's 3-layer net (LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID, sizes 4, 5, 3, 1) written
 * the way a learner ports it from numpy: one row-major array per W and b, examples as columns (X is 4×m), plain
 * loops, and the course's naive cost (1/m)·Σ −(Y·log A3 + (1 − Y)·log(1 − A3)).
 *
 * <p>Every loop sums in the order numpy's reference-BLAS {@code np.dot} and {@code np.sum} do (inner index
 * ascending, starting from 0), so J is the fixture's J bit for bit, not merely close: the course's difference for
 * a correct net is round-off dominated, and one ulp of J moves a gradapprox entry by ≈ u·J/2ε ≈ 2e-9.
 */
public final class CourseNet implements Differentiable {

    /** The notebook's mistakes: dW2 doubled and db1 computed with 4./m. */
    /** The notebook's correct backprop, or its planted mistakes (dW2 × 2, db1 with 4./m). */
    public enum Backprop { CORRECT, BUGGY }

    static final int N0 = 4, N1 = 5, N2 = 3, N3 = 1;

    final int m;
    final double[] X;   // N0×m
    final double[] Y;   // 1×m
    final double[] W1 = new double[N1 * N0], b1 = new double[N1];
    final double[] W2 = new double[N2 * N1], b2 = new double[N2];
    final double[] W3 = new double[N3 * N2], b3 = new double[N3];
    final Backprop backprop;
    private final List<ParameterBlock> blocks;

    CourseNet(double[] X, double[] Y, double[] theta, Backprop backprop) {
        this.m = Y.length;
        this.X = X.clone();
        this.Y = Y.clone();
        this.backprop = backprop;
        setTheta(theta);
        blocks = List.of(ParameterBlock.of("W1", N1, N0, W1), ParameterBlock.of("b1", N1, 1, b1),
                ParameterBlock.of("W2", N2, N1, W2), ParameterBlock.of("b2", N2, 1, b2),
                ParameterBlock.of("W3", N3, N2, W3), ParameterBlock.of("b3", N3, 1, b3));
    }

    /** θ = W1, b1, W2, b2, W3, b3, each row-major (the course's dictionary_to_vector). */
    void setTheta(double[] theta) {
        int at = 0;
        for (double[] p : new double[][] {W1, b1, W2, b2, W3, b3}) {
            System.arraycopy(theta, at, p, 0, p.length);
            at += p.length;
        }
        if (at != theta.length) {
            throw new IllegalArgumentException("θ has " + theta.length + " entries, the 4-5-3-1 net " + at);
        }
    }

    @Override
    public List<ParameterBlock> parameters() {
        return blocks;
    }

    /** Z = W·A + b for W rows×k and A k×m; the sum over k in numpy's order. */
    private double[] linear(double[] W, double[] b, double[] A, int rows, int k) {
        double[] Z = new double[rows * m];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += W[i * k + l] * A[l * m + j];
                }
                Z[i * m + j] = s + b[i];
            }
        }
        return Z;
    }

    private static double[] relu(double[] Z) {
        double[] A = new double[Z.length];
        for (int i = 0; i < Z.length; i++) {
            A[i] = Math.max(0, Z[i]);
        }
        return A;
    }

    private final class Forward {
        final double[] A1, A2, A3;
        final double cost;

        Forward() {
            A1 = relu(linear(W1, b1, X, N1, N0));
            A2 = relu(linear(W2, b2, A1, N2, N1));
            double[] Z3 = linear(W3, b3, A2, N3, N2);
            A3 = new double[m];
            double sum = 0;
            for (int j = 0; j < m; j++) {
                A3[j] = 1 / (1 + Math.exp(-Z3[j]));
                // the course's naive formula: 1 − A3 cancels when A3 is near 1
                double logprobs = (-Math.log(A3[j])) * Y[j] + (-Math.log(1 - A3[j])) * (1 - Y[j]);
                sum += logprobs;
            }
            cost = 1.0 / m * sum;
        }
    }

    @Override
    public double cost() {
        return new Forward().cost;
    }

    /** dW = (1/m)·dZ·Aᵀ for dZ rows×m and A cols×m. */
    private double[] weightGradient(double[] dZ, double[] A, int rows, int cols, double scale) {
        double[] dW = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < cols; c++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += dZ[i * m + j] * A[c * m + j];
                }
                dW[i * cols + c] = scale * s;
            }
        }
        return dW;
    }

    /** db = (1/m)·Σ over the examples. */
    private double[] biasGradient(double[] dZ, int rows, double scale) {
        double[] db = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += dZ[i * m + j];
            }
            db[i] = scale * s;
        }
        return db;
    }

    /** dZ = (Wᵀ·dZnext) ⊙ relu'(A) for W next×rows; A > 0 where the relu passed its input. */
    private double[] backThroughRelu(double[] W, double[] dZnext, double[] A, int next, int rows) {
        double[] dZ = new double[rows * m];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int l = 0; l < next; l++) {
                    s += W[l * rows + i] * dZnext[l * m + j];
                }
                dZ[i * m + j] = s * (A[i * m + j] > 0 ? 1 : 0);
            }
        }
        return dZ;
    }

    @Override
    public Gradients gradients() {
        Forward f = new Forward();
        boolean buggy = backprop == Backprop.BUGGY;
        double[] dZ3 = new double[m];
        for (int j = 0; j < m; j++) {
            dZ3[j] = f.A3[j] - Y[j];
        }
        double[] dW3 = weightGradient(dZ3, f.A2, N3, N2, 1.0 / m);
        double[] db3 = biasGradient(dZ3, N3, 1.0 / m);
        double[] dZ2 = backThroughRelu(W3, dZ3, f.A2, N3, N2);
        double[] dW2 = weightGradient(dZ2, f.A1, N2, N1, 1.0 / m);
        if (buggy) {
            for (int i = 0; i < dW2.length; i++) {
                dW2[i] = dW2[i] * 2;
            }
        }
        double[] db2 = biasGradient(dZ2, N2, 1.0 / m);
        double[] dZ1 = backThroughRelu(W2, dZ2, f.A1, N2, N1);
        double[] dW1 = weightGradient(dZ1, X, N1, N0, 1.0 / m);
        double[] db1 = biasGradient(dZ1, N1, (buggy ? 4.0 : 1.0) / m);
        return Gradients.builder().put("W1", dW1).put("b1", db1).put("W2", dW2).put("b2", db2).put("W3", dW3)
                .put("b3", db3).build();
    }

    /** dθ flattened in θ's order. */
    double[] gradientVector() {
        Gradients g = gradients();
        double[] v = new double[47];
        int at = 0;
        for (ParameterBlock b : blocks) {
            System.arraycopy(g.get(b.name()), 0, v, at, b.size());
            at += b.size();
        }
        return v;
    }

    @Override
    public String toString() {
        return "course net 4-5-3-1 (" + backprop.name().toLowerCase() + " backprop)";
    }
}
