package dev.gradcheck;

/**
 * A model the checker may train for a few steps, to check its gradient again once W and b have grown away from
 * their initial values: some backprop bugs (a missing λ/m·W term, a relu derivative taken from A) barely show at
 * random initialization.
 */
public interface Trainable {

    /** Runs {@code steps} steps of the model's own training (gradient descent on its batch), changing θ. */
    void train(int steps);
}
