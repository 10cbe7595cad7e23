package com.example;

import java.util.Random;

/**
 * A two-layer network written the way many are outside any course: weights in jagged double[unit][input] arrays,
 * and a backprop that never returns a gradient but updates W and b in place with momentum. Nothing here knows
 * about gradcheck.
 */
public class InPlaceNet {
    public final double[][] W1;
    public final double[][] b1;
    public final double[][] W2;
    public final double[][] b2;
    public final double[][] vW1;
    public final double[][] vb1;
    public final double[][] vW2;
    public final double[][] vb2;
    private final double[][] x;
    private final double[][] y;
    private final boolean forgetTanhDerivative;

    public InPlaceNet(int n0, int n1, int n2, int m, long seed, boolean forgetTanhDerivative) {
        Random r = new Random(seed);
        W1 = random(n1, n0, r, 0.8);
        b1 = random(n1, 1, r, 0.1);
        W2 = random(n2, n1, r, 0.8);
        b2 = random(n2, 1, r, 0.1);
        vW1 = new double[n1][n0];
        vb1 = new double[n1][1];
        vW2 = new double[n2][n1];
        vb2 = new double[n2][1];
        x = random(n0, m, r, 1);
        y = random(n2, m, r, 1);
        this.forgetTanhDerivative = forgetTanhDerivative;
    }

    /** J = 1/(2m)·Σ(Z2 − Y)², Z2 = W2·tanh(W1·X + b1) + b2. */
    public double loss() {
        double[][] z2 = affine(W2, b2, tanh(affine(W1, b1, x)));
        double sum = 0;
        for (int u = 0; u < z2.length; u++) {
            for (int j = 0; j < z2[0].length; j++) {
                sum += (z2[u][j] - y[u][j]) * (z2[u][j] - y[u][j]);
            }
        }
        return sum / (2 * x[0].length);
    }

    /** One step of backprop and gradient descent with momentum 0.9, in place. */
    public void train(double lr) {
        int m = x[0].length;
        double[][] a1 = tanh(affine(W1, b1, x));
        double[][] z2 = affine(W2, b2, a1);
        double[][] dZ2 = new double[z2.length][m];
        for (int u = 0; u < z2.length; u++) {
            for (int j = 0; j < m; j++) {
                dZ2[u][j] = (z2[u][j] - y[u][j]) / m;
            }
        }
        double[][] dZ1 = new double[a1.length][m];
        for (int u = 0; u < a1.length; u++) {
            for (int j = 0; j < m; j++) {
                double dA1 = 0;
                for (int k = 0; k < dZ2.length; k++) {
                    dA1 += W2[k][u] * dZ2[k][j];
                }
                dZ1[u][j] = forgetTanhDerivative ? dA1 : dA1 * (1 - a1[u][j] * a1[u][j]);
            }
        }
        update(W2, b2, vW2, vb2, dZ2, a1, lr);
        update(W1, b1, vW1, vb1, dZ1, x, lr);
    }

    private static void update(double[][] W, double[][] b, double[][] vW, double[][] vb, double[][] dZ,
            double[][] aPrev, double lr) {
        for (int u = 0; u < W.length; u++) {
            double db = 0;
            for (int j = 0; j < dZ[0].length; j++) {
                db += dZ[u][j];
            }
            for (int i = 0; i < W[0].length; i++) {
                double dW = 0;
                for (int j = 0; j < dZ[0].length; j++) {
                    dW += dZ[u][j] * aPrev[i][j];
                }
                vW[u][i] = 0.9 * vW[u][i] + dW;
                W[u][i] -= lr * vW[u][i];
            }
            vb[u][0] = 0.9 * vb[u][0] + db;
            b[u][0] -= lr * vb[u][0];
        }
    }

    private static double[][] affine(double[][] W, double[][] b, double[][] a) {
        double[][] z = new double[W.length][a[0].length];
        for (int u = 0; u < W.length; u++) {
            for (int j = 0; j < a[0].length; j++) {
                double s = b[u][0];
                for (int i = 0; i < a.length; i++) {
                    s += W[u][i] * a[i][j];
                }
                z[u][j] = s;
            }
        }
        return z;
    }

    private static double[][] tanh(double[][] z) {
        double[][] a = new double[z.length][z[0].length];
        for (int u = 0; u < z.length; u++) {
            for (int j = 0; j < z[0].length; j++) {
                a[u][j] = Math.tanh(z[u][j]);
            }
        }
        return a;
    }

    private static double[][] random(int rows, int cols, Random r, double scale) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian() * scale;
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return "net " + W1[0].length + "-" + W1.length + "-" + W2.length;
    }
}
