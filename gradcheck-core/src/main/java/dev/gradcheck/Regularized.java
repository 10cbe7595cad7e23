package dev.gradcheck;

/**
 * A model that can give its regularization penalty and that penalty's gradient on their own. The checker then
 * checks the data part (J − penalty) and the penalty part separately and says which one is wrong.
 */
public interface Regularized {

    /** The penalty part of J at the current parameters, e.g. λ/2m·Σ‖W[l]‖²_F. */
    double regularizationCost();

    /** The gradient of the penalty alone, e.g. λ/m·W[l] for every W and zero for every b. */
    Gradients regularizationGradients();
}
