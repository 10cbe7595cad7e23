package dev.gradcheck.sensitivity;

import java.util.Random;

/** Logistic regression with a single weight and no bias: J(w) = 1/m·Σ log(1 + exp(−y·w·x)), y ∈ {−1, +1}. */
final class OneWeight extends UserModel {

    private final double[] x;
    private final double[] y;

    OneWeight(long seed, int m) {
        super(new String[] {"w"}, new int[][] {{1, 1}}, new double[][] {new double[1]});
        Random r = new Random(seed);
        theta[0][0] = 0.5 + r.nextDouble();
        x = new double[m];
        y = new double[m];
        for (int j = 0; j < m; j++) {
            x[j] = r.nextGaussian();
            y[j] = r.nextDouble() < sigmoid(2 * x[j]) ? 1 : -1;
        }
    }

    @Override
    double cost(double[][] p) {
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            sum += softplus(-y[j] * p[0][0] * x[j]);
        }
        return sum / x.length;
    }

    @Override
    double[][] backprop(double[][] p) {
        double dw = 0;
        for (int j = 0; j < x.length; j++) {
            dw += -y[j] * x[j] * sigmoid(-y[j] * p[0][0] * x[j]);
        }
        return new double[][] {{dw / x.length}};
    }
}
