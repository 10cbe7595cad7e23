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
        for (int b = 0; b < blocks.size(); b++) {
            int flatHere = 0;
            for (int i = 0; i < analytic[b].length; i++) {
                if (analytic[b][i] != 0 && r.step[b][i] != 0) {
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
        if (moving >= 8 && blocksFlat >= 2 && flat * 2 >= moving) {
            throw new GradientCheckException(String.format(Locale.ROOT, "J did not change at all when θᵢ moved by "
                    + "±ε = %.0e for %d of the %d entries whose analytic gradient is not zero: J is quantized or "
                    + "computed in low precision (float, rounding, a lookup table). Compute the cost in double, or "
                    + "check with a larger ε", epsilon, flat, moving));
        }
    }
}
