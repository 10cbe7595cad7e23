package dev.gradcheck.nets.practice;

import dev.gradcheck.nets.Matrix;

/**
 * Input normalization: μ = (1/m)·Σ x and σ² = (1/m)·Σ (x − μ)² per feature (row of X), taken from the
 * <em>training</em> set only, then x := (x − μ)/σ applied unchanged to training, dev and test data, so that all
 * three go through the same transformation. A feature with σ² = 0 is only centred.
 */
public final class Normalizer {
    private final double[] mu;
    private final double[] sigma2;

    private Normalizer(double[] mu, double[] sigma2) {
        this.mu = mu;
        this.sigma2 = sigma2;
    }

    /** μ and σ² of each row (feature) of the training inputs X (n[0]×m, examples as columns). */
    public static Normalizer fit(Matrix xTrain) {
        int n = xTrain.rows();
        int m = xTrain.cols();
        double[] mu = new double[n];
        double[] sigma2 = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += xTrain.get(i, j);
            }
            mu[i] = s / m;
            double v = 0;
            for (int j = 0; j < m; j++) {
                double d = xTrain.get(i, j) - mu[i];
                v += d * d;
            }
            sigma2[i] = v / m;
        }
        return new Normalizer(mu, sigma2);
    }

    /** (x − μ)/σ for every example of x, as a new matrix; x must have the training set's number of features. */
    public Matrix apply(Matrix x) {
        if (x.rows() != mu.length) {
            throw new IllegalArgumentException("X is " + x.shape() + " but the normalizer was fitted on " + mu.length
                    + " features (rows)");
        }
        Matrix out = new Matrix(x.rows(), x.cols());
        for (int i = 0; i < x.rows(); i++) {
            double sigma = sigma2[i] > 0 ? Math.sqrt(sigma2[i]) : 1;
            for (int j = 0; j < x.cols(); j++) {
                out.set(i, j, (x.get(i, j) - mu[i]) / sigma);
            }
        }
        return out;
    }

    /** μ per feature (a copy). */
    public double[] mean() {
        return mu.clone();
    }

    /** σ² per feature (a copy). */
    public double[] variance() {
        return sigma2.clone();
    }
}
