package dev.gradcheck.adapt;

import java.util.function.Supplier;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Apache Commons Math matrices, live. {@link Array2DRowRealMatrix} is reached through its own rows
 * ({@code getDataRef()}, no copy). {@code BlockRealMatrix} keeps its 52×52 tiles private (commons-math3 3.6 has no
 * {@code getDataRef} on it), so it and every other {@link RealMatrix} go through {@code getEntry}/{@code setEntry},
 * which read and write those tiles in place: still live, still no copy. A model that replaces its matrix object on
 * every update gives a supplier of the current one.
 */
public final class RealMatrixStorage {
    private RealMatrixStorage() {
    }

    public static Storage of(String name, RealMatrix m) {
        if (m == null) {
            throw new NullPointerException("parameter block '" + name + "': the matrix is null");
        }
        if (m instanceof Array2DRowRealMatrix a) {
            return JaggedStorage.of(name, a.getDataRef(), "Array2DRowRealMatrix " + m.getRowDimension() + "×"
                    + m.getColumnDimension());
        }
        return new Entries(m);
    }

    /** The matrix {@code current} returns at each access: the model's field, however often it is replaced. */
    public static Storage current(String name, Supplier<? extends RealMatrix> current) {
        RealMatrix m = current.get();
        if (m == null) {
            throw new NullPointerException("parameter block '" + name + "': the supplier returned null");
        }
        return new Current(name, current, m.getRowDimension(), m.getColumnDimension());
    }

    /** Any RealMatrix, through its entry accessors. */
    private static final class Entries implements Storage {
        private final RealMatrix m;

        Entries(RealMatrix m) {
            this.m = m;
        }

        @Override
        public int rows() {
            return m.getRowDimension();
        }

        @Override
        public int cols() {
            return m.getColumnDimension();
        }

        @Override
        public double get(int row, int col) {
            return m.getEntry(row, col);
        }

        @Override
        public void set(int row, int col, double value) {
            m.setEntry(row, col, value);
        }

        @Override
        public String describe() {
            return m.getClass().getSimpleName() + " " + rows() + "×" + cols();
        }
    }

    /** A matrix field the model replaces: each access goes to the matrix it holds now. */
    private static final class Current implements Storage {
        private final String name;
        private final Supplier<? extends RealMatrix> current;
        private final int rows;
        private final int cols;

        Current(String name, Supplier<? extends RealMatrix> current, int rows, int cols) {
            this.name = name;
            this.current = current;
            this.rows = rows;
            this.cols = cols;
        }

        private RealMatrix now() {
            RealMatrix m = current.get();
            if (m == null || m.getRowDimension() != rows || m.getColumnDimension() != cols) {
                throw new IllegalStateException("parameter block '" + name + "' was made over a " + rows + "×" + cols
                        + " matrix but its supplier now returns " + (m == null ? "null"
                        : "a " + m.getRowDimension() + "×" + m.getColumnDimension() + " one"));
            }
            return m;
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
            return now().getEntry(row, col);
        }

        @Override
        public void set(int row, int col, double value) {
            now().setEntry(row, col, value);
        }

        @Override
        public void read(double[] out) {
            RealMatrix m = now();
            for (int r = 0, i = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++, i++) {
                    out[i] = m.getEntry(r, c);
                }
            }
        }

        @Override
        public void write(double[] values) {
            RealMatrix m = now();
            for (int r = 0, i = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++, i++) {
                    m.setEntry(r, c, values[i]);
                }
            }
        }

        @Override
        public String describe() {
            return "the current matrix of a supplier, " + rows + "×" + cols;
        }
    }
}
