package dev.gradcheck.nets;

import dev.gradcheck.Gradients;

/**
 * The regularization part of J and of dW: λ/(2m)·Σₗ‖W[l]‖²_F + (λ₁/m)·Σₗ Σ|W[l]| in J, and
 * (λ/m)·W[l] + (λ₁/m)·sign(W[l]) in dW[l].
 * Shared by {@link Network} (cost, backprop, {@code Regularized}) and {@link PerturbedForward} (which moves the
 * two sums by one entry's change instead of recomputing them).
 */
final class Penalty {
    private final double lambda;
    private final double l1;
    private final int m;
    private final Layer[] layers;
    private final Faults faults;

    /** @param layers the network's layers, index 1..L (read live: the sums follow the current W) */
    Penalty(double lambda, double l1, int m, Layer[] layers, Faults faults) {
        this.lambda = lambda;
        this.l1 = l1;
        this.m = m;
        this.layers = layers;
        this.faults = faults;
    }

    private int depth() {
        return layers.length - 1;
    }

    /** λ/(2m)·Σₗ‖W[l]‖²_F + (λ₁/m)·Σₗ Σ|W[l]| at the current W. */
    double value() {
        return of(squares(), abs());
    }

    /** J = (1/m)·Σ loss + the penalty, from Σ loss and the penalty's two sums. */
    double costOf(double lossSum, double squares, double abs) {
        return lossSum / m + of(squares, abs);
    }

    private double of(double squares, double abs) {
        return lambda / (2.0 * m) * squares + l1 / m * abs;
    }

    /**
     * Σ of W² over the layers whose squares the cost includes (all, unless the bug leaves one out); 0 without L2,
     * where λ·Σ W² is 0 anyway.
     */
    double squares() {
        double squares = 0;
        if (lambda == 0) {
            return squares;
        }
        for (int l = 1; l <= depth(); l++) {
            if (squaresInCost(l)) {
                squares += layers[l].W.sumOfSquares();
            }
        }
        return squares;
    }

    /** Σ of |W| over every layer; 0 without L1, where λ₁·Σ|W| is 0 anyway. */
    double abs() {
        double abs = 0;
        if (l1 == 0) {
            return abs;
        }
        for (int l = 1; l <= depth(); l++) {
            abs += layers[l].W.sumOfAbs();
        }
        return abs;
    }

    /** Whether ‖W[l]‖² is in the cost's L2 term (the catalogue's L2_COST_TERM_MISSING leaves one layer's out). */
    boolean squaresInCost(int l) {
        return faults.squaresInCost(l);
    }

    /** dW[l] += (λ/m)·W[l] + (λ₁/m)·sign(W[l]). */
    void addGradient(int l, Matrix w, Matrix dW) {
        double l2Scale = faults.l2GradientKept(l) ? lambda / m : 0;
        double l1Scale = faults.l1GradientKept(l) ? l1 / m : 0;
        if (l2Scale == 0 && l1Scale == 0) {
            return;
        }
        double[] wd = w.data();
        double[] d = dW.data();
        for (int i = 0; i < d.length; i++) {
            d[i] += l2Scale * wd[i] + l1Scale * Math.signum(wd[i]);
        }
    }

    /** The penalty's gradient alone: (λ/m)·W[l] + (λ₁/m)·sign(W[l]) for each W[l], zeros for each b[l]. */
    Gradients gradients() {
        Gradients.Builder g = Gradients.builder();
        for (int l = 1; l <= depth(); l++) {
            Matrix w = layers[l].W;
            Matrix dW = new Matrix(w.rows(), w.cols());
            addGradient(l, w, dW);
            g.put("W" + l, dW.data());
            g.put("b" + l, new double[w.rows()]);
        }
        return g.build();
    }
}
