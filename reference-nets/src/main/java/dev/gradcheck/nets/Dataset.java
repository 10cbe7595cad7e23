package dev.gradcheck.nets;

import java.util.Objects;

/**
 * A set of m examples as columns, as in the notes: X is n[0]×m (one example per column) and Y is n[L]×m.
 */
public record Dataset(Matrix X, Matrix Y) {

    public Dataset {
        Objects.requireNonNull(X, "X");
        Objects.requireNonNull(Y, "Y");
        if (X.cols() != Y.cols()) {
            throw new IllegalArgumentException("X is " + X.shape() + " and Y is " + Y.shape() + ": examples are "
                    + "columns, so both need the same number of columns m");
        }
    }

    /** The number of examples m. */
    public int m() {
        return X.cols();
    }

    /** The examples at {@code columns}, in that order. */
    public Dataset columns(int[] columns) {
        return new Dataset(X.columns(columns), Y.columns(columns));
    }

    /** An independent copy. */
    public Dataset copy() {
        return new Dataset(X.copy(), Y.copy());
    }
}
