package dev.gradcheck;

import java.util.List;
import java.util.Locale;

/**
 * For a {@link Regularized} model: checks the penalty part of J and the data part (J − penalty) separately for the
 * components that failed, and says which part is wrong.
 *
 * <p>The penalty's numerical gradient costs one {@code regularizationCost()} (a pass over θ) per evaluation, so a
 * large component is split on a sample: its worst entries, where a bug shows, and an even spread of the rest.
 */
final class RegularizationSplit {
    static final int SAMPLE = 256;

    private long evaluations;

    long evaluations() {
        return evaluations;
    }

    void explain(Regularized model, Differentiable asModel, List<ParameterBlock> blocks, double[][] analytic,
                 List<ComponentResult> components, double epsilon, List<Finding> findings, Thresholds t) {
        double penalty0 = model.regularizationCost();
        if (!Double.isFinite(penalty0)) {
            findings.add(new Finding(Finding.Kind.REGULARIZATION, "regularizationCost() is " + penalty0
                    + ": the split into data and penalty parts was skipped"));
            return;
        }
        double[][] penaltyAnalytic = Validation.gradients(model.regularizationGradients(), blocks, Phase.INIT);
        boolean[][] sample = new boolean[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            sample[b] = components.get(b).verdict() != Verdict.BUG ? new boolean[0] : sample(components.get(b));
        }
        NumericalGradient ng = new NumericalGradient(asModel, model::regularizationCost, blocks, epsilon, penalty0,
                (b, i) -> sample[b].length > 0 && sample[b][i], NumericalGradient.Stencil.CENTRAL, 1,
                Progress.SILENT);
        NumericalGradient.Result pen = ng.compute();
        evaluations += 1 + ng.evaluations(); // the penalty at θ, then at each θ ± εeᵢ
        for (int b = 0; b < blocks.size(); b++) {
            ComponentResult c = components.get(b);
            if (c.verdict() != Verdict.BUG) {
                continue;
            }
            boolean[] in = sample[b];
            double[] n = c.numerical();
            double penaltyRatio = ratio(in, penaltyAnalytic[b], pen.central[b], null, null);
            double dataRatio = ratio(in, analytic[b], n, penaltyAnalytic[b], pen.central[b]);
            boolean penaltyOk = t.verdictOf(penaltyRatio) == Verdict.GOOD;
            boolean dataOk = t.verdictOf(dataRatio) == Verdict.GOOD;
            // dθ equal to the numerical data part alone (n − penalty), or to data + 2·penalty: the penalty gradient is
            // right on its own but not added into dθ, or added twice.
            double[] pn = pen.central[b];
            boolean notAdded = penaltyOk && t.verdictOf(ratio(in, analytic[b], n, null, pn)) == Verdict.GOOD;
            boolean addedTwice = penaltyOk && t.verdictOf(ratio(in, analytic[b], n, pn, null)) == Verdict.GOOD;
            String which = notAdded ? "d" + c.block() + " is the data gradient alone: the regularization gradient "
                    + "(right on its own) is not added into dθ"
                    : addedTwice ? "the regularization gradient is added into d" + c.block() + " twice"
                    : penaltyOk && dataOk ? "both parts agree on their own, so the penalty in J and in dθ do "
                    + "not match each other"
                    : penaltyOk ? "the data part is wrong, the regularization part is right"
                    : dataOk ? "the regularization part is wrong (λ/m·" + c.block() + " in backprop vs the penalty "
                    + "in J), the data part is right"
                    : "both the data part and the regularization part are wrong";
            findings.add(new Finding(Finding.Kind.REGULARIZATION, String.format(Locale.ROOT, "%s split: data part "
                    + "ratio %.1e, regularization part ratio %.1e: %s", c.name(), dataRatio, penaltyRatio, which)));
        }
    }

    /** All entries of a component up to {@link #SAMPLE}; beyond, its worst entries and an even spread. */
    private static boolean[] sample(ComponentResult c) {
        boolean[] in = new boolean[c.size()];
        if (c.size() <= SAMPLE) {
            java.util.Arrays.fill(in, true);
            return in;
        }
        for (EntryResult e : c.worstEntries()) {
            in[e.index()] = true;
        }
        int stride = (c.size() + SAMPLE - 1) / SAMPLE;
        for (int i = 0; i < c.size(); i += stride) {
            in[i] = true;
        }
        return in;
    }

    /** Ratio of (a − aSub) against (n − nSub) over the sampled entries; the subtrahends may be null. */
    private static double ratio(boolean[] in, double[] a, double[] n, double[] aSub, double[] nSub) {
        Comparison.Sums sums = new Comparison.Sums();
        for (int i = 0; i < a.length; i++) {
            if (in[i]) {
                sums.add(a[i] - (aSub == null ? 0 : aSub[i]), n[i] - (nSub == null ? 0 : nSub[i]));
            }
        }
        return sums.ratio();
    }
}
