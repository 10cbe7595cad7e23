package com.example;

import java.util.List;
import java.util.Random;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Trainable;

/** A user's model in src/main (so gradcheck-core is a compile dependency): n0 inputs, n1 tanh units, one sigmoid output, cross-entropy + λ/2m·‖W‖²; examples as columns. */
public class Mlp implements Differentiable, Trainable {
    final int n0, n1, m;
    final double lambda;
    final double[] W1, b1, W2, b2 = new double[1], X, Y;

    public Mlp(int n0, int n1, int m, double lambda, long seed) {
        this.n0 = n0;
        this.n1 = n1;
        this.m = m;
        this.lambda = lambda;
        Random r = new Random(seed);
        W1 = gaussian(r, n1 * n0, Math.sqrt(1.0 / n0));
        b1 = new double[n1];
        W2 = gaussian(r, n1, Math.sqrt(1.0 / n1));
        X = gaussian(r, n0 * m, 1);
        Y = new double[m];
        for (int j = 0; j < m; j++) {
            Y[j] = r.nextBoolean() ? 1 : 0;
        }
    }

    private static double[] gaussian(Random r, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * std;
        }
        return v;
    }

    @Override
    public List<ParameterBlock> parameters() {
        return List.of(ParameterBlock.of("W1", n1, n0, W1), ParameterBlock.of("b1", n1, 1, b1),
                ParameterBlock.of("W2", 1, n1, W2), ParameterBlock.of("b2", 1, 1, b2));
    }

    /** A1 (n1×m) and A2 (1×m). */
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
        double w = 0;
        for (double v : W1) {
            w += v * v;
        }
        for (double v : W2) {
            w += v * v;
        }
        return j / m + lambda / (2 * m) * w;
    }

    @Override
    public Gradients gradients() {
        double[][] f = forward();
        double[] a1 = f[0];
        double[] a2 = f[1];
        double[] dW1 = new double[n1 * n0], db1 = new double[n1], dW2 = new double[n1], db2 = new double[1];
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
        for (int i = 0; i < dW1.length; i++) {
            dW1[i] += lambda / m * W1[i];
        }
        for (int i = 0; i < n1; i++) {
            dW2[i] += lambda / m * W2[i];
        }
        return Gradients.builder().put("W1", dW1).put("b1", db1).put("W2", dW2).put("b2", db2).build();
    }

    @Override
    public void train(int steps) {
        for (int s = 0; s < steps; s++) {
            Gradients g = gradients();
            for (ParameterBlock p : parameters()) {
                double[] d = g.get(p.name());
                for (int i = 0; i < p.size(); i++) {
                    p.set(i, p.get(i) - 0.5 * d[i]);
                }
            }
        }
    }
}
