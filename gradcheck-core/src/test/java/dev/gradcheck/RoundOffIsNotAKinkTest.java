package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round-off is not read as kinks or non-generic points on smooth models (an outside acceptance test found 1 of 20
 * dW1 entries of a tanh net with the naive cost set aside as non-generic, and up to 6 of 30 dW1 entries of sigmoid
 * nets after training read as kinks). The models are written the way users write them; each correct model has no
 * entry explained away and is not BUG, and the same model with a planted error is BUG.
 */
class RoundOffIsNotAKinkTest {

    /** A dense net, tanh or sigmoid hidden layers, sigmoid output, the course's naive cross-entropy plus L2. */
    static final class SmoothNet implements Differentiable, Trainable {
        final int[] n;
        final boolean tanh;
        final double lambda;
        final int m;
        final double[][] W;
        final double[][] b;
        final double[] X;
        final double[] Y;
        double lr = 0.5;
        /** A planted error: dW1[0] multiplied by this. */
        double factor = 1;

        SmoothNet(long seed, int m, boolean tanh, double lambda, int... n) {
            this.n = n;
            this.m = m;
            this.tanh = tanh;
            this.lambda = lambda;
            Random r = new Random(seed);
            W = new double[n.length][];
            b = new double[n.length][];
            for (int l = 1; l < n.length; l++) {
                W[l] = new double[n[l] * n[l - 1]];
                b[l] = new double[n[l]];
                for (int i = 0; i < W[l].length; i++) {
                    W[l][i] = r.nextGaussian() / Math.sqrt(n[l - 1]);
                }
            }
            X = new double[n[0] * m];
            Y = new double[m];
            for (int i = 0; i < X.length; i++) {
                X[i] = r.nextGaussian();
            }
            for (int j = 0; j < m; j++) {
                Y[j] = X[j] + 0.5 * X[m + j] > 0 ? 1 : 0;
            }
        }

        @Override
        public List<ParameterBlock> parameters() {
            List<ParameterBlock> p = new ArrayList<>();
            for (int l = 1; l < n.length; l++) {
                p.add(ParameterBlock.of("W" + l, n[l], n[l - 1], W[l]));
                p.add(ParameterBlock.of("b" + l, n[l], 1, b[l]));
            }
            return p;
        }

        /** Activations A[l], n[l]×m row-major. */
        double[][] forward() {
            int L = n.length - 1;
            double[][] A = new double[n.length][];
            A[0] = X;
            for (int l = 1; l <= L; l++) {
                A[l] = new double[n[l] * m];
                for (int i = 0; i < n[l]; i++) {
                    for (int j = 0; j < m; j++) {
                        double z = b[l][i];
                        for (int k = 0; k < n[l - 1]; k++) {
                            z += W[l][i * n[l - 1] + k] * A[l - 1][k * m + j];
                        }
                        A[l][i * m + j] = l < L && tanh ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
                    }
                }
            }
            return A;
        }

        @Override
        public double cost() {
            double[] a = forward()[n.length - 1];
            double J = 0;
            for (int j = 0; j < m; j++) {
                J += Y[j] * Math.log(a[j]) + (1 - Y[j]) * Math.log(1 - a[j]);
            }
            double reg = 0;
            for (int l = 1; l < n.length; l++) {
                for (double w : W[l]) {
                    reg += w * w;
                }
            }
            return -J / m + lambda / (2 * m) * reg;
        }

