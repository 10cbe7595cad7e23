package dev.gradcheck.adapt;

import dev.gradcheck.ParameterBlock;

/**
 * Entries reached through the model's own getter and setter, for object-per-weight models (neurons holding their
 * input weights, connection objects). Every write is read back: a setter that does not store the double it was
 * given (a float field, a rounding or clamping setter) would make the checker's ±ε perturbation silently wrong and
 * θ's restoration inexact, so that is an error naming the entry.
 */
public final class AccessorStorage implements Storage {
    private final String name;
    private final int rows;
    private final int cols;
    private final ParameterBlock.Getter getter;
    private final ParameterBlock.Setter setter;

    public AccessorStorage(String name, int rows, int cols, ParameterBlock.Getter getter, ParameterBlock.Setter setter) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.getter = getter;
        this.setter = setter;
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
        return getter.get(row, col);
    }

    @Override
    public void set(int row, int col, double value) {
        setter.set(row, col, value);
        double back = getter.get(row, col);
        if (Double.doubleToLongBits(back) != Double.doubleToLongBits(value)) {
            throw new IllegalStateException("parameter block '" + name + "': wrote " + value + " into entry [" + row
                    + "," + col + "] through its setter but the getter reads back " + back + ": the setter does not "
                    + "store a double exactly (a float field? rounding or clamping?), so the checker cannot perturb "
                    + "it by ε or restore it");
        }
    }

    @Override
    public String describe() {
        return "getter/setter " + rows + "×" + cols;
    }
}
