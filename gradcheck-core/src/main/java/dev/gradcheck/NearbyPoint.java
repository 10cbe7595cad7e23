package dev.gradcheck;

import java.util.List;
import java.util.Random;

/**
 * Re-measures entries a hair away from θ, to tell a backprop bug from a non-generic θ. At initialization b = 0, and
 * with dropout masks frozen (or dead relu units) a layer's activations can be exactly 0 on one example, so the next
 * layer's Z is exactly 0 there, in several layers at once: J can be smooth along a coordinate through such a point
 * while the chain rule, multiplying one convention g'(0) per layer, gives another number. A real bug does not care
 * about exact zeros: it is still there a hair away.
 *
 * <p>θ' = θ plus a seeded Gaussian jitter (σ = max(1e-4·rms of the block, 1000·ε), so that no Z stays exactly 0 or
 * lands within ±ε of 0), and each entry is measured there with the same stencil and step as at θ; its error and noise
 * there go into {@link ComponentData#nearbyError}/{@link ComponentData#nearbySd} for {@link Explanations} to judge
 * under the same bound. A second, independent jitter gives entries a second chance (a jitter can itself land a Z
 * within ±ε of 0); the smaller error counts. θ is restored bit-exactly.
 */
final class NearbyPoint {

    static final String DESCRIPTION = "re-measured a hair away (seeded jitter of 1e-4 relative, at least 1000·ε) "
            + "with the same stencil, step and noise bound,";
    /** Above this ε the jitter (≥ 1000·ε) is no longer small against θ, so the test is not made. */
    static final double MAX_EPSILON = 1e-6;
    private static final double RELATIVE_JITTER = 1e-4;
    private static final int ATTEMPTS = 2;

    private NearbyPoint() {
    }

    /** Fills the nearby error of the entries in {@code need}; returns the evaluations it took. */
    static long measure(Differentiable model, List<ParameterBlock> blocks, List<ComponentData> data, boolean[][] need,
                        double epsilon, NumericalGradient.Stencil stencil, Noise noise, Phase phase, long seed) {
        long evaluations = 0;
        double[][] saved = new double[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            saved[b] = blocks.get(b).toArray();
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            boolean[][] still = new boolean[blocks.size()][];
            boolean any = false;
            for (int b = 0; b < blocks.size(); b++) {
                still[b] = new boolean[need[b].length];
                ComponentData d = data.get(b);
                for (int i = 0; i < need[b].length; i++) {
                    // Already fine at the first jitter: no second chance needed.
                    still[b][i] = need[b][i] && !(d.nearbyError[i] <= Noise.BOUND * d.nearbySd[i]);
                    any |= still[b][i];
                }
            }
            if (!any) {
                break;
            }
            try {
                jitter(blocks, epsilon, seed + attempt);
                double jNear = model.cost();
                double[][] analytic = Validation.gradients(model.gradients(), blocks, phase);
                evaluations++; // J at θ′ (dθ there is not a cost evaluation)
                NumericalGradient ng = new NumericalGradient(model, model::cost, blocks, epsilon, jNear,
                        (b, i) -> still[b][i], stencil, 1, Progress.SILENT);
                NumericalGradient.Result r = ng.compute();
                evaluations += ng.evaluations();
                for (int b = 0; b < blocks.size(); b++) {
                    ComponentData d = data.get(b);
                    for (int i = 0; i < still[b].length; i++) {
                        if (still[b][i]) {
                            double err = Math.abs(analytic[b][i] - r.central[b][i]);
                            if (Double.isNaN(d.nearbyError[i]) || err < d.nearbyError[i]) {
                                d.nearbyError[i] = err;
                                d.nearbySd[i] = noise.of(stencil, r.step[b][i]);
                            }
                        }
                    }
                }
            } finally {
                for (int b = 0; b < blocks.size(); b++) {
                    blocks.get(b).copyFrom(saved[b]);
                }
            }
        }
        return evaluations;
    }

    private static void jitter(List<ParameterBlock> blocks, double epsilon, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        for (ParameterBlock block : blocks) {
            double sum = 0;
            for (int i = 0; i < block.size(); i++) {
                sum += block.get(i) * block.get(i);
            }
            double rms = Math.sqrt(sum / Math.max(1, block.size()));
            double sigma = Math.max(RELATIVE_JITTER * rms, 1e3 * epsilon);
            for (int i = 0; i < block.size(); i++) {
                block.set(i, block.get(i) + sigma * random.nextGaussian());
            }
        }
    }
}
