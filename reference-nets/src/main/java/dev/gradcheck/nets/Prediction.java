package dev.gradcheck.nets;

/** A[L] of new examples, without dropout, and the error it makes on labelled data. */
final class Prediction {
    private Prediction() {
    }

    /** A[L] for the examples (columns) of {@code x}, without dropout, in buffers of its own. */
    static Matrix predict(Backprop passes, int[] n, Matrix x) {
        if (x.rows() != n[0]) {
            throw new IllegalArgumentException("X is " + x.shape() + " but the network takes n[0] = " + n[0]
                    + " inputs per example (X must be " + n[0] + "×m)");
        }
        Matrix[] zs = new Matrix[n.length];
        Matrix[] as = new Matrix[n.length];
        for (int l = 1; l < n.length; l++) {
            zs[l] = new Matrix(n[l], x.cols());
            as[l] = new Matrix(n[l], x.cols());
        }
        passes.forward(x, zs, as, false);
        return as[n.length - 1];
    }

    /**
     * The error of the outputs {@code out} against the labels {@code y}: for sigmoid-ce the fraction of wrong 0/1
     * decisions (a ≥ 0.5) over all output units, for softmax-ce the fraction of examples whose argmax is wrong, for
     * mse the mean squared error per example Σₖ(a − y)²/m.
     */
    static double error(Loss loss, Matrix out, Matrix y) {
        out.requireSameShape(y, "error: A[L] and Y");
        double wrong = 0;
        switch (loss) {
            case SIGMOID_CE -> {
                for (int i = 0; i < out.data().length; i++) {
                    wrong += (out.data()[i] >= 0.5) != (y.data()[i] >= 0.5) ? 1 : 0;
                }
                return wrong / out.data().length;
            }
            case SOFTMAX_CE -> {
                for (int j = 0; j < out.cols(); j++) {
                    wrong += argmax(out, j) != argmax(y, j) ? 1 : 0;
                }
                return wrong / out.cols();
            }
            default -> {
                for (int i = 0; i < out.data().length; i++) {
                    double d = out.data()[i] - y.data()[i];
                    wrong += d * d;
                }
                return wrong / out.cols();
            }
        }
    }

    /** The row of the largest entry of column {@code col} (the first on a tie). */
    static int argmax(Matrix x, int col) {
        int best = 0;
        for (int k = 1; k < x.rows(); k++) {
            if (x.get(k, col) > x.get(best, col)) {
                best = k;
            }
        }
        return best;
    }
}
