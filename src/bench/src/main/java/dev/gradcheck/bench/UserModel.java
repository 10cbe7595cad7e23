package dev.gradcheck.bench;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Stochastic;
import dev.gradcheck.Trainable;
import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Loss;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.bugs.Bug;

import java.util.List;

/**
 * The big user model: 50,803 parameters (150-151-151-33-1, relu, sigmoid cross-entropy, L2 λ = 0.7, dropout
 * keep-prob 0.8, m = 64), as a user's own model looks to the checker: {@link Differentiable}, {@link Stochastic} and
 * {@link Trainable} only, so every J(θ ± εeᵢ) is one whole cost() (no {@code StructuredCost}), and the default check
 * has four phases (at θ, with frozen dropout masks, after 100 training steps, and frozen again). The network of
 * reference-nets underneath carries the bug catalogue; 151-151 is its square layer (for {@code DW_TRANSPOSED}).
 */
final class UserModel implements Differentiable, Stochastic, Trainable {
    static final int[] LAYERS = {150, 151, 151, 33, 1};
    static final double KEEP_PROB = 0.8;

    private final Network net;

    UserModel(Bug bug) {
        this.net = Network.builder().layers(LAYERS).activation(Activation.RELU).loss(Loss.SIGMOID_CE)
                .lambda(Networks.LAMBDA).keepProb(KEEP_PROB).batch(Networks.BATCH).seed(1).bug(bug).build();
    }

    /** Why {@code bug} does not apply to this model, or null. */
    static String notApplicable(Bug bug) {
        return bug.notApplicable(LAYERS, Activation.RELU, Networks.LAMBDA, 0, KEEP_PROB, Networks.BATCH);
    }

    @Override
    public List<ParameterBlock> parameters() {
        return net.parameters();
    }

    @Override
    public double cost() {
        return net.cost();
    }

    @Override
    public Gradients gradients() {
        return net.gradients();
    }

    @Override
    public double keepProb() {
        return net.keepProb();
    }

    @Override
    public void keepProb(double p) {
        net.keepProb(p);
    }

    @Override
    public boolean freezeMasks() {
        return net.freezeMasks();
    }

    @Override
    public void unfreezeMasks() {
        net.unfreezeMasks();
    }

    @Override
    public void train(int steps) {
        net.train(steps);
    }

    @Override
    public String toString() {
        return "user model 150-151-151-33-1 (" + net.bug() + ")";
    }
}
