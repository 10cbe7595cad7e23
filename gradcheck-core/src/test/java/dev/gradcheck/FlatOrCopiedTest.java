package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A J that does not move at ±ε has causes a user must tell apart: blocks that are copies handed out fresh by
 * parameters() (found by writing through one call's block: every block, not only the first), a block over an array
 * cost() does not read (judged, with a hint that names it beside the real bug it looks like), and a cost that loses
 * its own variation to round-off (a saturated sigmoid in the course's naive cross-entropy: J moves at a large step,
 * its own error). Found by an outside tester: copies were looked for in the first block only, and the saturated cost
 * was blamed on copies.
 */
class FlatOrCopiedTest {

    /**
     * Logistic regression with the course's cost −(y·log a + (1 − y)·log(1 − a)) on 50 examples, every |z| between 24
     * and 31, one label y = 1 flipped to 0: a ≈ 1 − e⁻²⁴ there, and 1 − a rounds to the same double for every z
     * within ±ε, while the correctly classified examples move J by less than an ulp.
     */
    static final class Saturated implements Differentiable {
        final double[] w = new double[3];
        final double[] b = new double[1];
        final double[][] x = new double[50][3];
        final double[] y = new double[50];

        Saturated() {
            Random r = new Random(11);
            double[] dir = new double[3];
            for (int k = 0; k < 3; k++) {
                dir[k] = r.nextGaussian();
            }
            for (int e = 0; e < x.length; e++) {
                double s;
                do {
                    s = 0;
                    for (int k = 0; k < 3; k++) {
                        x[e][k] = r.nextGaussian();
                        s += dir[k] * x[e][k];
                    }
                } while (Math.abs(s) < 1 || Math.abs(s) > 1.3);
                y[e] = s > 0 ? 1 : 0;
            }
            for (int k = 0; k < 3; k++) {
                w[k] = 24 * dir[k];
            }
            int flip = 0;
            while (y[flip] != 1) {
                flip++;
            }
            y[flip] = 0;
        }

        double a(int e) {
            double z = b[0];
            for (int k = 0; k < 3; k++) {
                z += w[k] * x[e][k];
            }
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("w", 1, 3, w), ParameterBlock.of("b", 1, 1, b));
        }

        @Override
        public double cost() {
            double j = 0;
            for (int e = 0; e < x.length; e++) {
                double a = a(e);
                j -= y[e] * Math.log(a) + (1 - y[e]) * Math.log(1 - a);
            }
            return j / x.length;
        }

        @Override
        public Gradients gradients() {
            double[] dw = new double[3];
            double[] db = new double[1];
            for (int e = 0; e < x.length; e++) {
                double dz = (a(e) - y[e]) / x.length;
                for (int k = 0; k < 3; k++) {
                    dw[k] += dz * x[e][k];
                }
                db[0] += dz;
            }
            return Gradients.builder().put("w", dw).put("b", db).build();
        }
    }

    @Test
    void aSaturatedCostIsToldAsFlatAtEpsilonNotAsCopies() {
        assertThatThrownBy(() -> GradientCheck.of(new Saturated()).progress(false).run())
                .isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("J is flat at ε")
                .hasMessageContaining("w")
                .hasMessageNotContaining("copies");
    }

    /** J = Σ (wᵢ − 0.3)² + Σ (bᵢ + 0.1)²: W handed out live, b as a fresh copy or over an array cost() never reads. */
    static class TwoBlocks implements Differentiable {
        final double[] w = {0.9, -0.4};
        final double[] b = {0.5, 0.2};
        final double[] bOnceCopied = b.clone();
        final boolean fresh;

        TwoBlocks(boolean fresh) {
            this.fresh = fresh;
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("W1", 1, 2, w),
                    ParameterBlock.of("b1", 2, 1, fresh ? b.clone() : bOnceCopied));
        }

        @Override
        public double cost() {
            return (w[0] - 0.3) * (w[0] - 0.3) + (w[1] - 0.3) * (w[1] - 0.3)
                    + (b[0] + 0.1) * (b[0] + 0.1) + (b[1] + 0.1) * (b[1] + 0.1);
        }

        @Override
        public Gradients gradients() {
            return Gradients.builder().put("W1", new double[] {2 * (w[0] - 0.3), 2 * (w[1] - 0.3)})
                    .put("b1", new double[] {2 * (b[0] + 0.1), 2 * (b[1] + 0.1)}).build();
        }
    }

    @Test
    void aSecondBlockHandedOutAsAFreshCopyIsNamed() {
        assertThatThrownBy(() -> GradientCheck.of(new TwoBlocks(true)).progress(false).run())
                .isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("returns a copy of b1")
                .hasMessageContaining("b1[0,0]");
    }

    @Test
    void aSecondBlockOverAnArrayCostNeverReadsIsJudgedWithBothCausesNamed() {
        // Not refused: a block J does not depend on is also what a dropped unit and a backprop that ignores the
        // mask look like, a real bug. The hint names both.
        GradCheckReport r = GradientCheck.of(new TwoBlocks(false)).progress(false).run();

        assertThat(r.verdict()).isEqualTo(Verdict.BUG);
        ComponentResult db1 = r.component("db1").orElseThrow();
        assertThat(db1.verdict()).isEqualTo(Verdict.BUG);
        assertThat(db1.hints()).anyMatch(h -> h.contains("J does not depend on b1")
                && h.contains("views a copy of the array cost() reads"));
        assertThat(r.component("dW1").orElseThrow().verdict()).isEqualTo(Verdict.GOOD);
    }

    @Test
    void bothBlocksLiveAreChecked() {
        TwoBlocks live = new TwoBlocks(false) {
            @Override
            public List<ParameterBlock> parameters() {
                return List.of(ParameterBlock.of("W1", 1, 2, w), ParameterBlock.of("b1", 2, 1, b));
            }
        };
        assertThat(GradientCheck.of(live).progress(false).run().verdict()).isEqualTo(Verdict.GOOD);
    }
}
