package dev.gradcheck.sensitivity;

import java.util.Random;

/** ŷ = w·x + b over m examples of 3 features, J = 1/(2m)·Σ(ŷ − y)² with y from a noisy linear truth. */
final class LinearRegression extends UserModel {

    private static final int N = 3;
    private final int m;
    private final double[] X;
    private final double[] y;

    LinearRegression(long seed, int m) {
        super(new String[] {"w", "b"}, new int[][] {{1, N}, {1, 1}}, new double[][] {new double[N], new double[1]});
        this.m = m;
        Random r = new Random(seed);
        double[] wTrue = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        for (int k = 0; k < N; k++) {
            theta[0][k] = 0.1 * r.nextGaussian();
        }
        X = new double[m * N];
        y = new double[m];
        for (int j = 0; j < m; j++) {
            double t = 0.5;
            for (int k = 0; k < N; k++) {
                X[j * N + k] = r.nextGaussian();
                t += wTrue[k] * X[j * N + k];
            }
            y[j] = t + 0.1 * r.nextGaussian();
        }
    }

    private double residual(double[][] p, int j) {
        double yHat = p[1][0];
        for (int k = 0; k < N; k++) {
            yHat += p[0][k] * X[j * N + k];
        }
        return yHat - y[j];
    }

    @Override
    double cost(double[][] p) {
        double sum = 0;
        for (int j = 0; j < m; j++) {
            double e = residual(p, j);
            sum += e * e;
        }
        return sum / (2 * m);
    }

    @Override
    double[][] backprop(double[][] p) {
        double[] dw = new double[N];
        double[] db = new double[1];
        for (int j = 0; j < m; j++) {
            double e = residual(p, j) / m;
            db[0] += e;
            for (int k = 0; k < N; k++) {
                dw[k] += e * X[j * N + k];
            }
        }
        return new double[][] {dw, db};
    }
}
