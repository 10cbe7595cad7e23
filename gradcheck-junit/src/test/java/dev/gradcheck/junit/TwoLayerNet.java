package dev.gradcheck.junit;

import java.util.List;
import java.util.Random;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Trainable;

/**
 * A two-layer network written out by hand for the tests: n0 inputs, n1 tanh units, n2 sigmoid outputs, binary
 * cross-entropy plus λ/2m·(‖W1‖² + ‖W2‖²), examples as columns. {@link Bug} switches in one mistake.
 */
class TwoLayerNet implements Differentiable {

    enum Bug {
        NONE,
        /** dW2 gets a stray factor 2. */
        FACTOR_2_DW2,
        /** db1 has its sign flipped. */
        SIGN_DB1,
        /** dW1 lacks the λ/m·W1 term. */
        NO_L2_DW1,
        /** Every gradient is off by a relative 1e-5: small, spread evenly, no component stands out. */
        TINY_SCALE,
        /** gradients() forgets db2: the check cannot run. */
        MISSING_DB2
    }

    final int n0;
    final int n1;
    final int n2;
    final int m;
    final double lambda;
    final Bug bug;
    final double[] W1;
    final double[] b1;
    final double[] W2;
    final double[] b2;
    final double[] X;
    final double[] Y;

    TwoLayerNet(int n0, int n1, int n2, int m, double lambda, long seed, Bug bug) {
        this.n0 = n0;
        this.n1 = n1;
        this.n2 = n2;
        this.m = m;
        this.lambda = lambda;
        this.bug = bug;
        Random r = new Random(seed);
        W1 = gaussian(r, n1 * n0, Math.sqrt(1.0 / n0));
        b1 = gaussian(r, n1, 0.1);
        W2 = gaussian(r, n2 * n1, Math.sqrt(1.0 / n1));
        b2 = gaussian(r, n2, 0.1);
        X = gaussian(r, n0 * m, 1);
        Y = new double[n2 * m];
        for (int i = 0; i < Y.length; i++) {
            Y[i] = r.nextBoolean() ? 1 : 0;
        }
    }

    static TwoLayerNet correct() {
        return new TwoLayerNet(3, 4, 1, 5, 0.1, 7, Bug.NONE);
    }

    static TwoLayerNet with(Bug bug) {
        return new TwoLayerNet(3, 4, 1, 5, 0.1, 7, bug);
    }

    private static double[] gaussian(Random r, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * std;
        }
        return v;
    }

    @Override
    public List<ParameterBlock> parameters() {
        return List.of(ParameterBlock.of("W1", n1, n0, W1), ParameterBlock.of("b1", n1, 1, b1),
                ParameterBlock.of("W2", n2, n1, W2), ParameterBlock.of("b2", n2, 1, b2));
    }

    private double[][] forward() {
        double[] a1 = new double[n1 * m];
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < m; j++) {
                double z = b1[i];
                for (int k = 0; k < n0; k++) {
                    z += W1[i * n0 + k] * X[k * m + j];
                }
                a1[i * m + j] = Math.tanh(z);
            }
        }
        double[] a2 = new double[n2 * m];
        for (int i = 0; i < n2; i++) {
            for (int j = 0; j < m; j++) {
                double z = b2[i];
                for (int k = 0; k < n1; k++) {
                    z += W2[i * n1 + k] * a1[k * m + j];
                }
                a2[i * m + j] = 1 / (1 + Math.exp(-z));
            }
        }
        return new double[][] {a1, a2};
    }

    @Override
    public double cost() {
        double[] a2 = forward()[1];
        double j = 0;
        for (int i = 0; i < a2.length; i++) {
            j -= Y[i] * Math.log(a2[i]) + (1 - Y[i]) * Math.log(1 - a2[i]);
        }
        double w = 0;
        for (double v : W1) {
            w += v * v;
        }
        for (double v : W2) {
            w += v * v;
        }
        return j / m + lambda / (2 * m) * w;
    }

    @Override
    public Gradients gradients() {
        double[][] f = forward();
        double[] a1 = f[0];
        double[] a2 = f[1];
        double[] dz2 = new double[n2 * m];
        for (int i = 0; i < dz2.length; i++) {
            dz2[i] = a2[i] - Y[i];
        }
        double[] dW2 = new double[n2 * n1];
        double[] db2 = new double[n2];
        for (int i = 0; i < n2; i++) {
            for (int k = 0; k < n1; k++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += dz2[i * m + j] * a1[k * m + j];
                }
                dW2[i * n1 + k] = (s / m + lambda / m * W2[i * n1 + k]) * (bug == Bug.FACTOR_2_DW2 ? 2 : 1);
            }
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += dz2[i * m + j];
            }
            db2[i] = s / m;
        }
        double[] dz1 = new double[n1 * m];
        for (int k = 0; k < n1; k++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int i = 0; i < n2; i++) {
                    s += W2[i * n1 + k] * dz2[i * m + j];
                }
                double a = a1[k * m + j];
                dz1[k * m + j] = s * (1 - a * a);
            }
        }
        double[] dW1 = new double[n1 * n0];
        double[] db1 = new double[n1];
        for (int i = 0; i < n1; i++) {
            for (int k = 0; k < n0; k++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += dz1[i * m + j] * X[k * m + j];
                }
                dW1[i * n0 + k] = s / m + (bug == Bug.NO_L2_DW1 ? 0 : lambda / m * W1[i * n0 + k]);
            }
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += dz1[i * m + j];
            }
            db1[i] = (bug == Bug.SIGN_DB1 ? -1 : 1) * s / m;
        }
        if (bug == Bug.TINY_SCALE) {
            for (double[] g : new double[][] {dW1, db1, dW2, db2}) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= 1 + 1e-5;
                }
            }
        }
        Gradients.Builder g = Gradients.builder().put("W1", dW1).put("b1", db1).put("W2", dW2);
        if (bug != Bug.MISSING_DB2) {
            g.put("b2", db2);
        }
        return g.build();
    }

    /** Gradient descent with learning rate 0.5. */
    void step(int steps) {
        for (int s = 0; s < steps; s++) {
            Gradients g = gradients();
            update(W1, g.get("W1"));
            update(b1, g.get("b1"));
            update(W2, g.get("W2"));
            update(b2, g.get("b2"));
        }
    }

    private static void update(double[] p, double[] d) {
        for (int i = 0; i < p.length; i++) {
            p[i] -= 0.5 * d[i];
        }
    }

    @Override
    public String toString() {
        return "net " + n0 + "-" + n1 + "-" + n2 + (bug == Bug.NONE ? "" : " " + bug);
    }

    /** The same network, trainable: the checker re-checks it after training. */
    static final class Trained extends TwoLayerNet implements Trainable {
        Trained(int n0, int n1, int n2, int m, double lambda, long seed, Bug bug) {
            super(n0, n1, n2, m, lambda, seed, bug);
        }

        @Override
        public void train(int steps) {
            step(steps);
        }
    }
}
