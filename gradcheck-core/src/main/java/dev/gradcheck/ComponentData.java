package dev.gradcheck;

/**
 * Everything a component's result is computed from: the block's values, dθ, the numerical derivative with its
 * one-sided slopes, steps and kink flags, and which entries this check evaluated. Kept with each result so that the
 * shards of a split check can be merged into exactly the report an unsplit check gives.
 */
final class ComponentData {
    final String block;
    final int rows;
    final int cols;
    final double[] values;
    final double[] analytic;
    final double[] numerical;
    final double[] forward;
    final double[] backward;
    final double[] step;
    final boolean[] kink;
    /** Kinks at θᵢ itself (within ε/5): J has no derivative there, so no finite difference can check the entry. */
    final boolean[] exactKink;
    /**
     * Entries that disagree at θ only: a little way off θ they agree (see {@link NearbyPoint}). Set after the
     * first comparison; left out of the ratio.
     */
    final boolean[] pointSpecific;
    final boolean[] selected;

    ComponentData(String block, int rows, int cols, double[] values, double[] analytic, double[] numerical,
                  double[] forward, double[] backward, double[] step, boolean[] kink, boolean[] exactKink, boolean[] selected) {
        this.block = block;
        this.rows = rows;
        this.cols = cols;
        this.values = values;
        this.analytic = analytic;
        this.numerical = numerical;
        this.forward = forward;
        this.backward = backward;
        this.step = step;
        this.kink = kink;
        this.exactKink = exactKink;
        this.pointSpecific = new boolean[rows * cols];
        this.selected = selected;
    }

    static ComponentData of(ParameterBlock block, int b, double[] analytic, NumericalGradient.Result num,
                            EntrySelection selection) {
        boolean[] selected = new boolean[block.size()];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = selection.includes(b, i);
        }
        return new ComponentData(block.name(), block.rows(), block.cols(), block.toArray(), analytic,
                num.central[b], num.forward[b], num.backward[b], num.step[b], num.kink[b], num.exactKink[b],
                selected);
    }

    int size() {
        return rows * cols;
    }

    boolean complete() {
        for (boolean s : selected) {
            if (!s) {
                return false;
            }
        }
        return true;
    }

    /** An empty copy with this one's shape, values and dθ, to merge shards into. */
    ComponentData emptyLike() {
        int n = size();
        return new ComponentData(block, rows, cols, values, analytic, new double[n], new double[n], new double[n],
                new double[n], new boolean[n], new boolean[n], new boolean[n]);
    }

    /** Copies the entries {@code other} evaluated into this one. */
    void takeFrom(ComponentData other) {
        for (int i = 0; i < size(); i++) {
            if (other.selected[i]) {
                if (selected[i]) {
                    throw new GradientCheckException("entry " + Entries.name(block, cols, i) + " was checked by two "
                            + "shards: the shards overlap");
                }
                selected[i] = true;
                numerical[i] = other.numerical[i];
                forward[i] = other.forward[i];
                backward[i] = other.backward[i];
                step[i] = other.step[i];
                kink[i] = other.kink[i];
                exactKink[i] = other.exactKink[i];
                pointSpecific[i] = other.pointSpecific[i];
            }
        }
    }
}
