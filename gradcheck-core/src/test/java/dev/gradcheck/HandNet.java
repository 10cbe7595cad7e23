package dev.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The course's small network written out by hand in plain Java: layers n = [4, 5, 3, 1], relu, relu, sigmoid,
 * binary cross-entropy with L2, examples as columns (X is 4×m). A {@link Bug} switches in one classic mistake.
 * Optional dropout on the hidden layers makes it {@link Stochastic}; {@link Trainable} by gradient descent.
 */
class HandNet implements Differentiable, Stochastic, Trainable {

    enum Bug {
        NONE,
        /** dW2 gets a stray factor 2. */
        FACTOR_2_DW2,
        /** db1 divides by m/4 instead of m. */
        DB1_FOUR_OVER_M,
        /** relu'(z) taken as 1 everywhere in layer 1 (the derivative of the identity). */
        RELU_DERIVATIVE_ONE,
        /** The cost has λ/2m·‖W‖² but dW lacks λ/m·W. */
        FORGOT_L2_GRADIENT,
        /** dW2 computed as (dZ2·A1ᵀ)ᵀ, a 5×3 matrix where 3×5 is expected. */
        TRANSPOSED_DW2,
        /** dZ3 = Y − A instead of A − Y: every gradient flips its sign. */
        SIGN_FLIP,
        /** dW3 is never written. */
        ZERO_DW3,
        /** Backprop forgets to multiply dA by the dropout mask. */
        DROPOUT_MASK_NOT_APPLIED,
        /** Backprop applies the mask but forgets to divide by keep-prob. */
        DROPOUT_NOT_SCALED
    }

    final int[] n = {4, 5, 3, 1};
    final int m;
    final double[][] W = new double[4][];
    final double[][] b = new double[4][];
    final double[] X;
    final double[] Y;
    final double lambda;
    final Bug bug;
    double keepProb = 1.0;
    final Random dropoutRandom = new Random(99);
    double[][] frozenMasks;
    int costCalls;