        @Override
        public Gradients gradients() {
            int L = n.length - 1;
            double[][] A = forward();
            double[] dZ = new double[m];
            for (int j = 0; j < m; j++) {
                dZ[j] = A[L][j] - Y[j];
            }
            Gradients.Builder g = Gradients.builder();
            for (int l = L; l >= 1; l--) {
                double[] dW = new double[n[l] * n[l - 1]];
                double[] db = new double[n[l]];
                for (int i = 0; i < n[l]; i++) {
                    for (int j = 0; j < m; j++) {
                        db[i] += dZ[i * m + j] / m;
                        for (int k = 0; k < n[l - 1]; k++) {
                            dW[i * n[l - 1] + k] += dZ[i * m + j] * A[l - 1][k * m + j] / m;
                        }
                    }
                    for (int k = 0; k < n[l - 1]; k++) {
                        dW[i * n[l - 1] + k] += lambda / m * W[l][i * n[l - 1] + k];
                    }
                }
                if (l == 1) {
                    dW[0] *= factor;
                }
                g.put("W" + l, dW).put("b" + l, db);
                if (l > 1) {
                    double[] dZprev = new double[n[l - 1] * m];
                    for (int k = 0; k < n[l - 1]; k++) {
                        for (int j = 0; j < m; j++) {
                            double dA = 0;
                            for (int i = 0; i < n[l]; i++) {
                                dA += W[l][i * n[l - 1] + k] * dZ[i * m + j];
                            }
                            double a = A[l - 1][k * m + j];
                            dZprev[k * m + j] = dA * (tanh ? 1 - a * a : a * (1 - a));
                        }
                    }
                    dZ = dZprev;
                }
            }
            return g.build();
        }

        @Override
        public void train(int steps) {
            for (int s = 0; s < steps; s++) {
                Gradients g = gradients();
                for (int l = 1; l < n.length; l++) {
                    double[] dW = g.get("W" + l);
                    double[] db = g.get("b" + l);
                    for (int i = 0; i < W[l].length; i++) {
                        W[l][i] -= lr * dW[i];
                    }
                    for (int i = 0; i < b[l].length; i++) {
                        b[l][i] -= lr * db[i];
                    }
                }
            }
        }
    }

    /** Linear regression ½m·Σ(w·x + b − y)² with an intercept of about −2³⁰ (house prices in cents, say). */
    static final class HugeIntercept implements Differentiable {
        final int m = 50;
        final int n = 2;
        final double[] w = new double[n];
        final double[] b = new double[1];
        final double[][] x = new double[m][n];
        final double[] y = new double[m];
        double factorW = 1;

        HugeIntercept() {
            Random r = new Random(1);
            double[] truth = new double[n];
            for (int k = 0; k < n; k++) {
                truth[k] = 1e5 * (1 + k);
                w[k] = truth[k] * (1 + 0.01 * r.nextGaussian());
            }
            for (int j = 0; j < m; j++) {
                double s = -0x1p30;
                for (int k = 0; k < n; k++) {
                    x[j][k] = r.nextGaussian();
                    s += truth[k] * x[j][k];
                }
                y[j] = s + r.nextGaussian();
            }
            b[0] = -0x1p30;
            b[0] -= gradients().get("b")[0];
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("w", 1, n, w), ParameterBlock.of("b", 1, 1, b));
        }

        double residual(int j) {
            double p = b[0];
            for (int k = 0; k < n; k++) {
                p += w[k] * x[j][k];
            }
            return p - y[j];
        }

        @Override
        public double cost() {
            double J = 0;
            for (int j = 0; j < m; j++) {
                J += residual(j) * residual(j);
            }
            return J / (2 * m);
        }

