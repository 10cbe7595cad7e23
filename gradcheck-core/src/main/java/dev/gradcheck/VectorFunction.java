package dev.gradcheck;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** A plain function of one vector as a {@link Differentiable} with one block "θ" (1×n). */
final class VectorFunction implements Differentiable {
    private final double[] theta;
    private final ToDoubleFunction<double[]> cost;
    private final Function<double[], double[]> gradient;

    private VectorFunction(double[] theta, ToDoubleFunction<double[]> cost, Function<double[], double[]> gradient) {
        this.theta = theta;
        this.cost = cost;
        this.gradient = gradient;
    }

    static VectorFunction of(double[] theta, ToDoubleFunction<double[]> cost, Function<double[], double[]> gradient) {
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(gradient, "gradient");
        if (theta.length == 0) {
            throw new GradientCheckException("θ is empty: there is nothing to check");
        }
        return new VectorFunction(theta, cost, gradient);
    }

    @Override
    public List<ParameterBlock> parameters() {
        return List.of(ParameterBlock.of("θ", 1, theta.length, theta));
    }

    @Override
    public double cost() {
        return cost.applyAsDouble(theta);
    }

    @Override
    public Gradients gradients() {
        return Gradients.builder().put("θ", gradient.apply(theta)).build();
    }
}
