package dev.gradcheck;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a cost whose numbers cannot carry a gradient, before it produces a misleading ratio: a cost computed in
 * float (its round-off of ~6e-8·|J| over a step of 2e-7 makes every numerical derivative off by about |J|), or a cost
 * that does not read the parameters the checker moves. (A cost that is merely noisy, quantized or computed with an
 * iterative solver, is not refused: its noise is measured, and the judgement says what it hides.)
 */
final class Precision {
    private Precision() {
    }

    /** Before measuring: J(θ) and the noise estimate's costs all exactly float values. */
    static void notFloat(Noise noise, double epsilon) {
        if (noise.floatLike) {
            double j0 = noise.j0;
            throw new GradientCheckException(String.format(Locale.ROOT, "J looks computed in float precision: "
                    + "J(θ) = %s and every cost of the noise estimate is an exact float value. Float's round-off (≈ "
                    + "%.1e here) over the step 2ε = %.0e makes every numerical derivative wrong by up to %.1e, which "
                    + "would look like a backprop bug. Compute the cost in double (or check with ε ≥ 1e-3)", j0,
                    Math.ulp((float) j0) / 2, 2 * epsilon, Math.ulp((float) j0) / (2 * epsilon)));
        }
    }

    /** After measuring: J that did not move where the analytic gradient says it must. */
    static void moved(NumericalGradient.Result r, Noise noise, double[][] analytic, List<ParameterBlock> blocks,
                      double epsilon) {
        int flat = 0;
        int moving = 0;
        int blocksFlat = 0;
        if (blocks.isEmpty()) {
            return;
        }
        // Only entries whose analytic slope must move J by many noise levels over ±ε say anything: a saturated
        // unit's 1e-12 gradient leaves a correct J unchanged too.
        double visible = 8 * Math.max(noise.sigma, Math.ulp(noise.j0)) / epsilon;
        for (int b = 0; b < blocks.size(); b++) {
            int flatHere = 0;
            for (int i = 0; i < analytic[b].length; i++) {
                if (Math.abs(analytic[b][i]) > visible && r.step[b][i] != 0) {
                    moving++;
                    if (r.forward[b][i] == 0 && r.backward[b][i] == 0) { // J₊ == J₀ == J₋, not only J₊ == J₋
                        flat++;
                        flatHere++;
                    }
                }
            }
            if (flatHere > 0) {
                blocksFlat++;
            }
        }
        if (moving > 0 && flat == moving && blocksFlat == blocks.size()) {
            throw new GradientCheckException(String.format(Locale.ROOT, "J did not change at all when any θᵢ moved "
                    + "by ±ε = %.0e, although the analytic gradient says %d entries should move it: cost() does not "
                    + "read the values the parameter blocks view. The blocks are probably copies (ParameterBlock.of "
                    + "over a copy of the weights, made once), or cost() computes from other arrays than the ones "
                    + "parameters() returns; give live views of the arrays cost() reads", epsilon, moving));
        }
    }
}
