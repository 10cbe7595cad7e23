package dev.gradcheck.junit;

import java.util.List;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;

/**
 * J = Σ sin(10·a_i) + Σ sin(10·b_i) with a gradient that is off by a relative {@code error} everywhere: for an
 * error of a few 1e-6 the ratio lands in the INSPECT band and neither block stands out. The default check's ε sweep
 * sees the ratio stay flat and calls it BUG; precise mode (no sweep) leaves it INSPECT, which the tests of the
 * INSPECT path use.
 */
class WavyModel implements Differentiable {
    final double[] a = {0.1, -0.2, 0.3};
    final double[] b = {0.05, 0.25};
    final double error;

    WavyModel(double error) {
        this.error = error;
    }

    @Override
    public List<ParameterBlock> parameters() {
        return List.of(ParameterBlock.of("a", 1, 3, a), ParameterBlock.of("b", 2, 1, b));
    }

    @Override
    public double cost() {
        double j = 0;
        for (double v : a) {
            j += Math.sin(10 * v);
        }
        for (double v : b) {
            j += Math.sin(10 * v);
        }
        return j;
    }

    @Override
    public Gradients gradients() {
        double[] da = new double[a.length];
        double[] db = new double[b.length];
        for (int i = 0; i < a.length; i++) {
            da[i] = 10 * Math.cos(10 * a[i]) * (1 + error);
        }
        for (int i = 0; i < b.length; i++) {
            db[i] = 10 * Math.cos(10 * b[i]) * (1 + error);
        }
        return Gradients.builder().put("a", da).put("b", db).build();
    }

    @Override
    public String toString() {
        return "wavy " + error;
    }
}
