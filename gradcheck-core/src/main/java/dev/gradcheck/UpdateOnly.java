package dev.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;

import dev.gradcheck.adapt.StepProbe;

/**
 * A {@link Differentiable} for a model whose backprop never hands out a gradient but applies it: its
 * {@code step(lr)} runs backprop and does {@code W -= lr·dW} (with momentum, perhaps) in place. The adapter
 * recovers the gradient that step applies, so the model can be checked as it is:
 *
 * <pre>{@code
 * Differentiable model = UpdateOnly.of(List.of(ParameterBlock.of("W1", net.w1), ParameterBlock.of("b1", net.b1)),
 *         net::cost, net::train)                 // train(double lr): one step of the model's own backprop
 *     .optimizerState(net.vW1, net.vb1);         // momentum, zeroed for each step and restored after
 * GradientCheck.of(model).run();
 * }</pre>
 *
 * <p>{@link #gradients()} snapshots θ, and from that same θ, each time with the optimizer state reset, runs the
 * step at lr, again at lr and at 2·lr, reading −Δθ/lr each time and writing θ back bit for bit (also when the step
 * throws). A plain gradient step gives the same answer three times up to round-off; a step that does not (momentum
 * not reset, a learning-rate schedule, clipping, weight decay applied apart from the gradient, a layer updated
 * before the layer below is backpropagated through it, Adam) is refused with a {@link GradientCheckException} that
 * says which of these it looks like, instead of a wrong gradient. Each {@code gradients()} costs three steps.
 *
 * <p>The lr it steps with is its own, {@value #DEFAULT_LEARNING_RATE} by default, not the model's training rate:
 * θ − lr·dW rounds away the bits of dW below θ's ulp, an error of about 2⁻⁵³·|θ|/lr per entry, so a training
 * rate of 1e-3 would lose three digits that lr = 1 keeps (measured in docs/adapting.md). A power of two keeps
 * lr·dW exact.
 */
public class UpdateOnly implements Differentiable {
    /** The default probing learning rate: a power of two, large enough that −Δθ/lr keeps dW's digits. */
    public static final double DEFAULT_LEARNING_RATE = 1.0;

    private final List<ParameterBlock> parameters;
    private final DoubleSupplier cost;
    private final DoubleConsumer step;
    private final List<Runnable> resets;
    private final List<double[]> optimizerState;
    private double learningRate = DEFAULT_LEARNING_RATE;

    private UpdateOnly(List<ParameterBlock> parameters, DoubleSupplier cost, DoubleConsumer step) {
        this.parameters = parameters;
        this.cost = cost;
        this.step = step;
        this.resets = new ArrayList<>();
        this.optimizerState = new ArrayList<>();
    }

    private UpdateOnly(UpdateOnly other) {
        this.parameters = other.parameters;
        this.cost = other.cost;
        this.step = other.step;
        this.resets = other.resets;
        this.optimizerState = other.optimizerState;
        this.learningRate = other.learningRate;
    }

    /**
     * @param parameters the model's blocks, live (any kind {@link ParameterBlock} makes), in their declared order
     * @param cost       J at the current θ, regularization included
     * @param step       one step of the model's own backprop and update at the given learning rate, in place
     */
    public static UpdateOnly of(List<ParameterBlock> parameters, DoubleSupplier cost, DoubleConsumer step) {
        Objects.requireNonNull(parameters, "UpdateOnly: parameters is null");
        Objects.requireNonNull(cost, "UpdateOnly: cost is null");
        Objects.requireNonNull(step, "UpdateOnly: step is null");
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("UpdateOnly: parameters is empty: give the blocks the step updates");
        }
        return new UpdateOnly(List.copyOf(parameters), cost, step);
    }

    /**
     * Runs {@code reset} before each probing step, to put the optimizer back to its first step (clear momentum,
     * Adam moments, a step counter). What it resets is not restored afterwards; state kept in arrays can be given
     * to {@link #optimizerState} instead, which is.
     */
    public UpdateOnly resetOptimizer(Runnable reset) {
        resets.add(Objects.requireNonNull(reset, "UpdateOnly: reset is null"));
        return this;
    }

    /**
     * Optimizer state held in arrays (velocity {@code vW}, {@code vb}; a jagged {@code double[][]} can be passed as
     * it is): zeroed before each probing step, and restored to its values after, so checking leaves the model's
     * training state as it was.
     */
    public UpdateOnly optimizerState(double[]... arrays) {
        for (double[] a : Objects.requireNonNull(arrays, "UpdateOnly: optimizer state is null")) {
            optimizerState.add(Objects.requireNonNull(a, "UpdateOnly: an optimizer state array is null"));
        }
        return this;
    }

    /** The learning rate the adapter probes with (default {@value #DEFAULT_LEARNING_RATE}); positive and finite. */
    public UpdateOnly learningRate(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("UpdateOnly: learning rate must be positive and finite, got " + lr);
        }
        this.learningRate = lr;
        return this;
    }

    public double learningRate() {
        return learningRate;
    }

    /**
     * The same adapter, also {@link Trainable}: {@code train(steps)} runs the model's step at {@code lr} (its own
     * training rate), {@code steps} times, as the model trains (no resets), so the checker can check again after
     * training. Call it last: it returns a new object.
     */
    public UpdateOnly trainWith(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("UpdateOnly: training learning rate must be positive and finite, got "
                    + lr);
        }
        return new Training(this, lr);
    }

    @Override
    public List<ParameterBlock> parameters() {
        return parameters;
    }

    @Override
    public double cost() {
        return cost.getAsDouble();
    }

    /** dθ as −Δθ/lr of the model's own step; θ and the optimizer state arrays are left as they were. */
    @Override
    public Gradients gradients() {
        List<double[]> saved = new ArrayList<>(optimizerState.size());
        for (double[] a : optimizerState) {
            saved.add(a.clone());
        }
        double[][] g;
        try {
            g = StepProbe.gradient(parameters, step, this::reset, learningRate);
        } finally {
            for (int k = 0; k < saved.size(); k++) {
                System.arraycopy(saved.get(k), 0, optimizerState.get(k), 0, saved.get(k).length);
            }
        }
        Gradients.Builder b = Gradients.builder();
        for (int k = 0; k < parameters.size(); k++) {
            b.put(parameters.get(k).name(), g[k]);
        }
        return b.build();
    }

    private void reset() {
        for (double[] a : optimizerState) {
            Arrays.fill(a, 0.0);
        }
        for (Runnable r : resets) {
            r.run();
        }
    }

    @Override
    public String toString() {
        return "UpdateOnly" + parameters;
    }

    /** UpdateOnly that trains with the model's own step. */
    private static final class Training extends UpdateOnly implements Trainable {
        private final UpdateOnly of;
        private final double trainingRate;

        Training(UpdateOnly of, double trainingRate) {
            super(of);
            this.of = of;
            this.trainingRate = trainingRate;
        }

        @Override
        public void train(int steps) {
            for (int s = 0; s < steps; s++) {
                of.step.accept(trainingRate);
            }
        }
    }
}
