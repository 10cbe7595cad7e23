package dev.gradcheck;

import java.util.Objects;

/**
 * A named, live, row-major view of one parameter matrix: {@code W2} of shape n[2]×n[1], or {@code b2} of shape
 * n[2]×1. Entry (r, c) is {@code data[offset + r·cols + c]}. Writing through the view writes into the model's own
 * array, which is how the checker perturbs θ.
 */
public final class ParameterBlock {
    private final String name;
    private final int rows;
    private final int cols;
    private final double[] data;
    private final int offset;

    private ParameterBlock(String name, int rows, int cols, double[] data, int offset) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.offset = offset;
    }

    /**
     * A live view of {@code data} (length rows·cols) as a rows×cols row-major matrix. Column vectors such as b are
     * rows×1.
     *
     * @throws IllegalArgumentException naming the block when the name is blank, a dimension is not positive or the
     *                                  array's length is not rows·cols
     */
    public static ParameterBlock of(String name, int rows, int cols, double[] data) {
        Objects.requireNonNull(data, () -> "parameter block '" + name + "': data is null");
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("parameter block '" + name + "' is declared " + rows + "×" + cols
                    + " = " + ((long) rows * cols) + " entries but its array has " + data.length);
        }
        return of(name, rows, cols, data, 0);
    }

    /**
     * A live view of {@code rows·cols} entries of {@code data} starting at {@code offset}, for engines that keep all
     * parameters in one flat array.
     */
    public static ParameterBlock of(String name, int rows, int cols, double[] data, int offset) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter block needs a non-blank name");
        }
        Objects.requireNonNull(data, () -> "parameter block '" + name + "': data is null");
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("parameter block '" + name + "' has shape " + rows + "×" + cols
                    + ": both dimensions must be positive");
        }
        if (offset < 0 || offset + (long) rows * cols > data.length) {
            throw new IllegalArgumentException("parameter block '" + name + "' (" + rows + "×" + cols + " at offset "
                    + offset + ") does not fit in an array of length " + data.length);
        }
        return new ParameterBlock(name, rows, cols, data, offset);
    }

    /** The block's name, e.g. {@code "W2"}; its gradient component is reported as {@code "d" + name}. */
    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** rows·cols. */
    public int size() {
        return rows * cols;
    }

    /** Entry {@code i} in row-major order (0 ≤ i &lt; size()). */
    public double get(int i) {
        return data[offset + checkIndex(i)];
    }

    /** Writes entry {@code i} in row-major order into the model's array. */
    public void set(int i, double value) {
        data[offset + checkIndex(i)] = value;
    }

    /** Entry at row {@code r}, column {@code c}. */
    public double get(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") is outside " + name + " of shape " + shape());
        }
        return data[offset + r * cols + c];
    }

    /** A copy of the block's current values, row-major. */
    public double[] toArray() {
        double[] copy = new double[size()];
        System.arraycopy(data, offset, copy, 0, copy.length);
        return copy;
    }

    /** Writes {@code values} (length size(), row-major) into the model's array. */
    public void copyFrom(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException("cannot write " + values.length + " values into " + name + " of shape "
                    + shape());
        }
        System.arraycopy(values, 0, data, offset, values.length);
    }

    /** "rows×cols". */
    public String shape() {
        return rows + "×" + cols;
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= rows * cols) {
            throw new IndexOutOfBoundsException("entry " + i + " is outside " + name + " of shape " + shape());
        }
        return i;
    }

    @Override
    public String toString() {
        return name + " " + shape();
    }
}
