package dev.gradcheck.adapt;

import org.apache.commons.math3.linear.RealMatrix;

/** Shape checks and row-major copies of the shapes gradients arrive in. */
public final class Shapes {
    private Shapes() {
    }

    /**
     * @throws IllegalArgumentException naming the block (and the row) when {@code a} is null, has no rows, has a null
     *                                  or empty row, or is ragged
     */
    public static void checkRectangular(String name, double[][] a) {
        describedCheck("parameter block '" + name + "'", a);
    }

    /** As {@link #checkRectangular(String, double[][])}, with {@code what} ("parameter block 'W2'") in messages. */
    private static void describedCheck(String what, double[][] a) {
        if (a == null) {
            throw new NullPointerException(what + ": the double[][] is null");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException(what + ": the double[][] has no rows");
        }
        for (int r = 0; r < a.length; r++) {
            if (a[r] == null) {
                throw new IllegalArgumentException(what + ": row " + r + " of its double[][] is null");
            }
        }
        int cols = a[0].length;
        if (cols == 0) {
            throw new IllegalArgumentException(what + ": row 0 of its double[][] is empty");
        }
        for (int r = 1; r < a.length; r++) {
            if (a[r].length != cols) {
                throw new IllegalArgumentException(what + " is ragged: row " + r + " has "
                        + a[r].length + " entries but row 0 has " + cols + " (a block is a rows×cols matrix; "
                        + "every row of the double[][] must have the same length)");
            }
        }
    }

    /** {@code a} (rectangular) row-major, or its transpose row-major when {@code transpose}. */
    public static double[] rowMajor(String name, double[][] a, boolean transpose) {
        describedCheck("the gradient of block '" + name + "'", a);
        return copy(JaggedStorage.of(name, a, null), transpose);
    }

    public static double[] rowMajor(String name, RealMatrix m, boolean transpose) {
        if (m == null) {
            throw new NullPointerException("gradient of block '" + name + "' is null");
        }
        return copy(RealMatrixStorage.of(name, m), transpose);
    }

    /** A row-major copy of {@code s}, or of its transpose. */
    public static double[] copy(Storage s, boolean transpose) {
        Storage view = transpose ? new TransposedStorage(s) : s;
        double[] out = new double[view.rows() * view.cols()];
        view.read(out);
        return out;
    }
}
