package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mistakes in the user's adapter or cost that the checker once misread as something else: each gets its own error
 * or phase, naming what is wrong, and never a misleading verdict.
 */
class MisdiagnosesTest {

    /** J = Σ (wᵢ − 0.3)², a model that hands out its weights in one of several wrong ways. */
    abstract static class Bowl implements Differentiable {
        final double[] w = {0.9, -0.4, 1.3, 0.2};

        double j() {
            double s = 0;
            for (double v : w) {
                s += (v - 0.3) * (v - 0.3);
            }
            return s;
        }

        @Override
        public double cost() {
            return j();
        }

        @Override
        public Gradients gradients() {
            double[] g = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                g[i] = 2 * (w[i] - 0.3);
            }
            return Gradients.builder().put("w", g).build();
        }
    }

    @Test
    void parametersThatReturnFreshCopiesAreNamedAsSuch() {
        Bowl copies = new Bowl() {
            @Override
            public List<ParameterBlock> parameters() {
                return List.of(ParameterBlock.of("w", 1, 4, w.clone()));
            }
        };
        assertThatThrownBy(() -> GradientCheck.of(copies).run()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("parameters() returns copies").hasMessageContaining("w[0,0]")
                .hasMessageNotContaining("quantized");
        assertThat(copies.w).containsExactly(0.9, -0.4, 1.3, 0.2);
    }

    @Test
    void blocksOverACopyMadeOnceAreNamedAsSuch() {
        Bowl stale = new Bowl() {
            final double[] copy = w.clone();

            @Override
            public List<ParameterBlock> parameters() {
                return List.of(ParameterBlock.of("w", 1, 4, copy));
            }
        };
        assertThatThrownBy(() -> GradientCheck.of(stale).run()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("does not read the values the parameter blocks view")
                .hasMessageNotContaining("quantized");
    }

    @Test
    void aCostThatWritesIntoThetaIsNamedAndThetaRestored() {
        Bowl writer = new Bowl() {
            @Override
            public List<ParameterBlock> parameters() {
                return List.of(ParameterBlock.of("w", 1, 4, w));
            }

            @Override
            public double cost() {
                double j = j();
                w[2] -= 0.01 * 2 * (w[2] - 0.3); // a training step hidden in the cost
                return j;
            }
        };
        assertThatThrownBy(() -> GradientCheck.of(writer).run()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("cost() changed the parameters").hasMessageContaining("w[0,2]")
                .hasMessageNotContaining("dropout");
        assertThat(writer.w).containsExactly(0.9, -0.4, 1.3, 0.2);
    }

    @Test
    void aFloatCostIsRefusedEvenWithOneParameter() {
        double[] theta = {0.37};
        assertThatThrownBy(() -> GradientCheck.check(theta, t -> (float) (Math.sin(t[0]) + 0.5),
                t -> new double[] {Math.cos(t[0])})).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("float precision");
    }

    @Test
    void aStepThatVanishesNamesTheEntryInsteadOfARatioOfNaN() {
        double[] theta = {0.5, 3e9};
        assertThatThrownBy(() -> GradientCheck.check(theta, t -> t[0] * t[0] + 1e-9 * t[1],
                t -> new double[] {2 * t[0], 1e-9})).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("θ[0,1] = 3.0E9").hasMessageContaining("θᵢ ± ε == θᵢ");
    }

    @Test
    void aBlockWhollySetAsideIsNotCheckedNeverGoodWithRatioZero() {
        // J = 2·relu(θ₀) + θ₁²; θ₀ = 0 exactly and the backprop uses relu'(0) = 0.5: between the one-sided slopes 0 and 2,
        // matching neither, so the entry is set aside; block "a" has nothing else.
        double[] a = {0.0};
        double[] b = {0.5};
        Differentiable model = new Differentiable() {
            @Override
            public List<ParameterBlock> parameters() {
                return List.of(ParameterBlock.of("a", 1, 1, a), ParameterBlock.of("b", 1, 1, b));
            }

            @Override
            public double cost() {
                return 2 * Math.max(0, a[0]) + b[0] * b[0];
            }

            @Override
            public Gradients gradients() {
                return Gradients.builder().put("a", new double[] {a[0] > 0 ? 2 : a[0] == 0 ? 1 : 0})
                        .put("b", new double[] {2 * b[0]}).build();
            }
        };
        GradCheckReport r = GradientCheck.of(model).run();
        ComponentResult da = r.component("da").orElseThrow();
        assertThat(da.checked()).isFalse();
        assertThat(da.notCheckedReason()).hasValueSatisfying(s -> assertThat(s).startsWith("not checked: all 1 entries "
                + "set aside"));
        assertThat(da.verdict()).isNotEqualTo(Verdict.GOOD);
        assertThat(r.toString()).containsPattern("(?m)^  da .*not checked: all 1 entries set aside")
                .doesNotContainPattern("(?m)^  da .*GOOD");
        // The other block is judged, and the phase says what was left out.
        assertThat(r.component("db").orElseThrow().verdict()).isEqualTo(Verdict.GOOD);
        assertThat(r.phases().get(0).typedFindings()).anySatisfy(f -> assertThat(f.kind())
                .isEqualTo(Finding.Kind.NOT_CHECKED));
    }

    /** Trains by plain gradient descent with a learning rate that makes J diverge. */
    static final class Diverging extends Bowl implements Trainable {
        final double rate;

        Diverging(double rate) {
            this.rate = rate;
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("w", 1, 4, w));
        }

        @Override
        public double cost() {
            double s = 0;
            for (double v : w) {
                s += Math.exp(v * v); // grows fast enough to overflow once w runs away
            }
            return s;
        }

        @Override
        public Gradients gradients() {
            double[] g = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                g[i] = 2 * w[i] * Math.exp(w[i] * w[i]);
            }
            return Gradients.builder().put("w", g).build();
        }

        @Override
        public void train(int steps) {
            for (int s = 0; s < steps; s++) {
                double[] g = gradients().get("w");
                for (int i = 0; i < w.length; i++) {
                    w[i] -= rate * g[i];
                }
            }
        }
    }

    @Test
    void trainingThatDivergesKeepsTheInitPhaseAndReportsWhere() {
        Diverging model = new Diverging(3.0);
        GradCheckReport r = GradientCheck.of(model).afterTraining(50).run();
        assertThat(r.phases()).hasSize(2);
        assertThat(r.phases().get(0).verdict()).isEqualTo(Verdict.GOOD);
        PhaseResult after = r.phases().get(1);
        assertThat(after.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(after.typedFindings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.DIVERGED);
            assertThat(f.sentence()).startsWith("training diverged").containsPattern("first non-finite after step \\d+");
        });
        assertThat(r.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(model.w).containsExactly(0.9, -0.4, 1.3, 0.2);
    }
}
