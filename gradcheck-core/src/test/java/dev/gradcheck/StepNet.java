package dev.gradcheck;

import java.util.List;
import java.util.Random;

/**
 * A two-layer network (tanh hidden layer, linear output, J = 1/(2m)·Σ(Z2 − Y)²) that, like many hand-written
 * networks, never hands out its gradient: {@link #step(double)} backpropagates and updates W and b in place, in
 * jagged {@code double[][]} storage. {@link Flaw} seeds what goes wrong in real update-only code.
 */
final class StepNet {
    enum Flaw {
        NONE,
        /** Backprop bug: dW2 twice too large. */
        FACTOR_2_DW2,
        /** Backprop bug: dZ1 = dA1, the tanh derivative forgotten. */
        NO_TANH_DERIVATIVE,
        /** v = β·v + dW; W -= lr·v, with v kept from call to call. */
        MOMENTUM,
        /** The step uses the model's own learning rate, not the one it is given. */
        IGNORES_LR,
        /** W *= (1 − λ) after the step, independent of lr (decoupled weight decay, not in J). */
        DECOUPLED_DECAY,
        /** The whole update is scaled down to norm ≤ clipAt. */
        NORM_CLIP,
        /** Each entry's update is clipped to ±0.02. */
        ENTRY_CLIP,
        /** W2 is updated before dA1 = W2ᵀ·dZ2 is computed from it. */
        UPDATE_DURING_BACKPROP,
        /** Adam with bias correction, moments reset by the hook. */
        ADAM,
        /** Throws after W2 has been updated. */
        THROWS_MIDWAY,
        /** Assigns new arrays instead of updating in place. */
        REPLACES_ARRAYS
    }

    static final int N0 = 3;
    static final int N1 = 4;
    static final int N2 = 2;
    static final int M = 5;

    final Flaw flaw;
    double[][] W1 = new double[N1][N0];
    double[][] b1 = new double[N1][1];
    double[][] W2 = new double[N2][N1];
    double[][] b2 = new double[N2][1];
    /** Momentum / Adam first moments, and Adam second moments, one per parameter block (W1, b1, W2, b2). */
    final double[][][] v = {new double[N1][N0], new double[N1][1], new double[N2][N1], new double[N2][1]};
    final double[][][] s = {new double[N1][N0], new double[N1][1], new double[N2][N1], new double[N2][1]};
    int adamT;
    /** NORM_CLIP scales the whole update down to this norm. */
    double clipAt = 0.05;
    private final double[][] x = new double[N0][M];
    private final double[][] y = new double[N2][M];

    StepNet(Flaw flaw, long seed) {
        this.flaw = flaw;
        Random r = new Random(seed);
        fill(W1, r, 0.8);
        fill(b1, r, 0.1);
        fill(W2, r, 0.8);
        fill(b2, r, 0.1);
        fill(x, r, 1);
        fill(y, r, 1);
    }

    List<ParameterBlock> parameters() {
        return List.of(ParameterBlock.of("W1", W1), ParameterBlock.of("b1", b1), ParameterBlock.of("W2", W2),
                ParameterBlock.of("b2", b2));
    }

    void resetOptimizer() {
        for (double[][] a : s) {
            for (double[] row : a) {
                java.util.Arrays.fill(row, 0);
            }
        }
        adamT = 0;
        if (flaw == Flaw.ADAM) {
            for (double[][] a : v) {
                for (double[] row : a) {
                    java.util.Arrays.fill(row, 0);
                }
            }
        }
    }

    private double[][] a1() {
        double[][] a1 = new double[N1][M];
        for (int u = 0; u < N1; u++) {
            for (int j = 0; j < M; j++) {
                double z = b1[u][0];
                for (int i = 0; i < N0; i++) {
                    z += W1[u][i] * x[i][j];
                }
                a1[u][j] = Math.tanh(z);
            }
        }
        return a1;
    }

    private double[][] z2(double[][] a1) {
        double[][] z2 = new double[N2][M];
        for (int u = 0; u < N2; u++) {
            for (int j = 0; j < M; j++) {
                double z = b2[u][0];
                for (int i = 0; i < N1; i++) {
                    z += W2[u][i] * a1[i][j];
                }
                z2[u][j] = z;
            }
        }
        return z2;
    }

    double cost() {
        double[][] z2 = z2(a1());
        double sum = 0;
        for (int u = 0; u < N2; u++) {
            for (int j = 0; j < M; j++) {
                sum += (z2[u][j] - y[u][j]) * (z2[u][j] - y[u][j]);
            }
        }
        return sum / (2 * M);
    }

