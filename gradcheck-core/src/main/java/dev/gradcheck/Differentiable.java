package dev.gradcheck;

import java.util.List;

/**
 * A model whose backpropagation is to be checked: the one interface a user implements (on the model itself or
 * on a small adapter).
 *
 * <p>The checker perturbs one parameter at a time through the live {@link ParameterBlock} views, calls
 * {@link #cost()} at θ + εeᵢ and θ − εeᵢ, and compares the central difference with {@link #gradients()}. It always
 * writes the original values back, bit for bit, also when the model throws.
 *
 * <p>Optional capabilities the same object may implement: {@link Stochastic} (dropout), {@link Trainable}
 * (a second check after training), {@link Regularized} (check data and penalty parts separately),
 * {@link StructuredCost} (fast perturbed costs) and {@link Replicable} (parallel evaluation).
 */
public interface Differentiable {

    /**
     * The parameter blocks in a fixed, declared order (for a layered network: W1, b1, W2, b2, ...). Each block
     * is a <em>live</em> view: writing into it changes what {@link #cost()} and {@link #gradients()} see.
     * Names must be unique and non-blank.
     */
    List<ParameterBlock> parameters();

    /**
     * J at the current parameters on the model's fixed batch, regularization term included
     * (λ/2m·Σ‖W‖²_F for L2, λ/m·Σ|W| for L1). Must be deterministic: two calls at the same θ return the same value.
     */
    double cost();

    /** dθ by backpropagation at the current parameters: one array per block, keyed by block name. */
    Gradients gradients();
}
