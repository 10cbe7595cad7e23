package dev.gradcheck;

import java.util.List;

/**
 * The check of one gradient component, such as {@code dW2}: its own ratio
 * ‖dW2_approx − dW2‖₂ / (‖dW2_approx‖₂ + ‖dW2‖₂), its verdict, the entries that disagree most, and hints that name
 * the kind of bug when the pattern of the disagreement says what it is.
 */
public final class ComponentResult {
    private final ComponentData data;
    private final double ratio;
    private final Verdict verdict;
    private final double analyticNorm;
    private final double numericalNorm;
    private final double differenceNorm;
    private final Comparison.Sums sums;
    private final int checked;
    private final List<EntryResult> worstEntries;
    private final List<String> hints;
    private final List<EntryResult> nonDifferentiable;

    ComponentResult(ComponentData data, double ratio, Verdict verdict, double analyticNorm, double numericalNorm,
                    double differenceNorm, Comparison.Sums sums, int checked, List<EntryResult> worstEntries,
                    List<String> hints, List<EntryResult> nonDifferentiable) {
        this.data = data;
        this.ratio = ratio;
        this.verdict = verdict;
        this.analyticNorm = analyticNorm;
        this.numericalNorm = numericalNorm;
        this.differenceNorm = differenceNorm;
        this.sums = sums;
        this.checked = checked;
        this.worstEntries = List.copyOf(worstEntries);
        this.hints = List.copyOf(hints);
        this.nonDifferentiable = List.copyOf(nonDifferentiable);
    }

    /** The component's name: {@code "d" + block}, e.g. {@code "dW2"}. */
    public String name() {
        return "d" + data.block;
    }

    /** The parameter block's name, e.g. {@code "W2"}. */
    public String block() {
        return data.block;
    }

    public int rows() {
        return data.rows;
    }

    public int cols() {
        return data.cols;
    }

    /** "rows×cols". */
    public String shape() {
        return data.rows + "×" + data.cols;
    }

    /** This component's own relative-norm ratio. */
    public double ratio() {
        return ratio;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** ‖dθ‖₂ over this block. */
    public double analyticNorm() {
        return analyticNorm;
    }

    /** ‖dθ_approx‖₂ over this block. */
    public double numericalNorm() {
        return numericalNorm;
    }

    /** ‖dθ_approx − dθ‖₂ over this block. */
    public double differenceNorm() {
        return differenceNorm;
    }

    /** The entries with the largest |analytic − numerical|, worst first. */
    public List<EntryResult> worstEntries() {
        return worstEntries;
    }

    /** One sentence per recognised pattern ("dW2 = 2.00 × the numerical gradient: ..."); empty when none. */
    public List<String> hints() {
        return hints;
    }

    /**
     * Entries where J is not differentiable within ±ε (a ReLU input or an L1 weight at 0): the one-sided slopes
     * disagree, so the central difference there says nothing. They are left out of the ratio.
     */
    public List<EntryResult> nonDifferentiable() {
        return nonDifferentiable;
    }

    /** A copy of the analytic gradient of this block, row-major. */
    public double[] analytic() {
        return data.analytic.clone();
    }

    /** A copy of the numerical gradient of this block, row-major. */
    public double[] numerical() {
        return data.numerical.clone();
    }

    /** Σ(dθ_approx − dθ)² over the checked entries: with the two below, what shards add up when merged. */
    public double differenceSquared() {
        return sums.diff2;
    }

    /** Σ dθ² over the checked entries. */
    public double analyticSquared() {
        return sums.analytic2;
    }

    /** Σ dθ_approx² over the checked entries. */
    public double numericalSquared() {
        return sums.numerical2;
    }

    /** How many entries this check evaluated (all of them, unless the check was one shard of a split check). */
    public int checkedEntries() {
        return checked;
    }

    ComponentData data() {
        return data;
    }

    Comparison.Sums sums() {
        return sums;
    }

    /** The same result with another verdict and one more hint (after the ε sweep or another drill-down). */
    ComponentResult revised(Verdict newVerdict, String hint) {
        List<String> h = new java.util.ArrayList<>(hints);
        if (hint != null) {
            h.add(hint);
        }
        return new ComponentResult(data, ratio, newVerdict, analyticNorm, numericalNorm, differenceNorm, sums, checked,
                worstEntries, h, nonDifferentiable);
    }

    /** Number of entries in the block. */
    public int size() {
        return data.size();
    }

    @Override
    public String toString() {
        return ReportText.component(this);
    }
}
