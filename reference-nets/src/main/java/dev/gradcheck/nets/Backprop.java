package dev.gradcheck.nets;

/**
 * The forward pass and backprop of the notes over a network's layers, with the injected bug's one deviation read
 * from {@link Faults}:
 *
 * <pre>
 *   Z[l] = W[l]·A[l−1] + b[l],  A[l] = g(Z[l]) ∘ D[l] / keepProb[l]   (l = 1..L−1, A[0] = X)
 *   Z[L] = W[L]·A[L−1] + b[L],  A[L] = σ / softmax / identity of Z[L] (by the loss)
 *
 *   dZ[L] = A[L] − Y
 *   dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ + (λ/m)·W[l] + (λ₁/m)·sign(W[l])
 *   db[l] = (1/m)·Σ over the examples of dZ[l]
 *   dA[l−1] = W[l]ᵀ·dZ[l] ∘ D[l−1] / keepProb[l−1],  dZ[l−1] = dA[l−1] ∘ g'(Z[l−1])
 * </pre>
 *
 * Passes over the training batch write the layers' own buffers (Z, A, dA, dZ, dW, db), so they allocate nothing.
 */
final class Backprop {
    private final Layer[] layers;
    private final Activation hidden;
    private final Loss loss;
    private final Dropout dropout;
    private final Dataset batch;
    private final Penalty penalty;
    private final Faults faults;
    private final int m;
    /** Z[l] and A[l] of the training batch: the layers' buffers, A[0] = X. */
    private final Matrix[] z;
    private final Matrix[] a;

    Backprop(Layer[] layers, Activation hidden, Loss loss, Dropout dropout, Dataset batch, Penalty penalty,
             Faults faults) {
        this.layers = layers;
        this.hidden = hidden;
        this.loss = loss;
        this.dropout = dropout;
        this.batch = batch;
        this.penalty = penalty;
        this.faults = faults;
        this.m = batch.m();
        z = new Matrix[layers.length];
        a = new Matrix[layers.length];
        a[0] = batch.X();
        for (int l = 1; l < layers.length; l++) {
            z[l] = layers[l].Z;
            a[l] = layers[l].A;
        }
    }

    private int depth() {
        return layers.length - 1;
    }

    /** The forward pass over the training batch, with dropout, then Σ over the batch of the loss. */
    double lossSum() {
        forwardBatch();
        return loss.sum(z[depth()], a[depth()], batch.Y());
    }

    /** The forward pass over the training batch, with dropout: Z[l] and A[l] of every layer are left in place. */
    void forwardBatch() {
        forward(batch.X(), z, a, true);
    }

    /** The forward pass of x through every layer into zs[l], as[l] (l = 1..L); dropout only when training. */
    void forward(Matrix x, Matrix[] zs, Matrix[] as, boolean training) {
        int depth = depth();
        Matrix aPrev = x;
        for (int l = 1; l <= depth; l++) {
            layers[l].linear(aPrev, zs[l]);
            if (l == depth) {
                loss.activate(zs[l], as[l]);
            } else {
                double[] zd = zs[l].data();
                double[] ad = as[l].data();
                for (int i = 0; i < zd.length; i++) {
                    ad[i] = hidden.g(zd[i]);
                }
                Matrix mask = training ? dropout.mask(l) : null;
                if (mask != null) {
                    double[] d = mask.data();
                    double keep = dropout.keepProb(l);
                    for (int i = 0; i < ad.length; i++) {
                        ad[i] = ad[i] * d[i] / keep;
                    }
                }
            }
            aPrev = as[l];
        }
    }

    /** Backprop over the batch from the last forward pass: fills dZ, dA, dW, db of every layer. */
    void backward() {
        int depth = depth();
        Layer out = layers[depth];
        loss.dZ(out.A, batch.Y(), out.dZ);
        if (faults.outputDZFlipped(depth)) {
            scale(out.dZ, -1);
        }
        for (int l = depth; l >= 1; l--) {
            Layer layer = layers[l];
            Matrix aPrev = l == 1 ? batch.X() : layers[l - 1].A;
            double dwScale = faults.dWScale(l, m);
            if (faults.dWTransposed(l)) {
                Blas.gemm(dwScale, aPrev, false, layer.dZ, true, 0.0, layer.dW);
            } else {
                Blas.gemm(dwScale, layer.dZ, false, aPrev, true, 0.0, layer.dW);
            }
            penalty.addGradient(l, layer.W, layer.dW);
            sumOverExamples(layer.dZ, faults.dbScale(l, m), layer.db);
            if (faults.dbSummedOverAllAxes(l)) {
                layer.db.fill(sum(layer.dZ) / m);
            }
            if (l > 1) {
                Layer below = layers[l - 1];
                Blas.gemm(1.0, layer.W, true, layer.dZ, false, 0.0, below.dA);
                dropoutBackward(l - 1, below.dA);
                activationBackward(below);
            }
        }
    }

    /** dA[l] = dA[l] ∘ D[l] / keepProb[l] with the mask of the forward pass. */
    private void dropoutBackward(int l, Matrix dA) {
        Matrix mask = dropout.lastMask(l);
        if (mask == null) {
            return;
        }
        boolean applyMask = faults.dropoutMaskApplied(l);
        double divide = faults.dropoutScaled(l) ? dropout.keepProb(l) : 1.0;
        double[] d = dA.data();
        double[] md = mask.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (applyMask ? d[i] * md[i] : d[i]) / divide;
        }
    }

    /** dZ[l] = dA[l] ∘ g'(Z[l]). */
    private void activationBackward(Layer layer) {
        int l = layer.l;
        boolean valueForSlope = faults.slopeFromValue(l);
        boolean noSlope = faults.slopeDropped(l);
        double[] zd = layer.Z.data();
        double[] dA = layer.dA.data();
        double[] dZ = layer.dZ.data();
        for (int i = 0; i < zd.length; i++) {
            double slope = noSlope ? 1 : valueForSlope ? hidden.g(zd[i]) : hidden.derivative(zd[i]);
            dZ[i] = dA[i] * slope;
        }
    }

    private static void scale(Matrix x, double k) {
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= k;
        }
    }

    private static double sum(Matrix x) {
        double s = 0;
        for (double v : x.data()) {
            s += v;
        }
        return s;
    }

    /** out[r] = k·Σ_c x[r][c]. */
    private static void sumOverExamples(Matrix x, double k, Matrix out) {
        double[] d = x.data();
        int cols = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += d[r * cols + c];
            }
            out.data()[r] = k * s;
        }
    }
}
