package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * How accurately UpdateOnly recovers dθ as −Δθ/lr. θ₁ = fl(θ₀ − lr·g) keeps g only down to θ's ulp, an error of up
 * to 2⁻⁵³·(|θ₀| + |θ₁|)/lr per entry, so the relative error of the recovered gradient grows as |θ|/(lr·|g|). The
 * numbers in docs/adapting.md come from {@code -Dgradcheck.accuracy.print=true}.
 */
class RecoveryAccuracyTest {
    private static final double U = 0x1p-53;

    /** θ ~ N(0, 1), g ~ 1e-3·N(0, 1): a network well into training, where |θ|/|g| ≈ 1000. */
    private static double relativeError(double lr, double[] worstBoundRatio) {
        Random r = new Random(17);
        int n = 1000;
        double[] theta = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = r.nextGaussian();
            g[i] = 1e-3 * r.nextGaussian();
        }
        double[] theta0 = theta.clone();
        UpdateOnly model = UpdateOnly.of(List.of(ParameterBlock.of("θ", 1, n, theta)), () -> 0, rate -> {
            for (int i = 0; i < n; i++) {
                theta[i] -= rate * g[i];
            }
        }).learningRate(lr);
        double[] recovered = model.gradients().get("θ");
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.abs(recovered[i] - g[i]);
            double theta1 = theta0[i] - lr * g[i];
            double bound = U * (Math.abs(theta0[i]) + Math.abs(theta1)) / lr + 2 * U * Math.abs(g[i]);
            worstBoundRatio[0] = Math.max(worstBoundRatio[0], e / bound);
            diff += e * e;
            norm += g[i] * g[i];
        }
        assertThat(theta).as("θ restored").containsExactly(theta0);
        return Math.sqrt(diff / norm);
    }

    @Test
    void theRecoveredGradientIsWithinTheRoundOffBoundAtEveryLearningRate() {
        double[] lrs = {1e-8, 1e-6, 1e-3, 0x1p-10, 0.1, 1, 0x1p10, 0x1p20};
        boolean print = Boolean.getBoolean("gradcheck.accuracy.print");
        double[] errors = new double[lrs.length];
        for (int k = 0; k < lrs.length; k++) {
            double[] worst = {0};
            errors[k] = relativeError(lrs[k], worst);
            assertThat(worst[0]).as("lr = %s: worst entry's error over the bound 2⁻⁵³·(|θ₀|+|θ₁|)/lr + 2⁻⁵²·|g|",
                    lrs[k]).isLessThanOrEqualTo(1.0);
            if (print) {
                System.out.printf("lr %-10s ‖g_rec − g‖/‖g‖ %.2e  worst/bound %.2f%n", lrs[k], errors[k], worst[0]);
            }
        }
        assertThat(errors[5]).as("at the default lr = 1 the gradient is recovered to ~1e-13 (|θ|/|g| = 1000)")
                .isLessThan(1e-12);
        assertThat(errors[0]).as("a tiny lr of 1e-8 loses about eight digits").isGreaterThan(1e-7);
        assertThat(errors[2]).as("a training lr of 1e-3 loses three digits that lr = 1 keeps")
                .isGreaterThan(100 * errors[5]);
    }
}
