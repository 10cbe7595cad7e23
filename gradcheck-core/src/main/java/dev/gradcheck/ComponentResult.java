package dev.gradcheck;

import java.util.List;
import java.util.Optional;

/**
 * The check of one gradient component, such as {@code dW2}: the course's ratio
 * ‖dW2_approx − dW2‖₂ / (‖dW2_approx‖₂ + ‖dW2‖₂) over every entry, the checker's judged ratio beside it (the entries
 * it judged, against the reference each was judged by), its verdict, the entries that disagree most, and typed
 * findings: why the verdict, which entries were set aside and why, and a diagnosis when the pattern names the bug.
 */
public final class ComponentResult {
    private final ComponentData data;
    private final Judged judged;
    private final double ratio;
    private final double judgedRatio;
    private final double accuracyFloor;
    private final Verdict verdict;
    private final Comparison.Sums sums;
    private final Comparison.Sums judgedSums;
    private final List<EntryResult> worstEntries;
    private final List<Finding> findings;
    private final List<EntryResult> nonDifferentiable;
    private final String notChecked;

    ComponentResult(ComponentData data, Judged judged, Comparison.Sums sums, Comparison.Sums judgedSums,
                    Verdict verdict, double judgedRatio, double accuracyFloor, List<EntryResult> worstEntries,
                    List<Finding> findings, List<EntryResult> nonDifferentiable, String notChecked) {
        this.data = data;
        this.judged = judged;
        this.sums = sums;
        this.judgedSums = judgedSums;
        this.ratio = sums.ratio();
        this.verdict = verdict;
        this.judgedRatio = judgedRatio;
        this.accuracyFloor = accuracyFloor;
        this.worstEntries = List.copyOf(worstEntries);
        this.findings = List.copyOf(findings);
        this.nonDifferentiable = List.copyOf(nonDifferentiable);
        this.notChecked = notChecked;
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

    /**
     * The course's ratio over every entry this check evaluated, with dθ_approx = (J₊ − J₋)/2ε exactly as the course's
     * notebook computes it (precise mode: its own stencil). Nothing is left out; the judgement never changes it.
     */
    public double ratio() {
        return ratio;
    }

    /**
     * The ratio over the entries the checker judged, each against the reference it was judged by (the central
     * difference over the step actually taken, a one-sided slope on a kink, a Richardson extrapolation where
     * truncation showed, a larger step where noise hid the gradient). NaN when nothing could be judged.
     */
    public double judgedRatio() {
        return judgedRatio;
    }

    /** The judged ratio that J's measured noise alone would produce (one standard deviation). */
    public double accuracyFloor() {
        return accuracyFloor;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** Whether any entry could be judged; when not, {@link #notCheckedReason()} says why. */
    public boolean checked() {
        return notChecked == null;
    }

    /** Why nothing of this component could be judged ("not in this shard", "all 5 entries set aside as kinks"). */
    public Optional<String> notCheckedReason() {
        return Optional.ofNullable(notChecked);
    }

    /** How many entries were judged. */
    public int judgedEntries() {
        int n = 0;
        for (Judged.Status s : judged.status()) {
            n += s.judged() ? 1 : 0;
        }
        return n;
    }

    /** How many entries were set aside (kinks whose analytic value lies between the one-sided slopes, non-generic). */
    public int setAsideEntries() {
        return judged.count(Judged.Status.KINK) + judged.count(Judged.Status.NON_GENERIC);
    }

    /** How many entries were set aside as non-generic points (wrong at θ only). */
    public int nonGenericEntries() {
        return judged.count(Judged.Status.NON_GENERIC);
    }

    /** ‖dθ‖₂ over this block. */
    public double analyticNorm() {
        return Math.sqrt(sums.analytic2);
    }

    /** ‖dθ_approx‖₂ over this block (the course's). */
    public double numericalNorm() {
        return Math.sqrt(sums.numerical2);
    }

    /** ‖dθ_approx − dθ‖₂ over this block (the course's). */
    public double differenceNorm() {
        return Math.sqrt(sums.diff2);
    }

    /** The judged entries with the largest |analytic − reference|, worst first. */
    public List<EntryResult> worstEntries() {
        return worstEntries;
    }

    /** Every finding about this component, typed, most important first. */
    public List<Finding> findings() {
        return findings;
    }

    /** The sentences of {@link #findings()}: the diagnosis first when there is one. */
    public List<String> hints() {
        return findings.stream().map(Finding::sentence).toList();
    }

    /** The diagnosis, when the pattern of the disagreement names a kind of bug. */
    public Optional<String> diagnosis() {
        return findings.stream().filter(f -> f.kind() == Finding.Kind.DIAGNOSIS).map(Finding::sentence).findFirst();
    }

    /**
     * Entries on a kink of J whose analytic value lies between the one-sided slopes but matches neither: the central
     * difference there says nothing, so they are set aside from the judged ratio (not from {@link #ratio()}).
     */
    public List<EntryResult> nonDifferentiable() {
        return nonDifferentiable;
    }

    /** A copy of the analytic gradient of this block, row-major. */
    public double[] analytic() {
        return data.analytic.clone();
    }

    /** A copy of the course's numerical gradient of this block, row-major. */
    public double[] numerical() {
        return data.numerical.clone();
    }

    /** Σ(dθ_approx − dθ)² over the checked entries (the course's): what shards add up when merged. */
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
        return data.selectedCount();
    }

    ComponentData data() {
        return data;
    }

    Judged judged() {
        return judged;
    }

    Comparison.Sums sums() {
        return sums;
    }

    Comparison.Sums judgedSums() {
        return judgedSums;
    }

    /**
     * Whether the model stores this block transposed (inputs × units): the report's (row, col) is then the user's
     * {@code [col][row]}.
     */
    public boolean transposed() {
        return data.transposed;
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
