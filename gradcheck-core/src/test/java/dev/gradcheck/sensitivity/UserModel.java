package dev.gradcheck.sensitivity;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * A model as a user outside this project writes one: a few named arrays, a forward pass that returns J and a
 * hand-written backprop. Both are written as functions of θ (one array per block) so that the suite can also
 * evaluate the correct gradient at another θ (the stale-weights error) and knows the exact truth to compare with.
 */
abstract class UserModel implements Differentiable {

    final String[] names;
    final double[][] theta;
    private final List<ParameterBlock> views = new ArrayList<>();

    /** {@code shapes[k] = {rows, cols}} of block {@code names[k]}; {@code theta[k]} row-major, rows·cols long. */
    UserModel(String[] names, int[][] shapes, double[][] theta) {
        this.names = names;
        this.theta = theta;
        for (int k = 0; k < names.length; k++) {
            views.add(ParameterBlock.of(names[k], shapes[k][0], shapes[k][1], theta[k]));
        }
    }

    /** J at θ = p. */
    abstract double cost(double[][] p);

    /** The correct dJ/dθ at θ = p, one array per block. */
    abstract double[][] backprop(double[][] p);

    @Override
    public List<ParameterBlock> parameters() {
        return views;
    }

    @Override
    public double cost() {
        return cost(theta);
    }

    @Override
    public Gradients gradients() {
        return toGradients(backprop(theta));
    }

    Gradients toGradients(double[][] g) {
        Gradients.Builder b = Gradients.builder();
        for (int k = 0; k < names.length; k++) {
            b.put(names[k], g[k]);
        }
        return b.build();
    }

    double[][] copyOfTheta() {
        double[][] c = new double[theta.length][];
        for (int k = 0; k < theta.length; k++) {
            c[k] = theta[k].clone();
        }
        return c;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** log(1 + e^z) without overflow: what a careful user (or a framework's "with logits" loss) writes. */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
