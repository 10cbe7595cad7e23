package dev.gradcheck.nets;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;

import java.util.function.UnaryOperator;

/**
 * The gradient check of a {@link Network} as the demo and the {@code check} command run it: one
 * {@link GradientCheck} at ε, at the network's parameters and again after training, in one report.
 *
 * <p>The core checker forces keep-prob to 1.0 on every {@link dev.gradcheck.Stochastic} model (dropout off, where a
 * dropout bug is invisible) and, when the network has dropout, adds phases with the masks frozen at the configured
 * keep-prob (labelled {@code "init, dropout 0.8 frozen"} and {@code "after 10 steps, dropout 0.8 frozen"}, with
 * {@code phase().keepProb() < 1}): those check dropout's own backprop. There is no second check to run or combine.
 */
public final class NetworkCheck {
    private NetworkCheck() {
    }

    /**
     * The check at ε, at the network's parameters and, when {@code trainingSteps} &gt; 0, again after that many steps
     * of training; with dropout, each also with the masks frozen. The network is left with the parameters it had.
     */
    public static GradCheckReport run(Network net, double epsilon, int trainingSteps) {
        return run(net, epsilon, trainingSteps, UnaryOperator.identity());
    }

    /**
     * The check as {@link #run(Network, double, int)}, the checker further configured by {@code options} (a shard,
     * fast mode, precise mode, threads, ...); the options apply to every phase, the frozen-dropout ones included.
     */
    public static GradCheckReport run(Network net, double epsilon, int trainingSteps,
                                      UnaryOperator<GradientCheck> options) {
        return options.apply(GradientCheck.of(net).epsilon(epsilon).afterTraining(trainingSteps)).run();
    }
}
