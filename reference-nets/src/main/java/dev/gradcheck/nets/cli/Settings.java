package dev.gradcheck.nets.cli;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Init;
import dev.gradcheck.nets.Loss;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.NetworkBuilder;
import dev.gradcheck.nets.bugs.Bug;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

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
    public NetworkBuilder builder() {
        return Network.builder().layers(layers).batch(batch).activation(activation).loss(loss).lambda(lambda).l1(l1)
                .keepProb(keepProb).init(init).seed(seed).learningRate(LEARNING_RATE).bug(bug);
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    /**
     * These settings with some changed: {@code s.with(e -> { e.lambda = 0.7; e.keepProb = 0.8; })}. The one way to
     * derive settings (a new setting is a component here and a field of {@link Edit}, not one more wither).
     */
    public Settings with(Consumer<Edit> change) {
        Edit e = new Edit(this);
        change.accept(e);
        return new Settings(e.layers, e.batch, e.activation, e.loss, e.lambda, e.l1, e.keepProb, e.init, e.seed,
                e.trainSteps, e.epsilon, e.bug);
    }

    /** The settings being changed inside {@link #with}: one field per component, starting at the current values. */
    public static final class Edit {
        public int[] layers;
        public int batch;
        public Activation activation;
        public Loss loss;
        public double lambda;
        public double l1;
        public double keepProb;
        public Init init;
        public long seed;
        public int trainSteps;
        public double epsilon;
        public Bug bug;

        private Edit(Settings s) {
            layers = s.layers();
            batch = s.batch;
            activation = s.activation;
            loss = s.loss;
            lambda = s.lambda;
            l1 = s.l1;
            keepProb = s.keepProb;
            init = s.init;
            seed = s.seed;
            trainSteps = s.trainSteps;
            epsilon = s.epsilon;
            bug = s.bug;
        }
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
