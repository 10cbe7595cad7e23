package dev.gradcheck.adapt;

import org.ejml.data.DMatrixRMaj;

/**
 * EJML's {@link DMatrixRMaj}: row-major {@code double[]} in its public {@code data} field, zero copy. The field is
 * read at every access because {@code reshape} may replace the array. EJML is an optional dependency: this class is
 * loaded only when a user calls one of the EJML factories, so models without EJML never touch it.
 */
public final class EjmlStorage implements Storage {
    private final String name;
    private final DMatrixRMaj m;
    private final int rows;
    private final int cols;

    private EjmlStorage(String name, DMatrixRMaj m) {
        this.name = name;
        this.m = m;
        this.rows = m.numRows;
        this.cols = m.numCols;
    }

    /** Returns the interface type so that callers' bytecode never needs this class until it runs. */
    public static Storage of(String name, DMatrixRMaj m) {
        if (m == null) {
            throw new NullPointerException("parameter block '" + name + "': the DMatrixRMaj is null");
        }
        if (m.numRows <= 0 || m.numCols <= 0) {
            throw new IllegalArgumentException("parameter block '" + name + "' has shape " + m.numRows + "×"
                    + m.numCols + ": both dimensions must be positive");
        }
        return new EjmlStorage(name, m);
    }

    /** A row-major copy of {@code m} (or of its transpose), for gradients. */
    public static double[] rowMajor(String name, DMatrixRMaj m, boolean transpose) {
        if (m == null) {
            throw new NullPointerException("gradient of block '" + name + "' is null");
        }
        return Shapes.copy(of(name, m), transpose);
    }

    private double[] data() {
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalStateException("parameter block '" + name + "' was made over a " + rows + "×" + cols
                    + " DMatrixRMaj that has since been reshaped to " + m.numRows + "×" + m.numCols);
        }
        return m.data;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public double get(int row, int col) {
        return data()[row * cols + col];
    }

    @Override
    public void set(int row, int col, double value) {
        data()[row * cols + col] = value;
    }

    @Override
    public double get(int i) {
        return data()[i];
    }

    @Override
    public void set(int i, double value) {
        data()[i] = value;
    }

    @Override
    public void read(double[] out) {
        System.arraycopy(data(), 0, out, 0, rows * cols);
    }

    @Override
    public void write(double[] values) {
        System.arraycopy(values, 0, data(), 0, rows * cols);
    }

    @Override
    public String describe() {
        return "DMatrixRMaj " + rows + "×" + cols;
    }
}
