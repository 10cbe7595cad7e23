package dev.gradcheck;

import java.util.Objects;
import java.util.function.Supplier;

import dev.gradcheck.adapt.AccessorStorage;
import dev.gradcheck.adapt.FlatStorage;
import dev.gradcheck.adapt.JaggedStorage;
import dev.gradcheck.adapt.RealMatrixStorage;
import dev.gradcheck.adapt.Storage;
import dev.gradcheck.adapt.TransposedStorage;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A named, live, row-major view of one parameter matrix: {@code W2} of shape n[2]×n[1], or {@code b2} of shape
 * n[2]×1. Writing through the view writes into the model's own storage, which is how the checker perturbs θ.
 *
 * <p>The storage is whatever the model already holds, never a copy (see {@code docs/adapting.md}):
 * <ul>
 *   <li>a flat row-major {@code double[]}: {@link #of(String, int, int, double[])}, entry (r, c) is
 *       {@code data[offset + r·cols + c]};</li>
 *   <li>a jagged {@code double[][]}, {@code a[r][c]}: {@link #of(String, double[][])};</li>
 *   <li>a matrix stored inputs × units ({@code w[in][out]}), reported units × inputs as the course writes
 *       {@code W[l]}: {@link #ofTransposed(String, double[][])}, {@link #ofTransposed(ParameterBlock)};</li>
 *   <li>one object per weight, through its getter and setter: {@link #of(String, int, int, Getter, Setter)};</li>
 *   <li>Apache Commons Math: {@link #of(String, RealMatrix)}, and {@link #of(String, Supplier)} for a matrix field
 *       the model replaces on every update;</li>
 *   <li>EJML's {@code DMatrixRMaj} (optional dependency): {@link Ejml#block(String, org.ejml.data.DMatrixRMaj)}, in
 *       a class of its own so that this one never refers to EJML.</li>
 * </ul>
 * Rows and columns are always the block's as reported; {@link #userIndex(int, int)} translates them into the
 * indices of the user's own storage.
 */
public final class ParameterBlock {
    private final String name;
    private final int rows;
    private final int cols;
    private final Storage storage;

    private ParameterBlock(String name, Storage storage) {
        this.name = name;
        this.rows = storage.rows();
        this.cols = storage.cols();
        this.storage = storage;
    }

    /** Entry (row, col) of an object-per-weight model, for {@link #of(String, int, int, Getter, Setter)}. */
    @FunctionalInterface
    public interface Getter {
        double get(int row, int col);
    }

    /** Writes entry (row, col) of an object-per-weight model; it must store the double exactly. */
    @FunctionalInterface
    public interface Setter {
        void set(int row, int col, double value);
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
        checkName(name);
        Objects.requireNonNull(data, () -> "parameter block '" + name + "': data is null");
        checkShape(name, rows, cols);
        if (offset < 0 || offset + (long) rows * cols > data.length) {
            throw new IllegalArgumentException("parameter block '" + name + "' (" + rows + "×" + cols + " at offset "
                    + offset + ") does not fit in an array of length " + data.length);
        }
        return new ParameterBlock(name, new FlatStorage(data, offset, rows, cols));
    }

    /**
     * A live view of a jagged {@code double[][]} holding the block row by row: entry (r, c) is {@code a[r][c]}, so
     * a weight matrix stored as {@code W[unit][input]} is reported as it is.
     *
     * @throws IllegalArgumentException naming the block and the row when {@code a} has no rows, a null or empty row,
     *                                  or rows of different lengths
     */
    public static ParameterBlock of(String name, double[][] a) {
        checkName(name);
        return new ParameterBlock(name, JaggedStorage.of(name, a, null));
    }

    /**
     * A live view of a weight matrix the model stores inputs × units ({@code w[input][unit]}), reported in the
     * course's units × inputs orientation ({@code W[l]} of shape n[l]×n[l−1]): the block's entry (r, c) is
     * {@code w[c][r]}. {@link #userIndex(int, int)} gives {@code {c, r}} back, the index into {@code w}.
     *
     * @throws IllegalArgumentException as {@link #of(String, double[][])}
     */
    public static ParameterBlock ofTransposed(String name, double[][] inputsByUnits) {
        checkName(name);
        return new ParameterBlock(name, new TransposedStorage(JaggedStorage.of(name, inputsByUnits, null)));
    }

    /**
     * The transpose of {@code stored} (any kind of block), with the same name: for a model whose matrix (flat,
     * Commons Math, EJML, getter/setter) holds inputs × units.
     */
    public static ParameterBlock ofTransposed(ParameterBlock stored) {
        Objects.requireNonNull(stored, "the block to transpose is null");
        return new ParameterBlock(stored.name, new TransposedStorage(stored.storage));
    }

    /**
     * A block reached through the model's own accessors, for models that keep one object per weight (a neuron with
     * its input weights, a connection): {@code getter.get(r, c)} reads entry (r, c), {@code setter.set(r, c, v)}
     * writes it. Each write is read back, and a setter that does not store the double exactly (a float field)
     * is an error naming the entry.
     */
    public static ParameterBlock of(String name, int rows, int cols, Getter getter, Setter setter) {
        checkName(name);
        Objects.requireNonNull(getter, () -> "parameter block '" + name + "': getter is null");
        Objects.requireNonNull(setter, () -> "parameter block '" + name + "': setter is null");
        checkShape(name, rows, cols);
        return new ParameterBlock(name, new AccessorStorage(name, rows, cols, getter, setter));
    }

    /**
     * A live view of an Apache Commons Math matrix: {@code Array2DRowRealMatrix} and {@code BlockRealMatrix}
     * through their own arrays (no copy), any other {@code RealMatrix} through {@code getEntry}/{@code setEntry}.
     */
    public static ParameterBlock of(String name, RealMatrix matrix) {
        checkName(name);
        return new ParameterBlock(name, RealMatrixStorage.of(name, matrix));
    }

    /**
     * A block over whichever matrix {@code current} returns at the moment of each access: for a model that replaces
     * its matrix on every update ({@code W = W.subtract(dW.scalarMultiply(lr))}), give {@code () -> W}. The shape is
     * the one at creation; a replacement of another shape is an error naming the block.
     */
    public static ParameterBlock of(String name, Supplier<? extends RealMatrix> current) {
        checkName(name);
        Objects.requireNonNull(current, () -> "parameter block '" + name + "': supplier is null");
        return new ParameterBlock(name, RealMatrixStorage.current(name, current));
    }

    /** A block over any internal storage (the EJML factories in {@link Ejml} use it). */
    static ParameterBlock of(String name, Storage storage) {
        checkName(name);
        return new ParameterBlock(name, storage);
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter block needs a non-blank name");
        }
    }

    private static void checkShape(String name, int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("parameter block '" + name + "' has shape " + rows + "×" + cols
                    + ": both dimensions must be positive");
        }
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
        return storage.get(checkIndex(i));
    }

    /** Writes entry {@code i} in row-major order into the model's array. */
    public void set(int i, double value) {
        storage.set(checkIndex(i), value);
    }

    /** Entry at row {@code r}, column {@code c}. */
    public double get(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") is outside " + name + " of shape " + shape());
        }
        return storage.get(r, c);
    }

    /** A copy of the block's current values, row-major. */
    public double[] toArray() {
        double[] copy = new double[size()];
        storage.read(copy);
        return copy;
    }

    /** Writes {@code values} (length size(), row-major) into the model's array. */
    public void copyFrom(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException("cannot write " + values.length + " values into " + name + " of shape "
                    + shape());
        }
        storage.write(values);
    }

    /**
     * True when the model stores this block transposed (inputs × units) and the block reports it units × inputs:
     * made with {@code ofTransposed}.
     */
    public boolean transposed() {
        return storage.transposed();
    }

    /**
     * Entry (row, col) of this block as the index into the user's own storage: {@code {row, col}}, or
     * {@code {col, row}} for a {@linkplain #transposed() transposed} block (so {@code W1[2,0]} in the report is
     * {@code w1[0][2]} in a model that keeps {@code w1[input][unit]}).
     */
    public int[] userIndex(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside " + name + " of shape "
                    + shape());
        }
        return storage.userIndex(row, col);
    }

    /** What the block is a view of, for messages: {@code "double[4][3], shown transposed"}. */
    public String storage() {
        return storage.describe();
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
