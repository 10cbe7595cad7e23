package dev.gradcheck.nets;

import java.util.Objects;

/**
 * A set of m examples as columns, as in the notes: X is n[0]×m (one example per column) and Y is n[L]×m. Each
 * example has a {@link ImageShape}: h×w×c for images (flattened as the course stacks them), n×1×1 for plain
 * features.
 */
public record Dataset(Matrix X, Matrix Y, ImageShape shape) {

    public Dataset {
        Objects.requireNonNull(X, "X");
        Objects.requireNonNull(Y, "Y");
        Objects.requireNonNull(shape, "shape");
        if (X.cols() != Y.cols()) {
            throw new IllegalArgumentException("X is " + X.shape() + " and Y is " + Y.shape() + ": examples are "
                    + "columns, so both need the same number of columns m");
        }
        if (X.rows() != shape.size()) {
            throw new IllegalArgumentException("X is " + X.shape() + " but examples of shape " + shape + " have "
                    + shape.size() + " entries: X must have " + shape.size() + " rows");
        }
    }

    /** Examples that are plain feature vectors (shape n[0]×1×1). */
    public Dataset(Matrix X, Matrix Y) {
        this(X, Y, ImageShape.vector(Objects.requireNonNull(X, "X").rows()));
    }

    /** The number of examples m. */
    public int m() {
        return X.cols();
    }

    /** The examples at {@code columns}, in that order. */
    public Dataset columns(int[] columns) {
        return new Dataset(X.columns(columns), Y.columns(columns), shape);
    }

    /** The same labels and shape with other inputs (normalized or augmented ones). */
    public Dataset withX(Matrix x) {
        return new Dataset(x, Y, shape);
    }

    /** An independent copy. */
    public Dataset copy() {
        return new Dataset(X.copy(), Y.copy(), shape);
    }
}
