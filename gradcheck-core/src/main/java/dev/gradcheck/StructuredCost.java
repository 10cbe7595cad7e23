package dev.gradcheck;

/**
 * An optional capability for models that can evaluate J at many single-coordinate perturbations θ ± εeᵢ faster
 * than one full forward pass each (a layered network reuses the activations below the perturbed layer and batches
 * the rest into large matrix products).
 *
 * <p>The results must be those of the plain path: for every entry i in the range, {@code costPlus[k]} is J with
 * the entry set to {@code θᵢ + ε} (that exact double) and every other entry unchanged, {@code costMinus[k]} the same
 * with {@code θᵢ − ε}; differences only at round-off level. The parameters must be unchanged afterwards.
 */
public interface StructuredCost {

    /**
     * Fills {@code costPlus[k]} and {@code costMinus[k]} for entries {@code from + k}, {@code k < to − from}, of the
     * block at {@code blockIndex} (the position in {@link Differentiable#parameters()}), flat row-major indices.
     */
    void perturbedCosts(int blockIndex, int from, int to, double epsilon, double[] costPlus, double[] costMinus);
}
