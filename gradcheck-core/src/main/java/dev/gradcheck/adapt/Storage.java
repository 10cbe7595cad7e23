package dev.gradcheck.adapt;

/**
 * Where a {@link dev.gradcheck.ParameterBlock}'s entries live: a flat row-major {@code double[]}, a jagged
 * {@code double[][]}, a matrix library's own storage, or a model's getter and setter. Every implementation is live
 * (reads and writes go to the model's own storage, nothing is copied) and stores a double exactly (reading back an
 * entry gives the bits that were written), which is what lets the checker perturb θ by ε and restore it bit for bit.
 *
 * <p>Internal: {@code dev.gradcheck.adapt} is not exported; users build blocks with the factories on
 * {@code ParameterBlock}. Rows and columns are those of the block as reported (units × inputs for a weight matrix).
 */
public interface Storage {

    int rows();

    int cols();

    /** Entry (row, col), both in range (the block checks). */
    double get(int row, int col);

    /** Writes entry (row, col) into the model's storage. */
    void set(int row, int col, double value);

    /** Entry {@code i} in row-major order. */
    default double get(int i) {
        return get(i / cols(), i % cols());
    }

    default void set(int i, double value) {
        set(i / cols(), i % cols(), value);
    }

    /** Copies every entry, row-major, into {@code out} (length rows·cols). */
    default void read(double[] out) {
        int cols = cols();
        for (int r = 0, i = 0; r < rows(); r++) {
            for (int c = 0; c < cols; c++, i++) {
                out[i] = get(r, c);
            }
        }
    }

    /** Writes {@code values} (length rows·cols, row-major) into the model's storage. */
    default void write(double[] values) {
        int cols = cols();
        for (int r = 0, i = 0; r < rows(); r++) {
            for (int c = 0; c < cols; c++, i++) {
                set(r, c, values[i]);
            }
        }
    }

    /** True when the user's storage holds the transpose of the block as reported (inputs × units). */
    default boolean transposed() {
        return false;
    }

    /** (row, col) of the reported block as an index into the user's own storage: {row, col}, or {col, row}. */
    default int[] userIndex(int row, int col) {
        return new int[] {row, col};
    }

    /** What the storage is, for messages: {@code "double[3][4]"}, {@code "BlockRealMatrix 60×70"}. */
    String describe();
}
