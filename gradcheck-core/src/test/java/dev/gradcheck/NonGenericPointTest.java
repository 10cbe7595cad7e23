package dev.gradcheck;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * J(t, w, x) = leaky(w·leaky(t)) + Σ x²/2 at t = 0 with w &lt; 0: J is smooth in t (both one-sided slopes are
 * 0.01·w) but the chain rule with the convention leaky'(0) = 0.01 in both layers gives 1e-4·w. Nothing in the
 * backprop is wrong; the point is non-generic. A hair away from t = 0 the two agree.
 */
class NonGenericPointTest {

    static double leaky(double z) {
        return z > 0 ? z : 0.01 * z;
    }

    static double leakyPrime(double z) {
        return z > 0 ? 1 : 0.01;
    }

    static final double[] THETA = {0.0, -0.7, 0.3, -0.4, 0.9, 0.2};

    static double cost(double[] t) {
        double j = leaky(t[1] * leaky(t[0]));
        for (int i = 2; i < t.length; i++) {
            j += t[i] * t[i] / 2;
        }
        return j;
    }

    /** Backprop with the convention g'(0) = 0.01; {@code factor} scales dJ/dt (1 = correct). */
    static double[] gradient(double[] t, double factor) {
        double a1 = leaky(t[0]);
        double z2 = t[1] * a1;
        double dz2 = leakyPrime(z2);
        double[] g = new double[t.length];
        g[0] = factor * dz2 * t[1] * leakyPrime(t[0]);
        g[1] = dz2 * a1;
        for (int i = 2; i < t.length; i++) {
            g[i] = t[i];
        }
        return g;
    }

    @Test
    void stackedKinkConventionAtAnExactZeroIsNotABug() {
        GradCheckReport r = GradientCheck.of(VectorFunction.of(THETA.clone(), NonGenericPointTest::cost,
                t -> gradient(t, 1))).run();
        assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.GOOD);
        assertThat(r.components().get(0).hints()).anySatisfy(h -> assertThat(h)
                .contains("disagree at this θ only").contains("non-generic"));
    }

    @Test
    void aRealErrorAtTheSamePointIsStillABug() {
        GradCheckReport r = GradientCheck.of(VectorFunction.of(THETA.clone(), NonGenericPointTest::cost,
                t -> gradient(t, 3))).run();
        assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.BUG);
        assertThat(r.components().get(0).hints()).noneSatisfy(h -> assertThat(h).contains("disagree at this θ only"));
    }

    @Test
    void theModelIsRestoredBitExactlyAfterTheNearbyLook() {
        VectorFunction f = VectorFunction.of(THETA.clone(), NonGenericPointTest::cost, t -> gradient(t, 1));
        GradientCheck.of(f).run();
        assertThat(f.parameters().get(0).toArray()).containsExactly(THETA);
    }
}