    HandNet(long seed, int m, double lambda, Bug bug) {
        this.m = m;
        this.lambda = lambda;
        this.bug = bug;
        Random r = new Random(seed);
        for (int l = 1; l <= 3; l++) {
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
        for (int j = 0; j < m; j++) {
            Y[j] = r.nextBoolean() ? 1 : 0;
        }
    }

    @Override
    public List<ParameterBlock> parameters() {
        List<ParameterBlock> p = new ArrayList<>();
        for (int l = 1; l <= 3; l++) {
            p.add(ParameterBlock.of("W" + l, n[l], n[l - 1], W[l]));
            p.add(ParameterBlock.of("b" + l, n[l], 1, b[l]));
        }
        return p;
    }

    /** Forward pass: A[l] for l = 0..3, Z[l], and the dropout masks D[l] for the hidden layers. */
    private double[][][] forward() {
        double[][] A = new double[4][];
        double[][] Z = new double[4][];
        double[][] D = new double[4][];
        A[0] = X;
        for (int l = 1; l <= 3; l++) {
            Z[l] = new double[n[l] * m];
            for (int i = 0; i < n[l]; i++) {
                for (int j = 0; j < m; j++) {
                    double s = b[l][i];
                    for (int k = 0; k < n[l - 1]; k++) {
                        s += W[l][i * n[l - 1] + k] * A[l - 1][k * m + j];
                    }
                    Z[l][i * m + j] = s;
                }
            }
            A[l] = new double[Z[l].length];
            for (int i = 0; i < Z[l].length; i++) {
                A[l][i] = l < 3 ? Math.max(0, Z[l][i]) : 1 / (1 + Math.exp(-Z[l][i]));
            }
            if (l < 3 && keepProb < 1) {
                D[l] = frozenMasks != null ? frozenMasks[l] : mask(A[l].length);
                for (int i = 0; i < A[l].length; i++) {
                    A[l][i] = A[l][i] * D[l][i] / keepProb;
                }
            }
        }
        return new double[][][] {A, Z, D};
    }

    @Override
    public double cost() {
        costCalls++;
        double[][] A = forward()[0];
        double j = 0;
        for (int k = 0; k < m; k++) {
            double a = A[3][k];
            j -= Y[k] * Math.log(a) + (1 - Y[k]) * Math.log(1 - a);
        }
        j /= m;
        double w2 = 0;
        for (int l = 1; l <= 3; l++) {
            for (double w : W[l]) {
                w2 += w * w;
            }
        }
        return j + lambda / (2 * m) * w2;
    }

    @Override
    public Gradients gradients() {
        double[][][] f = forward();
        double[][] A = f[0];
        double[][] Z = f[1];
        double[][] D = f[2];
        Gradients.Builder g = Gradients.builder();
        double[] dZ = new double[m];
        for (int k = 0; k < m; k++) {
            dZ[k] = bug == Bug.SIGN_FLIP ? Y[k] - A[3][k] : A[3][k] - Y[k];
        }
        double[][] dW = new double[4][];
        double[][] db = new double[4][];
        for (int l = 3; l >= 1; l--) {
            int rows = n[l];
            int cols = n[l - 1];
            dW[l] = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < cols; k++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += dZ[i * m + j] * A[l - 1][k * m + j];
                    }
                    double v = s / m + (bug == Bug.FORGOT_L2_GRADIENT ? 0 : lambda / m * W[l][i * cols + k]);
                    if (bug == Bug.TRANSPOSED_DW2 && l == 2) {
                        dW[l][k * rows + i] = v;
                    } else {
                        dW[l][i * cols + k] = v;
                    }
                }
            }
            if (bug == Bug.FACTOR_2_DW2 && l == 2) {
                for (int i = 0; i < dW[l].length; i++) {
                    dW[l][i] *= 2;
                }
            }
            if (bug == Bug.ZERO_DW3 && l == 3) {
                dW[l] = new double[rows * cols];
            }
            db[l] = new double[rows];
            for (int i = 0; i < rows; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += dZ[i * m + j];
                }
                db[l][i] = bug == Bug.DB1_FOUR_OVER_M && l == 1 ? 4 * s / m : s / m;
            }
            if (l > 1) {
                double[] dA = new double[cols * m];
                for (int k = 0; k < cols; k++) {
                    for (int j = 0; j < m; j++) {
                        double s = 0;
                        for (int i = 0; i < rows; i++) {
                            s += W[l][i * cols + k] * dZ[i * m + j];
                        }
                        dA[k * m + j] = s;
                    }
                }
                double[] next = new double[cols * m];
                for (int i = 0; i < next.length; i++) {
                    double da = dA[i];
                    if (D[l - 1] != null && bug != Bug.DROPOUT_MASK_NOT_APPLIED) {
                        da *= D[l - 1][i];
                    }
                    if (D[l - 1] != null && bug != Bug.DROPOUT_NOT_SCALED) {
                        da /= keepProb;
                    }
                    double derivative = bug == Bug.RELU_DERIVATIVE_ONE && l - 1 == 1 ? 1 : Z[l - 1][i] > 0 ? 1 : 0;
                    next[i] = da * derivative;
                }
                dZ = next;
            }
        }
        for (int l = 1; l <= 3; l++) {
            g.put("W" + l, dW[l]).put("b" + l, db[l]);
        }
        return g.build();
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
        for (int i = 0; i < size; i++) {
            d[i] = dropoutRandom.nextDouble() < keepProb ? 1 : 0;
        }
        return d;
    }

    @Override
    public boolean freezeMasks() {
        frozenMasks = new double[4][];
        for (int l = 1; l < 3; l++) {
            frozenMasks[l] = mask(n[l] * m);
        }
        return true;
    }

    @Override
    public void unfreezeMasks() {
        frozenMasks = null;
    }

    @Override
    public void train(int steps) {
        for (int s = 0; s < steps; s++) {
            Gradients g = gradients();
            for (int l = 1; l <= 3; l++) {
                double[] dW = g.get("W" + l);
                double[] db = g.get("b" + l);
                for (int i = 0; i < W[l].length; i++) {
                    W[l][i] -= 0.5 * dW[i];
                }
                for (int i = 0; i < b[l].length; i++) {
                    b[l][i] -= 0.5 * db[i];
                }
            }
        }
    }

    double[] snapshot() {
        List<Double> all = new ArrayList<>();
        for (ParameterBlock p : parameters()) {
            for (double v : p.toArray()) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public String toString() {
        return "HandNet 4-5-3-1 " + bug;
    }
}
