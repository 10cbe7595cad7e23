package dev.gradcheck.junit;

import java.util.List;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;

/**
 * J = offset + Σ sin(10·a_i) + Σ sin(10·b_i) with a gradient that is off by a relative {@code error} everywhere. An
 * error of a few 1e-6 is a BUG (far beyond J's noise). With an offset of 1e12 and no error, J's noise (≈ 3e-5) hides
 * the gradient at every step up to 1e-2: the check cannot resolve it and says INSPECT, which the tests of the
 * INSPECT path use.
 */
class WavyModel implements Differentiable {
    final double[] a = {0.1, -0.2, 0.3};
    final double[] b = {0.05, 0.25};
    final double error;
    final double offset;

    WavyModel(double error) {
        this(error, 0);
    }

    WavyModel(double error, double offset) {
        this.error = error;
        this.offset = offset;
    }

    /** A correct gradient that J's noise hides at every step: INSPECT. */
    static WavyModel unresolvable() {
        return new WavyModel(0, 1e12);
    }

    @Override
    public List<ParameterBlock> parameters() {
        return List.of(ParameterBlock.of("a", 1, 3, a), ParameterBlock.of("b", 2, 1, b));
    }

    @Override
    public double cost() {
        double j = offset;
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
        return offset == 0 ? "wavy " + error : "wavy + " + offset;
    }
}
