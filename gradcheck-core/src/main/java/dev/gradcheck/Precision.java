package dev.gradcheck;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a cost whose numbers cannot carry a gradient, before it produces a misleading ratio: a cost computed in
 * float (its round-off of ~6e-8·|J| over a step of 2e-7 makes every numerical derivative off by about |J|), a
 * quantized one, or a cost that does not read the parameters the checker moves.
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
        // Only entries whose analytic slope must move J by many noise levels over ±ε say anything: a saturated
        // unit's 1e-12 gradient leaves a correct J unchanged too.
        double visible = 8 * Math.max(noise.sigma, Math.ulp(noise.j0)) / epsilon;
        for (int b = 0; b < blocks.size(); b++) {
            int flatHere = 0;
            for (int i = 0; i < analytic[b].length; i++) {
                if (Math.abs(analytic[b][i]) > visible && r.step[b][i] != 0) {
                    moving++;
                    if (r.central[b][i] == 0) {
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
        if (moving >= 8 && blocksFlat >= 2 && flat * 2 >= moving && onAGrid(r)) {
            throw new GradientCheckException(String.format(Locale.ROOT, "J did not change at all when θᵢ moved by "
                    + "±ε = %.0e for %d of the %d entries whose analytic gradient should move it by several noise "
                    + "levels, and the changes that did happen are multiples of one quantum: J is quantized or "
                    + "computed in low precision (float, rounding, a lookup table). Compute the cost in double, or "
                    + "check with a larger ε", epsilon, flat, moving));
        }
    }

    /**
     * Whether the changes of J that did happen look quantized: multiples of the smallest one. A J that is flat for
     * the model's own reasons (dead units, or a backprop that is simply wrong) still changes smoothly elsewhere,
     * by amounts with arbitrary fractional parts.
     */
    private static boolean onAGrid(NumericalGradient.Result r) {
        // One change per entry, J(θ+ε) − J(θ−ε): its two one-sided halves are nearly equal for smooth J, which
        // would look like a grid of their own.
        double quantum = Double.POSITIVE_INFINITY;
        int changes = 0;
        for (int b = 0; b < r.step.length; b++) {
            for (int i = 0; i < r.step[b].length; i++) {
                double c = Math.abs(r.central[b][i] * 2 * r.step[b][i]);
                if (c != 0) {
                    quantum = Math.min(quantum, c);
                    changes++;
                }
            }
        }
        if (changes < 8) {
            return false; // too little to see a grid; the comparison will show what is wrong
        }
        int onGrid = 0;
        for (int b = 0; b < r.step.length; b++) {
            for (int i = 0; i < r.step[b].length; i++) {
                double c = Math.abs(r.central[b][i] * 2 * r.step[b][i]);
                if (c != 0) {
                    double k = c / quantum;
                    onGrid += Math.abs(k - Math.rint(k)) < 0.01 ? 1 : 0;
                }
            }
        }
        // The smallest change is on its own grid; count the others. Smooth J puts ~2% of them on it by chance.
        return onGrid - 1 >= 0.6 * (changes - 1);
    }
}
