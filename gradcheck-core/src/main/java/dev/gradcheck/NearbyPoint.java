package dev.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Tells a backprop bug from a non-generic θ. At initialization b = 0, and with dropout masks frozen (or dead relu
 * units) a whole layer's activations can be exactly 0 on one example, so the next layer's Z is exactly 0 there, in
 * several layers at once. J can be perfectly smooth along a coordinate through such a point while the chain rule,
 * multiplying one convention g'(0) per layer, gives a different number: the analytic gradient is not J's derivative
 * at that θ although nothing in the code is wrong. A real bug does not care about exact zeros: it is still there a
 * hair away from θ.
 *
 * <p>So for each failing component with few wrong entries, those entries are checked again at a point θ' = θ plus a
 * small seeded Gaussian jitter (σ = max(1e-4·rms of the block, 1000·ε), so no Z stays exactly 0 or lands within ±ε of 0): if every one of them
 * agrees there, they are marked point-specific and left out of the ratio, with a sentence in the report. θ is
 * restored bit-exactly.
 */
final class NearbyPoint {

    static final String DESCRIPTION = "a hair away (seeded jitter of 1e-4 relative, at least 1000·ε)";
    /** More wrong entries than this in one component is a pattern, not a few coincidences at exact zeros. */
    static final int MAX_ENTRIES = 256;
    /** Above this ε the jitter (≥ 1000·ε) is no longer small against θ, so the test is not made. */
    static final double MAX_EPSILON = 1e-6;
    private static final double RELATIVE_JITTER = 1e-4;
    private static final int ATTEMPTS = 2;

    private final Differentiable model;
    private final List<ParameterBlock> blocks;
    private final double epsilon;
    private final Thresholds thresholds;
    private long evaluations;

    NearbyPoint(Differentiable model, List<ParameterBlock> blocks, double epsilon, Thresholds thresholds) {
        this.model = model;
        this.blocks = blocks;
        this.epsilon = epsilon;
        this.thresholds = thresholds;
    }

    long evaluations() {
        return evaluations;
    }

    /**
     * Marks the point-specific entries of the failing components (in their {@link ComponentData}); returns whether
     * any entry was marked, in which case the components must be compared again.
     */
    boolean mark(List<ComponentResult> components, Phase phase, long seed, double j0) {
        List<int[]> candidates = new ArrayList<>();
        for (int b = 0; b < components.size(); b++) {
            ComponentResult c = components.get(b);
            if (c.verdict() == Verdict.GOOD) {
                continue;
            }
            List<Integer> wrong = wrongEntries(c.data(), j0);
            if (wrong.isEmpty() || wrong.size() > MAX_ENTRIES) {
                continue;
            }
            for (int i : wrong) {
                candidates.add(new int[] {b, i});
            }
        }
        if (candidates.isEmpty()) {
            return false;
        }
        // Each wrong entry must agree at a jittered point; a second, independent jitter gets a second chance, since
        // a jitter can itself put some Z within ±ε of 0 (about once in 1e3 entries at σ = 1e-4, ε = 1e-7), while a
        // real bug disagrees at both.
        boolean[] agreed = new boolean[candidates.size()];
        double[][] saved = new double[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            saved[b] = blocks.get(b).toArray();
        }
        for (int attempt = 0; attempt < ATTEMPTS && !allTrue(agreed); attempt++) {
            try {
                jitter(seed + attempt);
                double jNear = model.cost();
                double[][] analytic = Validation.gradients(model.gradients(), blocks, phase);
                evaluations++;
                for (int k = 0; k < candidates.size(); k++) {
                    if (agreed[k]) {
                        continue;
                    }
                    int b = candidates.get(k)[0];
                    int i = candidates.get(k)[1];
                    double n = Sweep.central(model, blocks.get(b), i, epsilon);
                    evaluations += 2;
                    double a = analytic[b][i];
                    double noise = Comparison.noisePerEntry(jNear, epsilon);
                    agreed[k] = Double.isFinite(n) && Math.abs(a - n)
                            <= Math.max(thresholds.good() * (Math.abs(a) + Math.abs(n)), 10 * noise);
                }
            } finally {
                for (int b = 0; b < blocks.size(); b++) {
                    blocks.get(b).copyFrom(saved[b]);
                }
            }
        }
        boolean[] agreesEverywhere = new boolean[components.size()];
        Arrays.fill(agreesEverywhere, true);
        for (int k = 0; k < candidates.size(); k++) {
            agreesEverywhere[candidates.get(k)[0]] &= agreed[k];
        }
        boolean marked = false;
        for (int[] bi : candidates) {
            if (agreesEverywhere[bi[0]]) {
                components.get(bi[0]).data().pointSpecific[bi[1]] = true;
                marked = true;
            }
        }
        return marked;
    }

    /** Entries whose own relative difference is beyond the GOOD band and round-off, and that no kink explains. */
    private List<Integer> wrongEntries(ComponentData d, double j0) {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (!d.selected[i] || d.pointSpecific[i]) {
                continue;
            }
            double a = d.analytic[i];
            double n = d.numerical[i];
            double noise = Comparison.noisePerEntry(j0, d.step[i]);
            if (d.kink[i] && Comparison.validOneSided(a, d.forward[i], d.backward[i], noise)) {
                continue;
            }
            double diff = Math.abs(a - n);
            if (diff > thresholds.good() * (Math.abs(a) + Math.abs(n)) && diff > noise) {
                wrong.add(i);
                if (wrong.size() > MAX_ENTRIES) {
                    break;
                }
            }
        }
        return wrong;
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    private void jitter(long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        for (ParameterBlock block : blocks) {
            double sum = 0;
            for (int i = 0; i < block.size(); i++) {
                sum += block.get(i) * block.get(i);
            }
            double rms = Math.sqrt(sum / Math.max(1, block.size()));
            // Far larger than ε, so the jittered zeros are not kinks within ±ε themselves.
            double sigma = Math.max(RELATIVE_JITTER * rms, 1e3 * epsilon);
            for (int i = 0; i < block.size(); i++) {
                block.set(i, block.get(i) + sigma * random.nextGaussian());
            }
        }
    }

}
