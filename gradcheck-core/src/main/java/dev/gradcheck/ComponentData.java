package dev.gradcheck;

import java.util.Arrays;

/**
 * Everything measured for one component, and nothing judged: the block's values, dθ, the numerical derivative (the
 * course's quotient and the judgement's), one-sided slopes and steps; for the entries that needed it, the same at
 * twice the step; and for entries re-measured a hair away from θ, the error there. Kept with each result so that the
 * shards of a split check can be merged and judged into exactly the report an unsplit check gives.
 *
 * <p>Arrays are filled while the check measures and never written afterwards; {@code NaN} marks "not measured".
 */
final class ComponentData {
    final String block;
    final int rows;
    final int cols;
    final double[] values;
    final double[] analytic;
    /** The course's dθ_approx: (J₊ − J₋) / 2ε. */
    final double[] numerical;
    /** (J₊ − J₋) over the step actually taken: the judgement's reference. */
    final double[] central;
    final double[] forward;
    final double[] backward;
    final double[] step;
    final boolean[] selected;
    /** The central difference, and the one-sided slopes, at twice the step (NaN where not measured). */
    final double[] wide;
    final double[] wideForward;
    final double[] wideBackward;
    /** |dθ' − dθ'_approx| at the nearby point θ' and its noise (standard deviation), NaN where not re-measured. */
    final double[] nearbyError;
    final double[] nearbySd;
    /**
     * σ_J measured along this entry's own coordinate ({@link Noise#alongCoordinate}), NaN where not measured: taken
     * for the entries an explanation would be tried for, so that none is explained that J's noise along it explains.
     */
    final double[] localSigma;
    /** The model stores the block inputs × units (see {@link ParameterBlock#transposed()}): entries are named both ways. */
    boolean transposed;

    ComponentData(String block, int rows, int cols, double[] values, double[] analytic, double[] numerical,
                  double[] central, double[] forward, double[] backward, double[] step, boolean[] selected) {
        this.block = block;
        this.rows = rows;
        this.cols = cols;
        this.values = values;
        this.analytic = analytic;
        this.numerical = numerical;
        this.central = central;
        this.forward = forward;
        this.backward = backward;
        this.step = step;
        this.selected = selected;
        int n = rows * cols;
        this.wide = nan(n);
        this.wideForward = nan(n);
        this.wideBackward = nan(n);
        this.nearbyError = nan(n);
        this.nearbySd = nan(n);
        this.localSigma = nan(n);
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    static ComponentData of(ParameterBlock block, int b, double[] analytic, NumericalGradient.Result num,
                            EntrySelection selection) {
        boolean[] selected = new boolean[block.size()];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = selection.includes(b, i);
        }
        ComponentData d = new ComponentData(block.name(), block.rows(), block.cols(), block.toArray(), analytic,
                num.course[b], num.central[b], num.forward[b], num.backward[b], num.step[b], selected);
        d.transposed = block.transposed();
        return d;
    }

    /** Takes the double-step measurement of the entries in {@code which}. */
    void takeWide(NumericalGradient.Result wideStep, int b, boolean[] which) {
        for (int i = 0; i < size(); i++) {
            if (which[i]) {
                wide[i] = wideStep.central[b][i];
                wideForward[i] = wideStep.forward[b][i];
                wideBackward[i] = wideStep.backward[b][i];
            }
        }
    }

    int size() {
        return rows * cols;
    }

    int selectedCount() {
        int n = 0;
        for (boolean s : selected) {
            n += s ? 1 : 0;
        }
        return n;
    }

    boolean complete() {
        return selectedCount() == size();
    }

    /** An empty copy with this one's shape, values and dθ, to merge shards into. */
    ComponentData emptyLike() {
        int n = size();
        ComponentData d = new ComponentData(block, rows, cols, values, analytic, new double[n], new double[n],
                new double[n], new double[n], new double[n], new boolean[n]);
        d.transposed = transposed;
        return d;
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
                central[i] = other.central[i];
                forward[i] = other.forward[i];
                backward[i] = other.backward[i];
                step[i] = other.step[i];
                wide[i] = other.wide[i];
                wideForward[i] = other.wideForward[i];
                wideBackward[i] = other.wideBackward[i];
                nearbyError[i] = other.nearbyError[i];
                nearbySd[i] = other.nearbySd[i];
                localSigma[i] = other.localSigma[i];
            }
        }
    }
}
