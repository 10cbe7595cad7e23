package dev.gradcheck.nets;

/**
 * One dense layer l: its parameters W[l] (n[l]×n[l−1]) and b[l] (n[l]×1), and the buffers of one pass over the
 * training batch of m examples, reused by every pass: Z[l] and A[l] (n[l]×m) from the forward pass, dA[l], dZ[l],
 * dW[l] and db[l] from backprop. Keeping Z and A per layer is what lets a pass start from any layer.
 */
final class Layer {
    final int l;
    final Matrix W;
    final Matrix b;
    final Matrix Z;
    final Matrix A;
    final Matrix dA;
    final Matrix dZ;
    final Matrix dW;
    final Matrix db;

    Layer(int l, int nIn, int nOut, int m) {
        this.l = l;
        W = new Matrix(nOut, nIn);
        b = new Matrix(nOut, 1);
        Z = new Matrix(nOut, m);
        A = new Matrix(nOut, m);
        dA = new Matrix(nOut, m);
        dZ = new Matrix(nOut, m);
        dW = new Matrix(nOut, nIn);
        db = new Matrix(nOut, 1);
    }

    /** A layer with the same parameters and fresh buffers. */
    Layer copy() {
        Layer c = new Layer(l, W.cols(), W.rows(), Z.cols());
        c.W.copyFrom(W);
        c.b.copyFrom(b);
        return c;
    }

    int nIn() {
        return W.cols();
    }

    int nOut() {
        return W.rows();
    }

    /** Z = W·Aprev + b (b added to every column). Z and Aprev must have the same number of columns. */
    void linear(Matrix aPrev, Matrix z) {
        Blas.gemm(1.0, W, false, aPrev, false, 0.0, z);
        double[] zd = z.data();
        double[] bd = b.data();
        int cols = z.cols();
        for (int r = 0; r < z.rows(); r++) {
            double br = bd[r];
            int row = r * cols;
            for (int c = 0; c < cols; c++) {
                zd[row + c] += br;
            }
        }
    }
}
