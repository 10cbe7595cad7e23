package dev.gradcheck;

import java.util.Random;

/**
 * One tanh layer, A = tanh(W·X + b), J = 1/(2m)·Σ(A − Y)², written once over entry getters so that every storage
 * kind can run the same math on its own storage (no copies). W is units × inputs, as the course writes it.
 */
final class TanhLayer {
    final int units;
    final int inputs;
    final int m;
    final double[][] x; // inputs × m
    final double[][] y; // units × m

    TanhLayer(int units, int inputs, int m, long seed) {
        this.units = units;
        this.inputs = inputs;
        this.m = m;
        Random r = new Random(seed);
        x = new double[inputs][m];
        y = new double[units][m];
        for (double[] row : x) {
            for (int j = 0; j < m; j++) {
                row[j] = r.nextGaussian();
            }
        }
        for (double[] row : y) {
            for (int j = 0; j < m; j++) {
                row[j] = r.nextDouble() * 2 - 1;
            }
        }
    }

    /** Initial weights, units × inputs, seeded. */
    double[][] initialW(long seed) {
        Random r = new Random(seed);
        double[][] w = new double[units][inputs];
        for (double[] row : w) {
            for (int c = 0; c < inputs; c++) {
                row[c] = r.nextGaussian() * 0.7;
            }
        }
        return w;
    }

    double[] initialB(long seed) {
        Random r = new Random(seed + 1);
        double[] b = new double[units];
        for (int i = 0; i < units; i++) {
            b[i] = r.nextGaussian() * 0.1;
        }
        return b;
    }

    double[][] a(ParameterBlock.Getter w, ParameterBlock.Getter b) {
        double[][] a = new double[units][m];
        for (int u = 0; u < units; u++) {
            for (int j = 0; j < m; j++) {
                double z = b.get(u, 0);
                for (int i = 0; i < inputs; i++) {
                    z += w.get(u, i) * x[i][j];
                }
                a[u][j] = Math.tanh(z);
            }
        }
        return a;
    }

    double cost(ParameterBlock.Getter w, ParameterBlock.Getter b) {
        double[][] a = a(w, b);
        double s = 0;
        for (int u = 0; u < units; u++) {
            for (int j = 0; j < m; j++) {
                s += (a[u][j] - y[u][j]) * (a[u][j] - y[u][j]);
            }
        }
        return s / (2 * m);
    }

    /** dZ = (A − Y)·(1 − A²)/m, units × m. */
    double[][] dz(ParameterBlock.Getter w, ParameterBlock.Getter b) {
        double[][] a = a(w, b);
        double[][] dz = new double[units][m];
        for (int u = 0; u < units; u++) {
            for (int j = 0; j < m; j++) {
                dz[u][j] = (a[u][j] - y[u][j]) * (1 - a[u][j] * a[u][j]) / m;
            }
        }
        return dz;
    }

    /** dW = dZ·Xᵀ, units × inputs. */
    double[][] dW(ParameterBlock.Getter w, ParameterBlock.Getter b) {
        double[][] dz = dz(w, b);
        double[][] dw = new double[units][inputs];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < inputs; i++) {
                for (int j = 0; j < m; j++) {
                    dw[u][i] += dz[u][j] * x[i][j];
                }
            }
        }
        return dw;
    }

    /** db = Σⱼ dZ, units × 1. */
    double[][] db(ParameterBlock.Getter w, ParameterBlock.Getter b) {
        double[][] dz = dz(w, b);
        double[][] db = new double[units][1];
        for (int u = 0; u < units; u++) {
            for (int j = 0; j < m; j++) {
                db[u][0] += dz[u][j];
            }
        }
        return db;
    }
}
