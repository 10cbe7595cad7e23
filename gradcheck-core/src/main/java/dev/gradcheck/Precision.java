package dev.gradcheck;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a cost computed in float (or otherwise quantized) before it produces a misleading ratio: float's round-off
 * of ~6e-8·|J| divided by a step of 2e-7 makes every numerical derivative off by about |J|, which would read as a
 * backprop bug.
 */
final class Precision {
    private Precision() {
    }

    static void check(NumericalGradient.Result r, double j0, double[][] analytic, List<ParameterBlock> blocks,
                      double epsilon) {
        if (r.looked >= 16 && (double) (float) j0 == j0 && r.floatLike >= 0.9 * r.looked && j0 != Math.rint(j0)) {
            throw new GradientCheckException(String.format(Locale.ROOT, "J looks computed in float precision: "
                    + "J(θ) = %s and %d of %d perturbed costs are exact float values. Float's round-off (≈ %.1e "
                    + "here) over the step 2ε = %.0e makes every numerical derivative wrong by up to %.1e, which would "
                    + "look like a backprop bug. Compute the cost in double (or check with ε ≥ 1e-3)", j0,
                    r.floatLike, r.looked, Math.ulp((float) j0) / 2, 2 * epsilon,
                    Math.ulp((float) j0) / (2 * epsilon)));
        }
        int flat = 0;
        int moving = 0;
        int blocksFlat = 0;
        // Only entries whose analytic slope must move a double J by several ulps over ±ε say anything: a saturated
        // unit's 1e-12 gradient leaves a correct double J unchanged too.
        double visible = 8 * Math.ulp(j0) / epsilon;
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
        if (moving >= 8 && blocksFlat >= 2 && flat * 2 >= moving && onAGrid(r)) {
            throw new GradientCheckException(String.format(Locale.ROOT, "J did not change at all when θᵢ moved by "
                    + "±ε = %.0e for %d of the %d entries whose analytic gradient should move it by several ulps: J is quantized or "
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
        if (changes == 0) {
            return true; // nothing moved J at all: a grid too coarse for every step
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
