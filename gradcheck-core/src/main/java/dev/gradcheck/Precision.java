package dev.gradcheck;

import java.util.ArrayList;
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

    /** The probe's relative step: far above any cost's round-off, far below its curvature's scale. */
    static final double PROBE = 1e-3;

    /**
     * After measuring: J that did not move where the analytic gradient says it must. When every such entry of every
     * block left J bit-exactly unchanged (J₊ == J₀ == J₋), each block is probed once more at a step of
     * {@link #PROBE}·max(1, |θᵢ|): when J moves there, J is flat at ε (a saturated cost such as 1 − A rounding to one
     * double, or a quantized one), and the check says so; when it does not, cost() does not read the blocks (copies).
     */
    static void moved(Differentiable model, NumericalGradient.Result r, Noise noise, double[][] analytic,
                      List<ParameterBlock> blocks, double epsilon) {
        int flat = 0;
        int flatBlocks = 0;
        int[] probeAt = new int[blocks.size()];
        List<String> flatAtEpsilon = new ArrayList<>();
        // Only entries whose analytic slope must move J by many noise levels over ±ε say anything: a saturated
        // unit's 1e-12 gradient leaves a correct J unchanged too.
        double visible = 8 * Math.max(noise.sigma, Math.ulp(noise.j0)) / epsilon;
        for (int b = 0; b < blocks.size(); b++) {
            int movingHere = 0;
            int flatHere = 0;
            int probe = -1;
            for (int i = 0; i < analytic[b].length; i++) {
                if (Math.abs(analytic[b][i]) > visible && r.step[b][i] != 0) {
                    movingHere++;
                    if (r.forward[b][i] == 0 && r.backward[b][i] == 0) { // J₊ == J₀ == J₋, not only J₊ == J₋
                        flatHere++;
                        if (probe < 0 || Math.abs(analytic[b][i]) > Math.abs(analytic[b][probe])) {
                            probe = i;
                        }
                    }
                }
            }
            flat += flatHere;
            if (movingHere > 0 && flatHere == movingHere) {
                flatBlocks++;
            }
            probeAt[b] = probe;
        }
        // Only a J that moves for no block is refused. Some blocks flat and others not is not told from a real bug:
        // a unit the forward pass drops (a frozen dropout mask, a dead path) leaves J independent of the blocks below
        // it, a saturated unit leaves it flat at ε, and a backprop that ignores the mask or g' still gives those
        // blocks a large gradient. Those are judged (BUG, with a hint that names both causes).
        if (flatBlocks < blocks.size()) {
            return;
        }
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            if (movesAt(model, block, probeAt[b], noise.j0)) {
                flatAtEpsilon.add(block.name());
            }
        }
        if (flatAtEpsilon.isEmpty()) {
            throw new GradientCheckException(String.format(Locale.ROOT, "J did not change at all when any θᵢ moved "
                    + "by ±ε = %.0e, nor at a step of %.0e, although the analytic gradient says %d entries should move "
                    + "it: cost() does not read the values the parameter blocks view. The blocks are probably copies "
                    + "(ParameterBlock.of over a copy of the array, made once), cost() computes from other arrays "
                    + "than the ones parameters() returns, or it returns a value cached from an earlier call; give "
                    + "live views of the arrays cost() reads, and compute J afresh on every call", epsilon, PROBE,
                    flat));
        }
        throw new GradientCheckException(String.format(Locale.ROOT, "J is flat at ε = %.0e: it did not change at all "
                + "when any θᵢ moved by ±ε, although the analytic gradient says %d entries should move it, and it does "
                + "change at a step of %.0e (%s). The cost loses its own variation to round-off: saturated (e.g. "
                + "1 − A rounds to one double when a sigmoid saturates, so log(1 − A) is stuck) or quantized. Compute "
                + "it in a stable form (cross-entropy from the logits Z: max(Z, 0) − Z·Y + log(1 + e^−|Z|)) or check "
                + "with a larger ε (e.g. 1e-4)", epsilon, flat, PROBE, "the entries of "
                + String.join(", ", flatAtEpsilon)));
    }

    /** Whether J changes when entry i of the block moves by {@link #PROBE}·max(1, |θᵢ|) either way; θ restored. */
    private static boolean movesAt(Differentiable model, ParameterBlock block, int i, double j0) {
        double old = block.get(i);
        double h = PROBE * Math.max(1, Math.abs(old));
        try {
            block.set(i, old + h);
            double plus = model.cost();
            block.set(i, old - h);
            double minus = model.cost();
            return plus != j0 || minus != j0;
        } finally {
            block.set(i, old);
        }
    }
}
