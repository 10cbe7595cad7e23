package dev.gradcheck.nets;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Matrix products on OpenBLAS, the only class that talks to the native library. Everything is row-major
 * {@code double[]} with explicit shapes, and a shape mismatch is an {@link IllegalArgumentException} that names
 * both shapes.
 *
 * <p>The native library is loaded from the bytedeco jars on first use of this class, through the BLAS-only binding
 * {@code openblas_nolapack}: the LAPACK bindings ({@code openblas}, {@code openblas_full}: 2.7 MB of class file
 * each, a 24 MB JNI library) are never loaded, which took about 0.2 s of every start of the command line. There is no pure-Java path
 * for small products: measured on a 2-core x86-64, a JNI dgemm on a 5×4 times 4×8 product takes 0.16 µs against
 * 0.13 µs for a Java loop, and the native call is already 3× faster at 10×10 times 10×32, so the call overhead
 * never dominates enough to be worth a second code path.
 *
 * <p>OpenBLAS runs on one thread unless told otherwise (the system property {@code gradcheck.blas.threads}, or the
 * environment variable {@code OPENBLAS_NUM_THREADS}): at this project's sizes its threads cost more than they give,
 * by far on a loaded machine. Measured on a 2-core x86-64, cost() of a 784-128-64-10 network on 64 examples (a
 * 128×784 times 784×64 product and two small ones) takes 0.3 ms on one thread and 2 to 20 ms on two.
 */
public final class Blas {
    /** The system property that sets OpenBLAS's threads (0: OpenBLAS's own default, all cores). */
    public static final String THREADS_PROPERTY = "gradcheck.blas.threads";

    static {
        Loader.load(openblas_nolapack.class);
        String threads = System.getProperty(THREADS_PROPERTY);
        if (threads != null) {
            int t = Integer.parseInt(threads.trim());
            if (t > 0) {
                openblas_nolapack.blas_set_num_threads(t);
            }
        } else if (System.getenv("OPENBLAS_NUM_THREADS") == null) {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }

    private Blas() {
    }

    /** The threads OpenBLAS uses for a product. */
    public static int threads() {
        return openblas_nolapack.blas_get_num_threads();
    }

    /**
     * Sets the threads OpenBLAS uses for a product (benchmarks; the library's default is set once, above). Use this
     * rather than another bytedeco binding class, which would load a second copy of the library with its own setting.
     */
    public static void threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("OpenBLAS threads must be ≥ 1, got " + threads);
        }
        openblas_nolapack.blas_set_num_threads(threads);
    }

    /** OpenBLAS's version string, e.g. "OpenBLAS 0.3.31". */
    public static String version() {
        return openblas_nolapack.OPENBLAS_VERSION.trim();
    }

    /**
     * C = alpha·op(A)·op(B) + beta·C, where op(X) is X or Xᵀ. With beta = 0 the old contents of C are ignored.
     *
     * @throws IllegalArgumentException when op(A) is r×k, op(B) is k'×c with k ≠ k', or C is not r×c, or C shares
     *                                  its array with A or B
     */
    public static void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB, double beta, Matrix c) {
        gemm(alpha, a.data(), a.rows(), a.cols(), transA, b.data(), b.rows(), b.cols(), transB, beta, c.data(),
                c.rows(), c.cols());
    }

    /**
     * The same product on row-major arrays with explicit shapes: A is aRows×aCols in the first aRows·aCols values
     * of {@code a}, likewise B and C, so one scratch array can hold matrices of varying size.
     *
     * @throws IllegalArgumentException when the shapes do not fit (as above), an array is shorter than its shape,
     *                                  or C shares its array with A or B
     */
    public static void gemm(double alpha, double[] a, int aRows, int aCols, boolean transA, double[] b, int bRows,
                            int bCols, boolean transB, double beta, double[] c, int cRows, int cCols) {
        int r = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows;
        int cols = transB ? bRows : bCols;
        if (k != kb) {
            throw new IllegalArgumentException("gemm: op(A) is " + r + "×" + k + " (A " + aRows + "×" + aCols
                    + (transA ? ", transposed" : "") + ") but op(B) is " + kb + "×" + cols + " (B " + bRows + "×"
                    + bCols + (transB ? ", transposed" : "") + "): inner dimensions " + k + " and " + kb + " differ");
        }
        if (cRows != r || cCols != cols) {
            throw new IllegalArgumentException("gemm: op(A)·op(B) is " + r + "×" + cols + " but C is " + cRows + "×"
                    + cCols);
        }
        requireLength(a, aRows, aCols, "A");
        requireLength(b, bRows, bCols, "B");
        requireLength(c, cRows, cCols, "C");
        if (c == a || c == b) {
            throw new IllegalArgumentException("gemm: C must not share its array with A or B");
        }
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, r, cols, k, alpha, a, aCols, b, bCols,
                beta, c, cCols);
    }

    private static void requireLength(double[] x, int rows, int cols, String name) {
        if (rows < 1 || cols < 1 || (long) rows * cols > x.length) {
            throw new IllegalArgumentException("gemm: " + name + " is " + rows + "×" + cols + " but its array holds "
                    + x.length + " values");
        }
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
