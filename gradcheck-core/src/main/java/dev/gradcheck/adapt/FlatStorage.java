package dev.gradcheck.adapt;

/** {@code rows·cols} entries of a flat row-major {@code double[]} from {@code offset}: the original block. */
public final class FlatStorage implements Storage {
    private final double[] data;
    private final int offset;
    private final int rows;
    private final int cols;

    public FlatStorage(double[] data, int offset, int rows, int cols) {
        this.data = data;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
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
        return data[offset + row * cols + col];
    }

    @Override
    public void set(int row, int col, double value) {
        data[offset + row * cols + col] = value;
    }

    @Override
    public double get(int i) {
        return data[offset + i];
    }

    @Override
    public void set(int i, double value) {
        data[offset + i] = value;
    }

    @Override
    public void read(double[] out) {
        System.arraycopy(data, offset, out, 0, rows * cols);
    }

    @Override
    public void write(double[] values) {
        System.arraycopy(values, 0, data, offset, rows * cols);
    }

    @Override
    public String describe() {
        return offset == 0 && data.length == rows * cols ? "double[" + data.length + "]"
                : "double[" + data.length + "] from offset " + offset;
    }
}
