package dev.gradcheck.junit;

import dev.gradcheck.junit.jqwik.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Stochastic;

/**
 * A plain-Java network built from an {@link Architecture}, for the jqwik tests: every activation, loss, L2, L1 and
 * inverted dropout (with frozen masks), examples as columns. {@link Bug} seeds one mistake.
 */
final class DenseNet implements Differentiable, Stochastic {

    enum Bug {
        NONE,
        /** The output layer's db sums over the batch and forgets 1/m: wrong only when m > 1. */
        OUTPUT_DB_NOT_AVERAGED
    }

    private final Architecture a;
    private final Bug bug;
    private final int[] n;
    private final int m;
    private final double[][] W;
    private final double[][] b;
    private final double[] X;
    private final double[] Y;
    private final Random dropout;
    private double keepProb;
    private double[][] frozen;

    private DenseNet(Architecture a, Bug bug) {
        this.a = a;
        this.bug = bug;
        this.n = a.layerSizes();
        this.m = a.batchSize();
        int L = a.depth();
        Random r = new Random(a.seed());
        W = new double[L + 1][];
        b = new double[L + 1][];
        for (int l = 1; l <= L; l++) {
            double std = WeightScale.HE.std(n[l - 1], n[l]);
            W[l] = new double[n[l] * n[l - 1]];
            for (int i = 0; i < W[l].length; i++) {
                W[l][i] = r.nextGaussian() * std;
            }
            b[l] = new double[n[l]];
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = 0.1 * r.nextGaussian();
            }
        }
        X = new double[n[0] * m];
        for (int i = 0; i < X.length; i++) {
            X[i] = r.nextGaussian();
        }
        int out = n[L];
        Y = new double[out * m];
        for (int j = 0; j < m; j++) {
            if (a.loss() == Loss.SOFTMAX_CE) {
                Y[r.nextInt(out) * m + j] = 1;
            } else {
                for (int i = 0; i < out; i++) {
                    Y[i * m + j] = a.loss() == Loss.MSE ? r.nextGaussian() : r.nextInt(2);
                }
            }
        }
        keepProb = a.keepProb();
        dropout = new Random(a.seed() + 1);
    }

    static DenseNet build(Architecture a) {
        return new DenseNet(a, Bug.NONE);
    }

    static DenseNet build(Architecture a, Bug bug) {
        return new DenseNet(a, bug);
    }

    @Override
    public List<ParameterBlock> parameters() {
        List<ParameterBlock> p = new ArrayList<>();
        for (int l = 1; l < n.length; l++) {
            p.add(ParameterBlock.of("W" + l, n[l], n[l - 1], W[l]));
            p.add(ParameterBlock.of("b" + l, n[l], 1, b[l]));
        }
        return p;
    }

    private record Pass(double[][] A, double[][] Z, double[][] D) {
    }

    private Pass forward() {
        int L = n.length - 1;
        double[][] A = new double[L + 1][];
        double[][] Z = new double[L + 1][];
        double[][] D = new double[L + 1][];
        A[0] = X;
        for (int l = 1; l <= L; l++) {
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
            A[l] = activate(a.activations().get(l - 1), Z[l], n[l]);
            if (l < L && keepProb < 1) {
                D[l] = frozen != null ? frozen[l] : mask(n[l] * m);
                for (int i = 0; i < A[l].length; i++) {
                    A[l][i] = A[l][i] * D[l][i] / keepProb;
                }
            }
        }
        return new Pass(A, Z, D);
    }

    private double[] activate(Activation g, double[] z, int rows) {
        double[] out = new double[z.length];
        if (g == Activation.SOFTMAX) {
            for (int j = 0; j < m; j++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < rows; i++) {
                    max = Math.max(max, z[i * m + j]);
                }
                double sum = 0;
                for (int i = 0; i < rows; i++) {
                    out[i * m + j] = Math.exp(z[i * m + j] - max);
                    sum += out[i * m + j];
                }
                for (int i = 0; i < rows; i++) {
                    out[i * m + j] /= sum;
                }
            }
            return out;
        }
        for (int i = 0; i < z.length; i++) {
            double v = z[i];
            out[i] = switch (g) {
                case RELU -> Math.max(0, v);
                case LEAKY_RELU -> v > 0 ? v : 0.01 * v;
                case TANH -> Math.tanh(v);
                case SIGMOID -> 1 / (1 + Math.exp(-v));
                case LINEAR -> v;
                case SOFTMAX -> throw new AssertionError();
            };
        }
        return out;
    }

    private static double derivative(Activation g, double z, double act) {
        return switch (g) {
            case RELU -> z > 0 ? 1 : 0;
            case LEAKY_RELU -> z > 0 ? 1 : 0.01;
            case TANH -> 1 - act * act;
            case SIGMOID -> act * (1 - act);
            case LINEAR -> 1;
            case SOFTMAX -> throw new AssertionError("softmax is only an output activation");
        };
    }

    @Override
    public double cost() {
        double[] out = forward().A()[n.length - 1];
        double j = 0;
        for (int i = 0; i < out.length; i++) {
            double y = Y[i];
            double p = out[i];
            j += switch (a.loss()) {
                case SIGMOID_CE -> -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
                case SOFTMAX_CE -> y == 0 ? 0 : -y * Math.log(p);
                case MSE -> 0.5 * (p - y) * (p - y);
            };
        }
        double l2 = 0;
        double l1 = 0;
        for (int l = 1; l < n.length; l++) {
            for (double w : W[l]) {
                l2 += w * w;
                l1 += Math.abs(w);
            }
        }
        return j / m + a.lambdaL2() / (2 * m) * l2 + a.lambdaL1() / m * l1;
    }

    @Override
    public Gradients gradients() {
        Pass f = forward();
        int L = n.length - 1;
        double[] dZ = new double[n[L] * m];
        for (int i = 0; i < dZ.length; i++) {
            dZ[i] = f.A()[L][i] - Y[i];
        }
        double[][] dW = new double[L + 1][];
        double[][] db = new double[L + 1][];
        for (int l = L; l >= 1; l--) {
            int rows = n[l];
            int cols = n[l - 1];
            dW[l] = new double[rows * cols];
            db[l] = new double[rows];
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < cols; k++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += dZ[i * m + j] * f.A()[l - 1][k * m + j];
                    }
                    double w = W[l][i * cols + k];
                    dW[l][i * cols + k] = s / m + a.lambdaL2() / m * w + a.lambdaL1() / m * Math.signum(w);
                }
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += dZ[i * m + j];
                }
                db[l][i] = bug == Bug.OUTPUT_DB_NOT_AVERAGED && l == L ? s : s / m;
            }
            if (l > 1) {
                double[] next = new double[cols * m];
                Activation g = a.activations().get(l - 2);
                for (int k = 0; k < cols; k++) {
                    for (int j = 0; j < m; j++) {
                        double s = 0;
                        for (int i = 0; i < rows; i++) {
                            s += W[l][i * cols + k] * dZ[i * m + j];
                        }
                        int idx = k * m + j;
                        if (f.D()[l - 1] != null) {
                            s = s * f.D()[l - 1][idx] / keepProb;
                        }
                        // A[l-1] includes the dropout scaling; the derivative needs the activation itself.
                        double act = activate(g, new double[] {f.Z()[l - 1][idx]}, 1)[0];
                        next[idx] = s * derivative(g, f.Z()[l - 1][idx], act);
                    }
                }
                dZ = next;
            }
        }
        Gradients.Builder g = Gradients.builder();
        for (int l = 1; l <= L; l++) {
            g.put("W" + l, dW[l]).put("b" + l, db[l]);
        }
        return g.build();
    }

    private double[] mask(int size) {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = dropout.nextDouble() < keepProb ? 1 : 0;
        }
        return d;
    }

    @Override
    public double keepProb() {
        return keepProb;
    }

    @Override
    public void keepProb(double p) {
        keepProb = p;
    }

    @Override
    public boolean freezeMasks() {
        frozen = new double[n.length][];
        for (int l = 1; l < n.length - 1; l++) {
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
        return a + (bug == Bug.NONE ? "" : " " + bug);
    }
}
