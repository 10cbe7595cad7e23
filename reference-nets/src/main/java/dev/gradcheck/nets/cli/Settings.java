package dev.gradcheck.nets.cli;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Init;
import dev.gradcheck.nets.Loss;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.bugs.Bug;

import java.util.Arrays;
import java.util.Objects;

/**
 * One reference network and how to check it: the options of {@code check}, resolved. Three starting points:
 * {@link #checkDefaults()} (the command's defaults), {@link #demo()} (the demo's correct network, with L2 and
 * dropout) and {@link #forBug(Bug)} (the network the demo shows a bug on).
 *
 * @param layers     n[0], ..., n[L]
 * @param batch      m, the size of the synthetic training batch
 * @param trainSteps training steps before the second check (0: one check)
 * @param epsilon    the finite-difference step
 * @param bug        the injected bug or {@code null}
 */
public record Settings(int[] layers, int batch, Activation activation, Loss loss, double lambda, double l1,
                       double keepProb, Init init, long seed, int trainSteps, double epsilon, Bug bug) {

    /** α of the gradient-descent steps taken by {@code --train-steps} and the demo. */
    public static final double LEARNING_RATE = 0.05;

    public Settings {
        layers = Objects.requireNonNull(layers, "layers").clone();
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(init, "init");
    }

    /** {@code check}'s defaults: layers 4,5,3,1, batch 3, relu, sigmoid-ce, λ 0.7, no L1, no dropout, He, seed 1. */
    public static Settings checkDefaults() {
        return new Settings(new int[] {4, 5, 3, 1}, 3, Activation.RELU, Loss.SIGMOID_CE, 0.7, 0, 1.0, Init.HE, 1, 0,
                GradientCheck.DEFAULT_EPSILON, null);
    }

    /**
     * The demo's correct network: layers 4,5,5,3,1 (a square layer for the transposed-dW bug, hidden layers of
     * different widths), batch 8, relu, sigmoid-ce, λ 0.7 and keep-prob 0.8 so that the keep-prob forcing shows,
     * checked at initialization and after 100 training steps.
     */
    public static Settings demo() {
        return new Settings(new int[] {4, 5, 5, 3, 1}, 8, Activation.RELU, Loss.SIGMOID_CE, 0.7, 0, 0.8, Init.HE, 1,
                100, GradientCheck.DEFAULT_EPSILON, null);
    }

    /**
     * The network a bug is shown on: the demo's layers and batch with nothing else on, plus what the bug needs
     * to show (λ 0.7 for an L2 bug, λ₁ 0.1 for an L1 bug, keep-prob 0.8 for a dropout bug, the activation it is
     * about), checked at initialization. Regularization is left off otherwise, so that a scale error in the data
     * term shows as the clean constant factor it is.
     */
    public static Settings forBug(Bug bug) {
        Activation g = bug.activations().contains(Activation.RELU) ? Activation.RELU
                : bug.activations().iterator().next();
        double lambda = bug.needs().contains(Bug.Need.L2) ? 0.7 : 0;
        double l1 = bug.needs().contains(Bug.Need.L1) ? 0.1 : 0;
        double keep = bug.needs().contains(Bug.Need.DROPOUT) ? 0.8 : 1.0;
        return new Settings(new int[] {4, 5, 5, 3, 1}, 8, g, Loss.SIGMOID_CE, lambda, l1, keep, Init.HE, 1, 0,
                GradientCheck.DEFAULT_EPSILON, bug);
    }

    /** The network these settings describe. */
    public Network build() {
        return builder().build();
    }

    /** A builder with these settings, to adjust further. */
    public Network.Builder builder() {
        return Network.builder().layers(layers).batch(batch).activation(activation).loss(loss).lambda(lambda).l1(l1)
                .keepProb(keepProb).init(init).seed(seed).learningRate(LEARNING_RATE).bug(bug);
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    public Settings withLayers(int[] v) {
        return new Settings(v, batch, activation, loss, lambda, l1, keepProb, init, seed, trainSteps, epsilon, bug);
    }

    public Settings withBatch(int v) {
        return new Settings(layers, v, activation, loss, lambda, l1, keepProb, init, seed, trainSteps, epsilon, bug);
    }

    public Settings withActivation(Activation v) {
        return new Settings(layers, batch, v, loss, lambda, l1, keepProb, init, seed, trainSteps, epsilon, bug);
    }

    public Settings withLoss(Loss v) {
        return new Settings(layers, batch, activation, v, lambda, l1, keepProb, init, seed, trainSteps, epsilon, bug);
    }

    public Settings withLambda(double v) {
        return new Settings(layers, batch, activation, loss, v, l1, keepProb, init, seed, trainSteps, epsilon, bug);
    }

    public Settings withL1(double v) {
        return new Settings(layers, batch, activation, loss, lambda, v, keepProb, init, seed, trainSteps, epsilon, bug);
    }

    public Settings withKeepProb(double v) {
        return new Settings(layers, batch, activation, loss, lambda, l1, v, init, seed, trainSteps, epsilon, bug);
    }

    public Settings withInit(Init v) {
        return new Settings(layers, batch, activation, loss, lambda, l1, keepProb, v, seed, trainSteps, epsilon, bug);
    }

    public Settings withSeed(long v) {
        return new Settings(layers, batch, activation, loss, lambda, l1, keepProb, init, v, trainSteps, epsilon, bug);
    }

    public Settings withTrainSteps(int v) {
        return new Settings(layers, batch, activation, loss, lambda, l1, keepProb, init, seed, v, epsilon, bug);
    }

    public Settings withEpsilon(double v) {
        return new Settings(layers, batch, activation, loss, lambda, l1, keepProb, init, seed, trainSteps, v, bug);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && Arrays.equals(layers, s.layers) && batch == s.batch
                && activation == s.activation && loss == s.loss && Double.compare(lambda, s.lambda) == 0
                && Double.compare(l1, s.l1) == 0 && Double.compare(keepProb, s.keepProb) == 0 && init == s.init
                && seed == s.seed && trainSteps == s.trainSteps && Double.compare(epsilon, s.epsilon) == 0
                && bug == s.bug;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(layers), batch, activation, loss, lambda, l1, keepProb, init, seed,
                trainSteps, epsilon, bug);
    }

    @Override
    public String toString() {
        return "Settings[layers " + Arrays.toString(layers) + ", batch " + batch + ", " + activation.label() + ", "
                + loss.label() + ", λ " + lambda + ", λ₁ " + l1 + ", keep-prob " + keepProb + ", " + init.label()
                + ", seed " + seed + ", train-steps " + trainSteps + ", ε " + epsilon
                + (bug == null ? "" : ", bug " + bug) + "]";
    }
}