        @Override
        public Gradients gradients() {
            double[] dw = new double[n];
            double[] db = new double[1];
            for (int j = 0; j < m; j++) {
                double r = residual(j) / m;
                for (int k = 0; k < n; k++) {
                    dw[k] += r * x[j][k] * factorW;
                }
                db[0] += r;
            }
            return Gradients.builder().put("w", dw).put("b", db).build();
        }
    }

    /** Nothing set aside, no entry read as a kink, no finding about kinks or non-generic points; and not BUG. */
    static void nothingExplainedAway(GradCheckReport r) {
        for (PhaseResult p : r.phases()) {
            for (ComponentResult c : p.components()) {
                assertThat(c.setAsideEntries()).as("%s %s set aside", p.phase(), c.name()).isZero();
                assertThat(c.nonGenericEntries()).as("%s %s non-generic", p.phase(), c.name()).isZero();
                assertThat(c.nonDifferentiable()).as("%s %s on kinks", p.phase(), c.name()).isEmpty();
                assertThat(c.hints()).as("%s %s hints", p.phase(), c.name())
                        .noneMatch(f -> f.contains("kink") || f.contains("non-generic"));
            }
            assertThat(p.findings()).as("%s findings", p.phase())
                    .noneMatch(f -> f.contains("kink") || f.contains("non-generic"));
        }
        assertThat(r.verdict()).as(r.toString()).isNotEqualTo(Verdict.BUG);
    }

    @Test
    void aTanhNetWithTheNaiveCostHasNoNonGenericPoints() {
        // The tester's shape: 4-5-3-1, m = 20, tanh, the naive −(Y·log A + (1−Y)·log(1−A)), b = 0. Forty seeds:
        // with σ_J read as the median of six tables, seed 36 had 2 entries explained away.
        for (long seed = 1; seed <= 40; seed++) {
            nothingExplainedAway(GradientCheck.of(new SmoothNet(seed, 20, true, 0, 4, 5, 3, 1)).run());
        }
    }

    @Test
    void sigmoidNetsAfterTrainingHaveNoKinks() {
        for (long seed = 1; seed <= 3; seed++) {
            for (boolean tanh : new boolean[] {false, true}) {
                SmoothNet net = new SmoothNet(seed, 40, tanh, 0.3, 5, 6, 4, 1);
                nothingExplainedAway(GradientCheck.of(net).afterTraining(300).run());
            }
        }
    }

    @Test
    void aHugeInterceptIsNotAKink() {
        nothingExplainedAway(GradientCheck.of(new HugeIntercept()).run());
    }

    /**
     * The measured basis of {@link Explanations#LOCAL_MAX}: J's noise along one coordinate, against the phase's σ_J
     * (random directions), on these nets. Measured: 0.3 to 1.2 times (printed); an entry beyond noise by more than 10×
     * the bound is therefore not re-measured along its coordinate.
     */
    @Test
    void theNoiseAlongOneCoordinateIsWithinAFewTimesThePhases() {
        SmoothNet trained = new SmoothNet(1, 40, false, 0.3, 5, 6, 4, 1);
        trained.train(300);
        for (Differentiable model : List.of(new SmoothNet(1, 20, true, 0, 4, 5, 3, 1), trained,
                new SmoothNet(2, 1000, true, 0, 4, 5, 3, 1))) {
            List<ParameterBlock> blocks = model.parameters();
            double[] theta0 = blocks.get(0).toArray();
            Noise phase = Noise.measure(model, blocks, model.cost(), 1);
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (ParameterBlock block : blocks) {
                for (int i = 0; i < block.size(); i++) {
                    double[] m = Noise.alongCoordinate(model, block, i);
                    assertThat(m[1]).isEqualTo(2 * dev.gradcheck.numeric.CostNoise.SIDE);
                    lo = Math.min(lo, m[0] / phase.sigma);
                    hi = Math.max(hi, m[0] / phase.sigma);
                }
            }
            System.out.printf(java.util.Locale.ROOT, "noise along one coordinate / the phase's σ_J = %.1e: %.2f to "
                    + "%.2f%n", phase.sigma, lo, hi);
            assertThat(hi).isLessThan(Explanations.LOCAL_MAX / 4);
            assertThat(lo).isGreaterThan(0.1);
            assertThat(blocks.get(0).toArray()).as("θ restored").containsExactly(theta0);
        }
    }

    @Test
    void thePlantedErrorsAreStillBugs() {
        SmoothNet tanh = new SmoothNet(1, 20, true, 0, 4, 5, 3, 1);
        tanh.factor = 1 + 1e-4;
        assertThat(GradientCheck.of(tanh).run().component("dW1").orElseThrow().verdict()).isEqualTo(Verdict.BUG);

        SmoothNet trained = new SmoothNet(1, 40, false, 0.3, 5, 6, 4, 1);
        trained.train(300);
        trained.factor = 1.01;
        assertThat(GradientCheck.of(trained).run().component("dW1").orElseThrow().verdict())
                .isEqualTo(Verdict.BUG);

        HugeIntercept regression = new HugeIntercept();
        regression.factorW = 2;
        assertThat(GradientCheck.of(regression).run().component("dw").orElseThrow().verdict())
                .isEqualTo(Verdict.BUG);
    }
}
