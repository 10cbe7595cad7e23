package dev.gradcheck;

import java.util.List;
import java.util.Locale;

/** Refuses a step that vanishes in floating point: θᵢ ± ε == θᵢ leaves nothing to difference. */
final class Steps {
    private Steps() {
    }

    /** The sentence naming the first entry whose step vanishes, or null when every step is representable. */
    static String vanished(List<ParameterBlock> blocks, EntrySelection selection, double epsilon, boolean precise) {
        if (precise) {
            return null; // the precise stencil's step is a power of two scaled to |θᵢ|: always exact
        }
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            for (int i = 0; i < block.size(); i++) {
                double v = block.get(i);
                if (selection.includes(b, i) && (v + epsilon == v || v - epsilon == v)) {
                    return String.format(Locale.ROOT, "%s = %s: θᵢ ± ε == θᵢ at ε = %.1e "
                            + "(doubles near it are %.1e apart), so the step vanishes and no finite difference can be "
                            + "taken there. Use ε ≥ %.0e (about 1e-8·|θᵢ|), or precise() (its step scales with |θᵢ|), "
                            + "or rescale the parameter", Entries.name(block, i), v, epsilon, Math.ulp(v),
                            Math.max(Math.ulp(v) * 100, 1e-8 * Math.abs(v)));
                }
            }
        }
        return null;
    }
}
