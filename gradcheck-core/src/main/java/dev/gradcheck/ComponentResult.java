package dev.gradcheck;

import java.util.List;

/**
 * The check of one gradient component, such as {@code dW2}: its own ratio
 * ‖dW2_approx − dW2‖₂ / (‖dW2_approx‖₂ + ‖dW2‖₂), its verdict, the entries that disagree most, and hints that name
 * the kind of bug when the pattern of the disagreement says what it is.
 */
public final class ComponentResult {
    private final String block;
    private final int rows;
    private final int cols;
    private final double ratio;
    private final Verdict verdict;
    private final double analyticNorm;
    private final double numericalNorm;
    private final double differenceNorm;
    private final List<EntryResult> worstEntries;
    private final List<String> hints;
    private final double[] analytic;
    private final double[] numerical;
    private final List<EntryResult> nonDifferentiable;

    ComponentResult(String block, int rows, int cols, double ratio, Verdict verdict, double analyticNorm,
                    double numericalNorm, double differenceNorm, List<EntryResult> worstEntries, List<String> hints,
                    double[] analytic, double[] numerical, List<EntryResult> nonDifferentiable) {
        this.block = block;
        this.rows = rows;
        this.cols = cols;
        this.ratio = ratio;
        this.verdict = verdict;
        this.analyticNorm = analyticNorm;
        this.numericalNorm = numericalNorm;
        this.differenceNorm = differenceNorm;
        this.worstEntries = List.copyOf(worstEntries);
        this.hints = List.copyOf(hints);
        this.analytic = analytic;
        this.numerical = numerical;
        this.nonDifferentiable = List.copyOf(nonDifferentiable);
    }

    /** The component's name: {@code "d" + block}, e.g. {@code "dW2"}. */
    public String name() {
        return "d" + block;
    }

    /** The parameter block's name, e.g. {@code "W2"}. */
    public String block() {
        return block;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** "rows×cols". */
    public String shape() {
        return rows + "×" + cols;
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
        return analytic.clone();
    }

    /** A copy of the numerical gradient of this block, row-major. */
    public double[] numerical() {
        return numerical.clone();
    }

    /** The same result with another verdict and one more hint (after the ε sweep or another drill-down). */
    ComponentResult revised(Verdict newVerdict, String hint) {
        List<String> h = new java.util.ArrayList<>(hints);
        if (hint != null) {
            h.add(hint);
        }
        return new ComponentResult(block, rows, cols, ratio, newVerdict, analyticNorm, numericalNorm, differenceNorm,
                worstEntries, h, analytic, numerical, nonDifferentiable);
    }

    /** Number of entries in the block. */
    public int size() {
        return rows * cols;
    }

    @Override
    public String toString() {
        return ReportText.component(this);
    }
}
