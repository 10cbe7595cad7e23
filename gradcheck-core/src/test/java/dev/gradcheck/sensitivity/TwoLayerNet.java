package dev.gradcheck.sensitivity;

import java.util.Random;

/**
 * A 2-layer net n = [3, n1, 1] with examples as columns (X is 3×m): Z1 = W1·X + b1, A1 = g(Z1) with g sigmoid or
 * relu, Z2 = W2·A1 + b2, A = σ(Z2), binary cross-entropy, either per example averaged (mean) or summed over the
 * batch, plus an optional constant offset. b1 and b2 start at 0, as users initialize them.
 */
final class TwoLayerNet extends UserModel {

    enum Hidden { SIGMOID, RELU }

    enum Loss {
        /** softplus(Z2) − Y·Z2: the same function as the course's formula, computed without cancellation. */
        LOGITS,
        /** −(Y·log A + (1−Y)·log(1−A)) computed literally: 1 − A cancels when A is near 1. */
        NAIVE
    }

    private static final int N0 = 3;
    private final int n1;
    private final int m;
    private final Hidden hidden;
    private final Loss loss;
    private final boolean summed;
    private final double offset;
    private final double[] X;
    private final double[] Y;

    /**
     * @param initScale W ~ N(0, initScale²/n_prev); a large scale gives the confident outputs of a partly
     *                  trained net, where the naive loss cancels
     */
    TwoLayerNet(long seed, int n1, int m, Hidden hidden, Loss loss, boolean summed, double offset,
                double initScale) {
        this(seed, n1, m, hidden, loss, summed, offset, initScale, false);
    }

    /**
     * @param learned labels Y = 1{A ≥ 1/2} from the net's own outputs, as for a net that has fit its batch: J is
     *                small and made of terms like log(A) with A within 1e-3 of 1, where 1 − A and log A cancel
     */
    TwoLayerNet(long seed, int n1, int m, Hidden hidden, Loss loss, boolean summed, double offset,
                double initScale, boolean learned) {
        super(new String[] {"W1", "b1", "W2", "b2"}, new int[][] {{n1, N0}, {n1, 1}, {1, n1}, {1, 1}},
                new double[][] {new double[n1 * N0], new double[n1], new double[n1], new double[1]});
        this.n1 = n1;
        this.m = m;
        this.hidden = hidden;
        this.loss = loss;
        this.summed = summed;
        this.offset = offset;
        Random r = new Random(seed);
        for (int i = 0; i < theta[0].length; i++) {
            theta[0][i] = r.nextGaussian() * initScale / Math.sqrt(N0);
        }
        for (int i = 0; i < theta[2].length; i++) {
            theta[2][i] = r.nextGaussian() * initScale / Math.sqrt(n1);
        }
        X = new double[N0 * m];
        Y = new double[m];
        for (int i = 0; i < X.length; i++) {
            X[i] = r.nextGaussian();
        }
        for (int j = 0; j < m; j++) {
            Y[j] = r.nextBoolean() ? 1 : 0;
        }
        if (learned) {
            double[] Z2 = z2(theta, a1(z1(theta)));
            for (int j = 0; j < m; j++) {
                Y[j] = Z2[j] >= 0 ? 1 : 0;
            }
        }
    }

    private double[] z1(double[][] p) {
        double[] W1 = p[0];
        double[] b1 = p[1];
        double[] Z1 = new double[n1 * m];
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < m; j++) {
                double z = b1[i];
                for (int k = 0; k < N0; k++) {
                    z += W1[i * N0 + k] * X[k * m + j];
                }
                Z1[i * m + j] = z;
            }
        }
        return Z1;
    }

    private double g(double z) {
        return hidden == Hidden.SIGMOID ? sigmoid(z) : Math.max(z, 0);
    }

    private double gPrime(double z) {
        if (hidden == Hidden.SIGMOID) {
            double s = sigmoid(z);
            return s * (1 - s);
        }
        return z > 0 ? 1 : 0;
    }

    private double[] a1(double[] Z1) {
        double[] A1 = new double[Z1.length];
        for (int i = 0; i < Z1.length; i++) {
            A1[i] = g(Z1[i]);
        }
        return A1;
    }

    private double[] z2(double[][] p, double[] A1) {
        double[] W2 = p[2];
        double[] Z2 = new double[m];
        for (int j = 0; j < m; j++) {
            double z = p[3][0];
            for (int i = 0; i < n1; i++) {
                z += W2[i] * A1[i * m + j];
            }
            Z2[j] = z;
        }
        return Z2;
    }

    @Override
    double cost(double[][] p) {
        double[] Z2 = z2(p, a1(z1(p)));
        double sum = 0;
        for (int j = 0; j < m; j++) {
            if (loss == Loss.LOGITS) {
                sum += softplus(Z2[j]) - Y[j] * Z2[j];
            } else {
                double A = sigmoid(Z2[j]);
                sum += -(Y[j] * Math.log(A) + (1 - Y[j]) * Math.log(1 - A));
            }
        }
        return (summed ? sum : sum / m) + offset;
    }

    @Override
    double[][] backprop(double[][] p) {
        double[] Z1 = z1(p);
        double[] A1 = a1(Z1);
        double[] Z2 = z2(p, A1);
        double scale = summed ? 1 : 1.0 / m;
        double[] dZ2 = new double[m];
        for (int j = 0; j < m; j++) {
            dZ2[j] = scale * (sigmoid(Z2[j]) - Y[j]);
        }
        double[] dW2 = new double[n1];
        double[] db2 = new double[1];
        double[] dZ1 = new double[n1 * m];
        for (int j = 0; j < m; j++) {
            db2[0] += dZ2[j];
            for (int i = 0; i < n1; i++) {
                dW2[i] += dZ2[j] * A1[i * m + j];
                dZ1[i * m + j] = p[2][i] * dZ2[j] * gPrime(Z1[i * m + j]);
            }
        }
        double[] dW1 = new double[n1 * N0];
        double[] db1 = new double[n1];
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < m; j++) {
                db1[i] += dZ1[i * m + j];
                for (int k = 0; k < N0; k++) {
                    dW1[i * N0 + k] += dZ1[i * m + j] * X[k * m + j];
                }
            }
        }
        return new double[][] {dW1, db1, dW2, db2};
    }
}
