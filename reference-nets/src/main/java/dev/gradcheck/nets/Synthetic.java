package dev.gradcheck.nets;

/**
 * Small synthetic data sets made from a seed, so that every run and every test sees the same numbers and nothing
 * is downloaded.
 */
public final class Synthetic {
    private Synthetic() {
    }

    /**
     * m examples for a network with {@code nIn} inputs and {@code nOut} outputs: X ~ N(0, 1) (nIn×m) and labels
     * from a random linear "teacher" S = T·X fitting the loss: for sigmoid-ce y = 1{S + noise &gt; 0} per unit
     * (binary, or multi-label when nOut &gt; 1), for softmax-ce the one-hot argmax of S per column, for mse
     * y = tanh(S).
     */
    public static Dataset batch(int nIn, int nOut, int m, Loss loss, Rng rng) {
        Matrix x = gaussian(nIn, m, 1.0, rng);
        Matrix t = gaussian(nOut, nIn, 1.0 / Math.sqrt(nIn), rng);
        Matrix s = Blas.multiply(t, x);
        Matrix y = new Matrix(nOut, m);
        switch (loss) {
            case SIGMOID_CE -> {
                for (int i = 0; i < s.data().length; i++) {
                    y.data()[i] = s.data()[i] + 0.3 * rng.nextGaussian() > 0 ? 1 : 0;
                }
            }
            case SOFTMAX_CE -> {
                for (int j = 0; j < m; j++) {
                    int best = 0;
                    for (int k = 1; k < nOut; k++) {
                        if (s.get(k, j) > s.get(best, j)) {
                            best = k;
                        }
                    }
                    y.set(best, j, 1);
                }
            }
            case MSE -> {
                for (int i = 0; i < s.data().length; i++) {
                    y.data()[i] = Math.tanh(s.data()[i]);
                }
            }
        }
        return new Dataset(x, y);
    }

    /**
     * A two-class problem in the plane that a linear model cannot solve: x uniform in [−1.5, 1.5]², y = 1 inside
     * the circle of radius 1.2 (about half the square), each label flipped with probability {@code labelNoise}
     * (so the Bayes error is {@code labelNoise}). X is 2×m, Y is 1×m.
     */
    public static Dataset circles(int m, double labelNoise, Rng rng) {
        if (!(labelNoise >= 0 && labelNoise < 0.5)) {
            throw new IllegalArgumentException("label noise must be in [0, 0.5), got " + labelNoise);
        }
        Matrix x = new Matrix(2, m);
        Matrix y = new Matrix(1, m);
        for (int j = 0; j < m; j++) {
            double u = 3 * rng.nextDouble() - 1.5;
            double v = 3 * rng.nextDouble() - 1.5;
            x.set(0, j, u);
            x.set(1, j, v);
            boolean inside = u * u + v * v < 1.44;
            if (rng.nextDouble() < labelNoise) {
                inside = !inside;
            }
            y.set(0, j, inside ? 1 : 0);
        }
        return new Dataset(x, y);
    }

    /** A rows×cols matrix of N(0, scale²) draws. */
    public static Matrix gaussian(int rows, int cols, double scale, Rng rng) {
        Matrix g = new Matrix(rows, cols);
        double[] d = g.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = scale * rng.nextGaussian();
        }
        return g;
    }
}
