package dev.gradcheck.sensitivity;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;

import java.util.List;
import java.util.function.Function;

/** A user's model whose backprop has an injected error: the same θ and J, a wrong gradients(). */
final class Injected implements Differentiable {

    final UserModel model;
    private final Function<double[][], double[][]> wrongBackprop;

    Injected(UserModel model, Function<double[][], double[][]> wrongBackprop) {
        this.model = model;
        this.wrongBackprop = wrongBackprop;
    }

    /** The wrong gradient at the model's current θ. */
    double[][] wrong() {
        return wrongBackprop.apply(model.theta);
    }

    @Override
    public List<ParameterBlock> parameters() {
        return model.parameters();
    }

    @Override
    public double cost() {
        return model.cost();
    }

    @Override
    public Gradients gradients() {
        return model.toGradients(wrong());
    }
}
