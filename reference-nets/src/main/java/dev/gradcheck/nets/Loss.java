package dev.gradcheck.nets;

/**
 * The output layer: its activation, the loss summed over the batch, and dZ[L] = ∂(Σ loss)/∂Z[L], side by side.
 * Each loss is paired with its canonical output activation, so dZ[L] = A[L] − Y for all three. The cost is
 * computed from Z[L] (not from A[L]) so that it never takes log(0): softplus for sigmoid, log-sum-exp for softmax.
 */
public enum Loss {
    /**
     * Sigmoid cross-entropy, binary (one output unit) or multi-label (several independent units):
     * A = σ(Z), loss = −Σₖ [y log a + (1 − y) log(1 − a)] = Σₖ [max(z, 0) − z·y + log(1 + e^−|z|)].
     */
    SIGMOID_CE("sigmoid-ce", 1) {
        @Override
        void activate(double[] z, double[] a, int rows, int cols) {
            for (int i = 0; i < z.length; i++) {
                a[i] = Activation.sigmoid(z[i]);
            }
        }

        @Override
        double sum(double[] z, double[] a, double[] y, int rows, int cols) {
            double s = 0;
            for (int i = 0; i < z.length; i++) {
                s += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
            }
            return s;
        }

        @Override
        double example(double[] z, int zOff, double[] y, int yOff, int units) {
            double s = 0;
            for (int k = 0; k < units; k++) {
                double zk = z[zOff + k];
                s += Math.max(zk, 0) - zk * y[yOff + k] + Math.log1p(Math.exp(-Math.abs(zk)));
            }
            return s;
        }

        @Override
        double entry(double z, double y) {
            return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
        }

        /** ℓ⁽²⁾ = σ(1 − σ), ℓ⁽³⁾ = σ(1 − σ)(1 − 2σ), |ℓ⁽⁴⁾| = |q(1 − 6q)| ≤ 1/8 with q = σ(1 − σ) ≤ 1/4. */
        @Override
        void directional(double[] a, double[] y, int off, double[] s, int units, double[] into, int at) {
            double c1 = 0;
            double c2 = 0;
            double c3 = 0;
            double c4 = 0;
            for (int k = 0; k < units; k++) {
                double ak = a[off + k];
                double sk = s[off + k];
                double q = ak * (1 - ak);
                double s2 = sk * sk;
                c1 += (ak - y[off + k]) * sk;
                c2 += q * s2;
                c3 += q * (1 - 2 * ak) * s2 * sk;
                c4 += s2 * s2;
            }
            into[at] = c1;
            into[at + 1] = c2 / 2;
            into[at + 2] = c3 / 6;
            into[at + 3] = c4 / (8 * 24);
        }

        @Override
        void checkLabels(Matrix y) {
            for (double v : y.data()) {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("sigmoid-ce needs labels in [0, 1], found " + v);
                }
            }
        }
    },
    /**
     * Softmax cross-entropy over the output units (classes): A = softmax(Z) column by column,
     * loss = −Σₖ yₖ log aₖ = Σₖ yₖ (logΣⱼe^zⱼ − zₖ). Each column of Y must sum to 1 (one-hot labels).
     */
    SOFTMAX_CE("softmax-ce", 2) {
        @Override
        void activate(double[] z, double[] a, int rows, int cols) {
            for (int j = 0; j < cols; j++) {
                double max = columnMax(z, rows, cols, j);
                double sum = 0;
                for (int k = 0; k < rows; k++) {
                    double e = Math.exp(z[k * cols + j] - max);
                    a[k * cols + j] = e;
                    sum += e;
                }
                for (int k = 0; k < rows; k++) {
                    a[k * cols + j] /= sum;
                }
            }
        }

        @Override
        double sum(double[] z, double[] a, double[] y, int rows, int cols) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                int argMax = columnArgMax(z, rows, cols, j);
                double max = z[argMax * cols + j];
                // Σ over the other classes, so that a confident prediction (rest ≈ 1e-12) keeps its digits:
                // log(1 + rest) would round 1 + rest to a multiple of 2.2e-16 and quantize J.
                double rest = 0;
                for (int k = 0; k < rows; k++) {
                    if (k != argMax) {
                        rest += Math.exp(z[k * cols + j] - max);
                    }
                }
                double log1pRest = Math.log1p(rest);
                for (int k = 0; k < rows; k++) {
                    s += y[k * cols + j] * ((max - z[k * cols + j]) + log1pRest);
                }
            }
            return s;
        }

        @Override
        double example(double[] z, int zOff, double[] y, int yOff, int units) {
            // The same formula as sum(): max, then log1p over the other classes, so both paths agree to round-off.
            int argMax = 0;
            for (int k = 1; k < units; k++) {
                if (z[zOff + k] > z[zOff + argMax]) {
                    argMax = k;
                }
            }
            double max = z[zOff + argMax];
            double rest = 0;
            for (int k = 0; k < units; k++) {
                if (k != argMax) {
                    rest += Math.exp(z[zOff + k] - max);
                }
            }
            double log1pRest = Math.log1p(rest);
            double s = 0;
            for (int k = 0; k < units; k++) {
                s += y[yOff + k] * ((max - z[zOff + k]) + log1pRest);
            }
            return s;
        }

        @Override
        boolean elementwise() {
            return false;
        }

        /**
         * Along s, log-sum-exp has the cumulants of s under p = softmax(z) as derivatives: mean μ, variance, third
         * central moment; the fourth cumulant, anywhere, is at most E(s − μ)⁴ + 3Var² ≤ (19/16)·R⁴, R = max s − min s.
         */
        @Override
        void directional(double[] a, double[] y, int off, double[] s, int units, double[] into, int at) {
            double mean = 0;
            double ySum = 0;
            double ys = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < units; k++) {
                double sk = s[off + k];
                mean += a[off + k] * sk;
                ySum += y[off + k];
                ys += y[off + k] * sk;
                min = Math.min(min, sk);
                max = Math.max(max, sk);
            }
            double var = 0;
            double third = 0;
            for (int k = 0; k < units; k++) {
                double d = s[off + k] - mean;
                double pd2 = a[off + k] * d * d;
                var += pd2;
                third += pd2 * d;
            }
            double range2 = (max - min) * (max - min);
            into[at] = ySum * mean - ys;
            into[at + 1] = ySum * var / 2;
            into[at + 2] = ySum * third / 6;
            into[at + 3] = ySum * 19.0 / 16 * range2 * range2 / 24;
        }

        @Override
        void checkLabels(Matrix y) {
            for (int j = 0; j < y.cols(); j++) {
                double sum = 0;
                for (int k = 0; k < y.rows(); k++) {
                    double v = y.get(k, j);
                    if (!(v >= 0 && v <= 1)) {
                        throw new IllegalArgumentException("softmax-ce needs labels in [0, 1], found " + v
                                + " in column " + j);
                    }
                    sum += v;
                }
                if (Math.abs(sum - 1) > 1e-9) {
                    throw new IllegalArgumentException("softmax-ce needs each column of Y to sum to 1 (one-hot), "
                            + "column " + j + " sums to " + sum);
                }
            }
        }
    },
    /** Squared error with the ½ of the notes: A = Z (linear output), loss = ½ Σₖ (a − y)². */
    MSE("mse", 1) {
        @Override
        void activate(double[] z, double[] a, int rows, int cols) {
            System.arraycopy(z, 0, a, 0, z.length);
        }

        @Override
        double sum(double[] z, double[] a, double[] y, int rows, int cols) {
            double s = 0;
            for (int i = 0; i < z.length; i++) {
                double d = z[i] - y[i];
                s += d * d;
            }
            return 0.5 * s;
        }

        @Override
        double example(double[] z, int zOff, double[] y, int yOff, int units) {
            double s = 0;
            for (int k = 0; k < units; k++) {
                double d = z[zOff + k] - y[yOff + k];
                s += d * d;
            }
            return 0.5 * s;
        }

        @Override
        double entry(double z, double y) {
            double d = z - y;
            return 0.5 * (d * d);
        }

        /** A quadratic: exactly (Σ(a − y)s)·t + (Σs²/2)·t². */
        @Override
        void directional(double[] a, double[] y, int off, double[] s, int units, double[] into, int at) {
            double c1 = 0;
            double c2 = 0;
            for (int k = 0; k < units; k++) {
                double sk = s[off + k];
                c1 += (a[off + k] - y[off + k]) * sk;
                c2 += sk * sk;
            }
            into[at] = c1;
            into[at + 1] = c2 / 2;
            into[at + 2] = 0;
            into[at + 3] = 0;
        }

        @Override
        void checkLabels(Matrix y) {
            for (double v : y.data()) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("mse needs finite targets, found " + v);
                }
            }
        }
    };

    private final String label;
    private final int minOutputs;

    Loss(String label, int minOutputs) {
        this.label = label;
        this.minOutputs = minOutputs;
    }

    /** A[L] = output activation of Z[L], both n[L]×m. */
    public void activate(Matrix z, Matrix a) {
        z.requireSameShape(a, label + " activation");
        activate(z.data(), a.data(), z.rows(), z.cols());
    }

    /** Σ over the batch of the loss (not yet divided by m), from Z[L] and A[L] = activate(Z[L]). */
    public double sum(Matrix z, Matrix a, Matrix y) {
        z.requireSameShape(y, label + " loss: Z[L] and Y");
        return sum(z.data(), a.data(), y.data(), z.rows(), z.cols());
    }

    /** dZ[L] = A[L] − Y: the gradient of Σ loss with respect to Z[L] (the 1/m comes later, in dW and db). */
    public void dZ(Matrix a, Matrix y, Matrix dZ) {
        a.requireSameShape(y, label + " dZ: A[L] and Y");
        double[] av = a.data();
        double[] yv = y.data();
        double[] d = dZ.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = av[i] - yv[i];
        }
    }

    abstract void activate(double[] z, double[] a, int rows, int cols);

    abstract double sum(double[] z, double[] a, double[] y, int rows, int cols);

    /**
     * The loss of one example (a column of Z[L]) whose {@code units} outputs are contiguous in {@code z} from
     * {@code zOff}, labels in {@code y} from {@code yOff}: the same terms {@link #sum} adds for that column.
     */
    abstract double example(double[] z, int zOff, double[] y, int yOff, int units);

    /**
     * One example's loss along a direction s of its outputs: loss(z + s·t) − loss(z) = t·(c₁ + t·(c₂ + t·c₃)) + r with
     * |r| ≤ c₄·t⁴ for every t (Taylor with a bound on the fourth derivative). Writes c₁, c₂, c₃, c₄ to
     * {@code into[at..at+3]}. The example's A[L] = activate(z), labels and s are contiguous in {@code a}, {@code y},
     * {@code s} from {@code off}.
     */
    abstract void directional(double[] a, double[] y, int off, double[] s, int units, double[] into, int at);

    /** Whether the loss is a sum of one term per output unit (sigmoid-ce, mse), see {@link #entry}. */
    boolean elementwise() {
        return true;
    }

    /** The term of one output unit of an elementwise loss; softmax-ce has none (its terms share the column). */
    double entry(double z, double y) {
        throw new UnsupportedOperationException(label + " is not a sum of one term per output unit");
    }

    /** Refuses labels this loss cannot take, with the offending value. */
    abstract void checkLabels(Matrix y);

    /** The fewest output units this loss makes sense with (softmax over one unit is constant). */
    public int minOutputs() {
        return minOutputs;
    }

    /** The name used on the command line: sigmoid-ce, softmax-ce, mse. */
    public String label() {
        return label;
    }

    /** The output activation's name, for descriptions. */
    public String outputActivation() {
        return switch (this) {
            case SIGMOID_CE -> "sigmoid";
            case SOFTMAX_CE -> "softmax";
            case MSE -> "linear";
        };
    }

    /** The loss called {@code label} (sigmoid-ce, softmax-ce, mse). */
    public static Loss fromLabel(String label) {
        for (Loss l : values()) {
            if (l.label.equalsIgnoreCase(label)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + label + "': expected one of sigmoid-ce, softmax-ce, "
                + "mse");
    }

    private static double columnMax(double[] z, int rows, int cols, int j) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < rows; k++) {
            max = Math.max(max, z[k * cols + j]);
        }
        return max;
    }

    private static int columnArgMax(double[] z, int rows, int cols, int j) {
        int best = 0;
        for (int k = 1; k < rows; k++) {
            if (z[k * cols + j] > z[best * cols + j]) {
                best = k;
            }
        }
        return best;
    }
}
