package dev.gradcheck.adapt;

/**
 * The transpose of another storage: a model that keeps a weight matrix as inputs × units ({@code w[in][out]}) is
 * reported in the course's units × inputs orientation, {@code W[l]} of shape n[l]×n[l−1], so "row i" in the report
 * is unit i. {@link #userIndex} gives the entry's indices in the user's own orientation.
 */
public final class TransposedStorage implements Storage {
    private final Storage stored;

    public TransposedStorage(Storage stored) {
        this.stored = stored;
    }

    @Override
    public int rows() {
        return stored.cols();
    }

    @Override
    public int cols() {
        return stored.rows();
    }

    @Override
    public double get(int row, int col) {
        return stored.get(col, row);
    }

    @Override
    public void set(int row, int col, double value) {
        stored.set(col, row, value);
    }

    @Override
    public boolean transposed() {
        return !stored.transposed();
    }

    @Override
    public int[] userIndex(int row, int col) {
        return stored.userIndex(col, row);
    }

    @Override
    public String describe() {
        return stored.describe() + ", shown transposed";
    }
}
