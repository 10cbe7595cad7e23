package dev.gradcheck.nets;

import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Trainable;
import dev.gradcheck.Verdict;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The gradient check of a {@link Network} as the demo and the {@code check} command run it: the core check
 * (keep-prob forced to 1.0, so dropout is off), and, when the network has dropout, a second check of dropout's
 * own backprop with the masks frozen.
 *
 * <p>The core checker forces keep-prob to 1.0 on every {@link dev.gradcheck.Stochastic} model and has no
 * frozen-mask option yet, so the second check hands it an adapter that is only {@link Differentiable} (and
 * {@link Trainable}) around the network with its masks frozen: J is then deterministic at keep-prob &lt; 1 and
 * a wrong mask or a missing 1/keep-prob in backprop shows. A core that checks frozen masks itself (at
 * initialization) reports that inside the first report; the second check still adds the phase after training.
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
        GradCheckReport off = options.apply(GradientCheck.of(net).epsilon(epsilon).afterTraining(trainingSteps)).run();
        GradCheckReport frozen = net.keepProb() < 1 ? withFrozenMasks(net, epsilon, trainingSteps, options) : null;
        return new Result(off, frozen);
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
     * The network seen as a plain Differentiable, so the checker does not force its keep-prob to 1.0. Not
     * {@link dev.gradcheck.Replicable}: this check runs on one thread whatever {@code threads(n)} says.
     */
    private record FrozenMasks(Network net) implements Differentiable, Trainable {
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
        public void train(int steps) {
            net.unfreezeMasks();
            net.train(steps);
            net.freezeMasks();
        }
    }
}
