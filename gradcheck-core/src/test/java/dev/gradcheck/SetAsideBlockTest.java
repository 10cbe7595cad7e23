package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A block whose every entry sits on a kink of J is not checked, and a phase with such a block is never GOOD: the
 * backprop of that block may be wrong by any amount that stays between the one-sided slopes. Found by an outside
 * tester: an L1 net with W2 = 0 whose backprop dropped dW2's data term was reported GOOD.
 */
class SetAsideBlockTest {

    /** J = Σ (wᵢ − 0.3)² + c·Σ vⱼ + λ·Σ |vⱼ| with v = 0 and λ > |c|: every entry of v on L1's kink. */
    static class L1AtZero implements Differentiable {
        final double[] w = {0.9, -0.4};
        final double[] v = {0, 0};
        static final double C = 0.25;
        static final double LAMBDA = 0.75;
        final double dataFactor;

        L1AtZero(double dataFactor) {
            this.dataFactor = dataFactor;
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("W1", 1, 2, w), ParameterBlock.of("W2", 1, 2, v));
        }

        @Override
        public double cost() {
            double j = 0;
            for (double x : w) {
                j += (x - 0.3) * (x - 0.3);
            }
            for (double x : v) {
                j += C * x + LAMBDA * Math.abs(x);
            }
            return j;
        }

        @Override
        public Gradients gradients() {
            // sign(0) = 0: the L1 term's subgradient the course's code takes at 0.
            return Gradients.builder().put("W1", new double[] {2 * (w[0] - 0.3), 2 * (w[1] - 0.3)})
                    .put("W2", new double[] {dataFactor * C, dataFactor * C}).build();
        }
    }

    @Test
    void aBlockWhollyOnKinksMakesThePhaseInspectWhateverItsBackprop() {
        for (double dataFactor : new double[] {1, 0, 1.5}) {
            GradCheckReport r = GradientCheck.of(new L1AtZero(dataFactor)).progress(false).run();
            ComponentResult dW2 = r.component("dW2").orElseThrow();

            assertThat(dW2.checked()).as(r.toString()).isFalse();
            assertThat(dW2.notCheckedReason()).get().asString().contains("all 2 entries set aside");
            assertThat(r.component("dW1").orElseThrow().verdict()).isEqualTo(Verdict.GOOD);
            assertThat(r.verdict()).as("data factor " + dataFactor + "\n" + r).isEqualTo(Verdict.INSPECT);
            assertThat(r.phases().get(0).findings()).anyMatch(f -> f.contains("not checked: dW2")
                    && f.contains("at best INSPECT"));
        }
    }

    @Test
    void aBugElsewhereIsStillBug() {
        L1AtZero model = new L1AtZero(1) {
            @Override
            public Gradients gradients() {
                return Gradients.builder().put("W1", new double[] {4 * (w[0] - 0.3), 4 * (w[1] - 0.3)})
                        .put("W2", new double[] {C, C}).build();
            }
        };
        GradCheckReport r = GradientCheck.of(model).progress(false).run();

        assertThat(r.verdict()).isEqualTo(Verdict.BUG);
        assertThat(r.component("dW1").orElseThrow().verdict()).isEqualTo(Verdict.BUG);
    }
}
