package dev.gradcheck;

/**
 * A model that can hand out independent copies of itself, so the checker may evaluate perturbed costs on several
 * cores at once. A copy must have the same parameters, batch and configuration, and share no mutable state
 * with the original.
 */
public interface Replicable {

    /** An independent deep copy of this model. */
    Differentiable replicate();
}
