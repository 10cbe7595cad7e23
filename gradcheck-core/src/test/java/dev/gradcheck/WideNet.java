package dev.gradcheck;

import java.util.List;
import java.util.Random;

/**
 * A user's model too big for the default budget: n0 inputs, n1 tanh units, one sigmoid output, mean cross-entropy
 * over m examples (columns of X); W1 is n1×n0, so 100-60 has 6,121 parameters and a full check needs about 12,300
 * cost evaluations. A {@link Bug} puts one error into backprop, in one block.
 */
final class WideNet implements Differentiable {

    enum Bug {
        NONE,
        /** db2 off by 10 % of itself: a one-entry block the whole of θ's gradient would hide. */
        DB2_OFF,
        /** One entry of dW1, near its end, doubled: an error a random sample of dW1 misses. */
        ONE_ENTRY_DW1,
        /** dW1 scaled by 1.01: every entry wrong. */
        SCALED_DW1
    }

    final int n0;
    final int n1;
    final int m;
    final double[] W1;
    final double[] b1;
    final double[] W2;
    final double[] b2 = new double[1];
    final double[] X;
    final double[] Y;
    final Bug bug;
    /** The entry of dW1 that {@link Bug#ONE_ENTRY_DW1} doubles. */
    final int wrongEntry;

    WideNet(int n0, int n1, int m, long seed, Bug bug) {
        this.n0 = n0;
        this.n1 = n1;
        this.m = m;
        this.bug = bug;
        Random r = new Random(seed);
        W1 = gaussian(r, n1 * n0, 1 / Math.sqrt(n0));
        b1 = gaussian(r, n1, 0.1);
        W2 = gaussian(r, n1, 1 / Math.sqrt(n1));
        X = gaussian(r, n0 * m, 1);
        Y = new double[m];
        for (int j = 0; j < m; j++) {
            Y[j] = r.nextBoolean() ? 1 : 0;
        }
        wrongEntry = n1 * n0 - 1 - r.nextInt(n0);
    }

    private static double[] gaussian(Random r, int n, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * sd;
        }
        return v;
    }

    @Override
    public List<ParameterBlock> parameters() {
        return List.of(ParameterBlock.of("W1", n1, n0, W1), ParameterBlock.of("b1", n1, 1, b1),
                ParameterBlock.of("W2", 1, n1, W2), ParameterBlock.of("b2", 1, 1, b2));
    }

    /** A1 (n1×m, row-major) and A2 (m). */
    private double[][] forward() {
        double[] a1 = new double[n1 * m];
        double[] a2 = new double[m];
        for (int j = 0; j < m; j++) {
            double z2 = b2[0];
            for (int i = 0; i < n1; i++) {
                double z = b1[i];
                for (int k = 0; k < n0; k++) {
                    z += W1[i * n0 + k] * X[k * m + j];
                }
                a1[i * m + j] = Math.tanh(z);
                z2 += W2[i] * a1[i * m + j];
            }
            a2[j] = 1 / (1 + Math.exp(-z2));
        }
        return new double[][] {a1, a2};
    }

    @Override
    public double cost() {
        double[] a2 = forward()[1];
        double j = 0;
        for (int k = 0; k < m; k++) {
            j -= Y[k] * Math.log(a2[k]) + (1 - Y[k]) * Math.log(1 - a2[k]);
        }
        return j / m;
    }

    @Override
    public Gradients gradients() {
        double[][] f = forward();
        double[] a1 = f[0];
        double[] a2 = f[1];
        double[] dW1 = new double[n1 * n0];
        double[] db1 = new double[n1];
        double[] dW2 = new double[n1];
        double[] db2 = new double[1];
        for (int j = 0; j < m; j++) {
            double dz2 = (a2[j] - Y[j]) / m;
            db2[0] += dz2;
            for (int i = 0; i < n1; i++) {
                double a = a1[i * m + j];
                dW2[i] += dz2 * a;
                double dz1 = W2[i] * dz2 * (1 - a * a);
                db1[i] += dz1;
                for (int k = 0; k < n0; k++) {
                    dW1[i * n0 + k] += dz1 * X[k * m + j];
                }
            }
        }
        switch (bug) {
            case DB2_OFF -> db2[0] *= 1.1;
            case ONE_ENTRY_DW1 -> dW1[wrongEntry] *= 2;
            case SCALED_DW1 -> {
                for (int i = 0; i < dW1.length; i++) {
                    dW1[i] *= 1.01;
                }
            }
            default -> {
            }
        }
        return Gradients.builder().put("W1", dW1).put("b1", db1).put("W2", dW2).put("b2", db2).build();
    }

    @Override
    public String toString() {
        return "WideNet " + n0 + "-" + n1 + "-1 (" + bug + ")";
    }
}