    /** One step of backprop and update, in place, at learning rate lr. */
    void step(double lr) {
        double rate = flaw == Flaw.IGNORES_LR ? 0.05 : lr;
        if (flaw == Flaw.UPDATE_DURING_BACKPROP || flaw == Flaw.THROWS_MIDWAY) {
            double[][] a1 = a1();
            double[][] dZ2 = dZ2(a1);
            update(List.of(W2, b2), List.of(times(dZ2, transpose(a1)), rowSums(dZ2)), 2, rate);
            if (flaw == Flaw.THROWS_MIDWAY) {
                throw new ArithmeticException("backprop failed after updating W2");
            }
            double[][] dZ1 = dZ1(a1, dZ2); // from the W2 just updated
            update(List.of(W1, b1), List.of(times(dZ1, transpose(x)), rowSums(dZ1)), 0, rate);
            return;
        }
        double[][][] g = backprop();
        update(List.of(W1, b1, W2, b2), java.util.Arrays.asList(g), 0, rate);
        if (flaw == Flaw.DECOUPLED_DECAY) {
            scale(W1, 1 - 1e-3);
            scale(W2, 1 - 1e-3);
        }
    }

    /** dW1, db1, dW2, db2 at the current θ, with the backprop flaws (not the optimizer ones). */
    double[][][] backprop() {
        double[][] a1 = a1();
        double[][] dZ2 = dZ2(a1);
        double[][] dW2 = times(dZ2, transpose(a1));
        if (flaw == Flaw.FACTOR_2_DW2) {
            scale(dW2, 2);
        }
        double[][] dZ1 = dZ1(a1, dZ2);
        return new double[][][] {times(dZ1, transpose(x)), rowSums(dZ1), dW2, rowSums(dZ2)};
    }

    private double[][] dZ2(double[][] a1) {
        double[][] z2 = z2(a1);
        double[][] dZ2 = new double[N2][M];
        for (int u = 0; u < N2; u++) {
            for (int j = 0; j < M; j++) {
                dZ2[u][j] = (z2[u][j] - y[u][j]) / M;
            }
        }
        return dZ2;
    }

    private double[][] dZ1(double[][] a1, double[][] dZ2) {
        double[][] dA1 = times(transpose(W2), dZ2);
        double[][] dZ1 = new double[N1][M];
        for (int u = 0; u < N1; u++) {
            for (int j = 0; j < M; j++) {
                dZ1[u][j] = flaw == Flaw.NO_TANH_DERIVATIVE ? dA1[u][j] : dA1[u][j] * (1 - a1[u][j] * a1[u][j]);
            }
        }
        return dZ1;
    }

    private void update(List<double[][]> params, List<double[][]> grads, int first, double lr) {
        double norm = 0;
        for (double[][] g : grads) {
            for (double[] row : g) {
                for (double e : row) {
                    norm += lr * e * lr * e;
                }
            }
        }
        double clipScale = flaw == Flaw.NORM_CLIP && Math.sqrt(norm) > clipAt ? clipAt / Math.sqrt(norm) : 1;
        adamT++;
        for (int k = 0; k < params.size(); k++) {
            double[][] p = params.get(k);
            double[][] g = grads.get(k);
            double[][] vk = v[first + k];
            double[][] sk = s[first + k];
            for (int r = 0; r < p.length; r++) {
                double[] next = flaw == Flaw.REPLACES_ARRAYS ? p[r].clone() : p[r];
                for (int c = 0; c < p[r].length; c++) {
                    double delta;
                    switch (flaw) {
                        case MOMENTUM -> {
                            vk[r][c] = 0.9 * vk[r][c] + g[r][c];
                            delta = lr * vk[r][c];
                        }
                        case ADAM -> {
                            vk[r][c] = 0.9 * vk[r][c] + 0.1 * g[r][c];
                            sk[r][c] = 0.999 * sk[r][c] + 0.001 * g[r][c] * g[r][c];
                            double mHat = vk[r][c] / (1 - Math.pow(0.9, adamT));
                            double sHat = sk[r][c] / (1 - Math.pow(0.999, adamT));
                            delta = lr * mHat / (Math.sqrt(sHat) + 1e-8);
                        }
                        case ENTRY_CLIP -> delta = Math.max(-0.02, Math.min(0.02, lr * g[r][c]));
                        default -> delta = lr * g[r][c] * clipScale;
                    }
                    next[c] -= delta;
                }
                if (flaw == Flaw.REPLACES_ARRAYS) {
                    replaceRow(first + k, r, next);
                }
            }
        }
    }

    /** A fresh outer array with the new row, assigned to the field: the old array (and its views) is left behind. */
    private void replaceRow(int block, int r, double[] row) {
        double[][] old = switch (block) {
            case 0 -> W1;
            case 1 -> b1;
            case 2 -> W2;
            default -> b2;
        };
        double[][] fresh = old.clone();
        fresh[r] = row;
        switch (block) {
            case 0 -> W1 = fresh;
            case 1 -> b1 = fresh;
            case 2 -> W2 = fresh;
            default -> b2 = fresh;
        }
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[][] rowSums(double[][] a) {
        double[][] s = new double[a.length][1];
        for (int i = 0; i < a.length; i++) {
            for (double e : a[i]) {
                s[i][0] += e;
            }
        }
        return s;
    }

    private static void scale(double[][] a, double f) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= f;
            }
        }
    }

    private static void fill(double[][] a, Random r, double scale) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian() * scale;
            }
        }
    }

    static double[][] deep(double[][] a) {
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i].clone();
        }
        return d;
    }
}
