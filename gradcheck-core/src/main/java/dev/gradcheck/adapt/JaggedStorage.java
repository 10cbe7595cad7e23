package dev.gradcheck.adapt;

/**
 * A rectangular {@code double[][]}, {@code a[row][col]}. Live through the outer array: a model that replaces a row
 * ({@code a[r] = new double[n]}) is still seen, one that replaces the outer array is not (hand the block the new
 * array, or use a getter/setter block).
 */
public final class JaggedStorage implements Storage {
    private final String name;
    private final double[][] a;
    private final int cols;
    private final String kind;

    private JaggedStorage(String name, double[][] a, String kind) {
        this.name = name;
        this.a = a;
        this.cols = a[0].length;
        this.kind = kind;
    }

    /** @throws IllegalArgumentException naming the block and the row when {@code a} is empty, null or ragged */
    public static JaggedStorage of(String name, double[][] a, String kind) {
        Shapes.checkRectangular(name, a);
        return new JaggedStorage(name, a, kind);
    }

    @Override
    public int rows() {
        return a.length;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public double get(int row, int col) {
        return row(row)[col];
    }

    @Override
    public void set(int row, int col, double value) {
        row(row)[col] = value;
    }

    @Override
    public void read(double[] out) {
        for (int r = 0; r < a.length; r++) {
            System.arraycopy(row(r), 0, out, r * cols, cols);
        }
    }

    @Override
    public void write(double[] values) {
        for (int r = 0; r < a.length; r++) {
            System.arraycopy(values, r * cols, row(r), 0, cols);
        }
    }

    private double[] row(int r) {
        double[] row = a[r];
        if (row == null || row.length != cols) {
            // The model replaced a row since the block was made: say so instead of an index error deep in the check.
            throw new IllegalStateException("parameter block '" + name + "': row " + r + " of its " + describe()
                    + " is now " + (row == null ? "null" : "of length " + row.length) + " (the block was made with "
                    + cols + " columns)");
        }
        return row;
    }

    @Override
    public String describe() {
        return kind != null ? kind : "double[" + a.length + "][" + cols + "]";
    }
}
