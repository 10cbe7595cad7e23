package dev.gradcheck.nets;

import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.StructuredCost;
import dev.gradcheck.Trainable;
import dev.gradcheck.Verdict;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The gradient check of a {@link Network} as the demo and the {@code check} command run it: the core check
 * (keep-prob forced to 1.0, so dropout is off), and, when the network has dropout, a second check of dropout's
 * own backprop with the masks frozen.
 *
 * <p>The core checker forces keep-prob to 1.0 on every {@link dev.gradcheck.Stochastic} model and, because the
 * network can freeze its masks, adds phases with frozen masks at keep-prob &lt; 1 (at initialization and after
 * training), so {@link #run} returns one report. {@link #withFrozenMasks} is the older route, kept for callers
 * that want the frozen-mask check alone: an adapter that is only {@link Differentiable} and {@link Trainable}.
 */
public final class NetworkCheck {
    private NetworkCheck() {
    }

    /**
     * The result: the core check ({@code dropoutOff}: keep-prob forced to 1.0), and the frozen-mask check or
     * {@code null} when the network has no dropout.
     */
    public record Result(GradCheckReport dropoutOff, GradCheckReport masksFrozen) {

        /** The worse verdict of the two checks. */
        public Verdict verdict() {
            return masksFrozen == null ? dropoutOff.verdict() : dropoutOff.verdict().worse(masksFrozen.verdict());
        }

        /** The report that decides the verdict: the core check unless only the frozen-mask check is worse. */
        public GradCheckReport decisive() {
            return masksFrozen != null && masksFrozen.verdict().compareTo(dropoutOff.verdict()) > 0 ? masksFrozen
                    : dropoutOff;
        }

        /** True when the decisive report is the frozen-mask check. */
        public boolean decidedByFrozenMasks() {
            return decisive() == masksFrozen;
        }

        /** Every check that ran: the core one, then the frozen-mask one when there is one. */
        public List<GradCheckReport> reports() {
            return masksFrozen == null ? List.of(dropoutOff) : List.of(dropoutOff, masksFrozen);
        }
    }

    /**
     * Both checks at ε, each at the network's parameters and, when {@code trainingSteps} &gt; 0, again after that
     * many steps of training. The network is left with the parameters it had.
     */
    public static Result run(Network net, double epsilon, int trainingSteps) {
        return run(net, epsilon, trainingSteps, UnaryOperator.identity());
    }

    /**
     * Both checks as {@link #run(Network, double, int)}, each checker further configured by {@code options} (a shard,
     * fast mode, precise mode, threads, ...), applied the same way to both.
     */
    public static Result run(Network net, double epsilon, int trainingSteps, UnaryOperator<GradientCheck> options) {
        // The core checks frozen masks itself, at initialization and after training: one report has every phase.
        return new Result(options.apply(GradientCheck.of(net).epsilon(epsilon).afterTraining(trainingSteps)).run(),
                null);
    }

    /**
     * The check of dropout's backprop: masks frozen, keep-prob as configured. Training between the phases draws
     * fresh masks for every step, then freezes a new set for the second phase.
     */
    public static GradCheckReport withFrozenMasks(Network net, double epsilon, int trainingSteps) {
        return withFrozenMasks(net, epsilon, trainingSteps, UnaryOperator.identity());
    }

    /** The check of dropout's backprop, its checker further configured by {@code options}. */
    public static GradCheckReport withFrozenMasks(Network net, double epsilon, int trainingSteps,
                                                  UnaryOperator<GradientCheck> options) {
        boolean wasFrozen = net.masksFrozen();
        net.freezeMasks();
        try {
            return options.apply(GradientCheck.of(new FrozenMasks(net)).epsilon(epsilon).afterTraining(trainingSteps))
                    .run();
        } finally {
            if (!wasFrozen) {
                net.unfreezeMasks();
            }
        }
    }

    /**
     * The network seen as a plain Differentiable, so the checker does not force its keep-prob to 1.0 (it keeps the
     * network's structured cost: with the masks frozen, that is the same J).
     */
    private record FrozenMasks(Network net) implements Differentiable, Trainable, StructuredCost {
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
        public void perturbedCosts(int blockIndex, int from, int to, double epsilon, double[] costPlus,
                                   double[] costMinus) {
            net.perturbedCosts(blockIndex, from, to, epsilon, costPlus, costMinus);
        }

        @Override
        public void train(int steps) {
            net.unfreezeMasks();
            net.train(steps);
            net.freezeMasks();
        }
    }
}
