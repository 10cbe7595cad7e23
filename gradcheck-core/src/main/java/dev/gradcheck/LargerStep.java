package dev.gradcheck;

import java.util.List;

/**
 * The {@link Decision.Resolver} of an unsplit check: re-measures a component whose gradient J's noise hides at ε, at
 * a step where noise is low enough, and at twice that step (so that truncation, which grows with the step, shows and
 * is extrapolated away rather than read as a bug). Large components are re-measured on an even spread of entries.
 */
final class LargerStep implements Decision.Resolver {
    /** At most this many entries of one component are re-measured. */
    static final int SAMPLE = 512;

    private final Differentiable model;
    private final List<ParameterBlock> blocks;
    private final double j0;
    private final Noise noise;
    private final Thresholds thresholds;
    private final int worstEntries;
    private final boolean detectKinks;
    private long evaluations;

    LargerStep(Differentiable model, List<ParameterBlock> blocks, double j0, Noise noise, Thresholds thresholds,
               int worstEntries, boolean detectKinks) {
        this.model = model;
        this.blocks = blocks;
        this.j0 = j0;
        this.noise = noise;
        this.thresholds = thresholds;
        this.worstEntries = worstEntries;
        this.detectKinks = detectKinks;
    }

    long evaluations() {
        return evaluations;
    }

    @Override
    public ComponentResult resolve(ComponentData d, Judged j, double step) {
        int b = indexOf(d.block);
        // Entries on a kink at ε are not re-measured: a larger step crosses more kinks, and its one-sided slopes
        // average over them, so it would judge such an entry worse than ε did.
        boolean[] candidate = new boolean[d.size()];
        int candidates = 0;
        for (int i = 0; i < d.size(); i++) {
            Judged.Status s = j.status()[i];
            candidate[i] = s == Judged.Status.JUDGED || s == Judged.Status.RICHARDSON;
            candidates += candidate[i] ? 1 : 0;
        }
        if (candidates == 0) {
            return null;
        }
        int stride = Math.max(1, (candidates + SAMPLE - 1) / SAMPLE);
        boolean[] sample = new boolean[d.size()];
        int k = 0;
        for (int i = 0; i < d.size(); i++) {
            if (candidate[i]) {
                sample[i] = k++ % stride == 0;
            }
        }
        EntrySelection selection = (blk, i) -> blk == b && sample[i];
        NumericalGradient at = new NumericalGradient(model, null, blocks, step, j0, selection,
                NumericalGradient.Stencil.CENTRAL, 1, Progress.SILENT);
        NumericalGradient.Result r = at.compute();
        NumericalGradient wideStep = new NumericalGradient(model, null, blocks, step * 2, j0, selection,
                NumericalGradient.Stencil.CENTRAL, 1, Progress.SILENT);
        NumericalGradient.Result w = wideStep.compute();
        evaluations += at.evaluations() + wideStep.evaluations();
        ComponentData there = ComponentData.of(blocks.get(b), b, d.analytic, r, selection);
        there.takeWide(w, b, sample);
        Judged judged = Explanations.judge(there, noise, NumericalGradient.Stencil.CENTRAL, detectKinks,
                thresholds.good());
        return Decision.component(there, judged, noise, thresholds, worstEntries, step, null);
    }

    private int indexOf(String name) {
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b).name().equals(name)) {
                return b;
            }
        }
        throw new IllegalStateException("no block " + name);
    }
}
