package dev.gradcheck;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@link Decision.Resolver} of an unsplit check: re-measures a component whose gradient J's noise hides at ε, at
 * a step where noise is low enough, and at twice that step (so that truncation, which grows with the step, shows and
 * is extrapolated away rather than read as a bug). Large components are re-measured on an even spread of entries.
 */
final class LargerStep implements Decision.Resolver {
    /** At most this many entries of one component are re-measured. */
    static final int SAMPLE = 512;
    /** The sample's entries come in runs of this many consecutive candidates. */
    static final int RUN = 16;

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
        // An even spread of runs of RUN consecutive entries: a model that evaluates perturbations in bulk
        // (StructuredCost) pays about one forward pass per run, so 32 runs of 16 cost a tenth of 512 single entries.
        int stride = Math.max(1, (candidates + SAMPLE - 1) / SAMPLE);
        boolean[] sample = new boolean[d.size()];
        int k = 0;
        for (int i = 0; i < d.size(); i++) {
            if (candidate[i]) {
                sample[i] = (k++ / RUN) % stride == 0;
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
        Noise noiseThere = noiseAround(b, step);
        Judged judged = Explanations.judge(there, noiseThere, NumericalGradient.Stencil.CENTRAL, detectKinks,
                thresholds.good());
        return Decision.component(there, judged, noiseThere, thresholds, worstEntries, step, null);
    }

    /**
     * J's noise where the larger step evaluates it, not only at θ: the noise measured at θ is that of J(θ), and J may
     * be much larger a step away. At an exact fit J(θ) is a few ulp of zero with a noise of 1e-23, while a step of
     * 1e-2 away J is 1e-4 and rounds at 1e-20: judged with θ's noise, two gradients that are both pure round-off
     * differ "beyond noise" (a false BUG, found on a linear regression at its exact solution). So σ_J is measured
     * again at θ ± step·u, u a random unit direction over the block (the typical size of the entries' displacements),
     * and the largest of the three measurements bounds the re-measured differences. θ is restored bit-exactly.
     */
    private Noise noiseAround(int b, double step) {
        ParameterBlock block = blocks.get(b);
        double[] saved = block.toArray();
        SplittableRandom random = new SplittableRandom(0x5EEDL ^ b);
        double[] u = new double[saved.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = (random.nextBoolean() ? 1 : -1) / Math.sqrt(u.length);
        }
        Noise largest = noise;
        try {
            for (int side = -1; side <= 1; side += 2) {
                for (int i = 0; i < u.length; i++) {
                    block.set(i, saved[i] + side * step * u[i]);
                }
                double jThere = model.cost();
                evaluations++;
                Noise there = Noise.measure(model, blocks, jThere, 0x5EEDL + side);
                evaluations += there.evaluations;
                if (there.sigma > largest.sigma) {
                    largest = there;
                }
            }
        } finally {
            block.copyFrom(saved);
        }
        return largest;
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
