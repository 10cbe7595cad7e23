package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelTest {

    /** J = Σ log(1 + exp(wᵢ·xᵢ)) + ½Σwᵢ² over 300 weights; replicable by deep copy. */
    static class Softplus implements Differentiable, Replicable {
        final double[] w;
        final double[] x;
        final boolean bug;

        Softplus(double[] w, double[] x, boolean bug) {
            this.w = w;
            this.x = x;
            this.bug = bug;
        }

        static Softplus create(boolean bug) {
            java.util.Random r = new java.util.Random(42);
            double[] w = new double[300];
            double[] x = new double[300];
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextGaussian();
                x[i] = r.nextGaussian();
            }
            return new Softplus(w, x, bug);
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("W", 10, 20, w, 0), ParameterBlock.of("b", 100, 1, w, 200));
        }

        @Override
        public double cost() {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                s += Math.log1p(Math.exp(w[i] * x[i])) + 0.5 * w[i] * w[i];
            }
            return s;
        }

        @Override
        public Gradients gradients() {
            double[] g = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                g[i] = x[i] / (1 + Math.exp(-w[i] * x[i])) + w[i];
            }
            if (bug) {
                g[250] *= 3;
            }
            return Gradients.builder().put("W", java.util.Arrays.copyOfRange(g, 0, 200))
                    .put("b", java.util.Arrays.copyOfRange(g, 200, 300)).build();
        }

        @Override
        public Differentiable replicate() {
            return new Softplus(w.clone(), x.clone(), bug);
        }
    }

    @Test
    void parallelEvaluationGivesBitIdenticalNumericalGradients() {
        GradCheckReport one = GradientCheck.of(Softplus.create(false)).threads(1).run();
        GradCheckReport two = GradientCheck.of(Softplus.create(false)).threads(2).run();
        assertThat(two.verdict()).isEqualTo(Verdict.GOOD);
        for (int c = 0; c < 2; c++) {
            assertThat(two.components().get(c).numerical()).isEqualTo(one.components().get(c).numerical());
        }
        assertThat(two.ratio()).isEqualTo(one.ratio());
        assertThat(two.evaluations()).isEqualTo(one.evaluations());
    }

    @Test
    void parallelCheckStillLocalizesABugAndRestoresTheOriginal() {
        Softplus model = Softplus.create(true);
        double[] before = model.w.clone();
        GradCheckReport r = GradientCheck.of(model).threads(2).run();
        assertThat(r.verdict()).isEqualTo(Verdict.BUG);
        assertThat(r.component("db").orElseThrow().worstEntries().get(0).row()).isEqualTo(50);
        assertThat(model.w).isEqualTo(before);
    }

    @Test
    void everyReplicaIsMadeFromTheUnperturbedParameters() {
        double[] original = Softplus.create(false).w.clone();
        List<double[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Softplus model = new Softplus(original.clone(), Softplus.create(false).x, false) {
            @Override
            public Differentiable replicate() {
                seen.add(w.clone());
                return super.replicate();
            }
        };
        GradientCheck.of(model).threads(4).run();
        assertThat(seen).hasSize(3).allSatisfy(w -> assertThat(w).isEqualTo(original));
    }

    @Test
    void moreThanOneThreadNeedsAReplicableModel() {
        Differentiable plain = new Differentiable() {
            final Softplus inner = Softplus.create(false);

            @Override
            public List<ParameterBlock> parameters() {
                return inner.parameters();
            }

            @Override
            public double cost() {
                return inner.cost();
            }

            @Override
            public Gradients gradients() {
                return inner.gradients();
            }
        };
        assertThatThrownBy(() -> GradientCheck.of(plain).threads(2).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads(2) needs a model that implements Replicable");
    }

    @Test
    void threadsMustBePositive() {
        assertThatThrownBy(() -> GradientCheck.of(Softplus.create(false)).threads(0))
                .hasMessageContaining("threads must be ≥ 1, got 0");
    }
}
