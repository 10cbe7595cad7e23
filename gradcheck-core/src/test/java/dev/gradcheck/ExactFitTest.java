package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A correct model checked at its exact minimum, as a user's linear regression on noiseless data is: both gradients are
 * round-off of zero. The noise of J at θ (J a few ulp of 0) is far below J's noise a step of 1e-2 away, where a
 * gradient hidden by noise is re-measured; judged with θ's noise, the two round-offs once differed "beyond noise" and
 * the model was called BUG. Found by an outside tester.
 */
class ExactFitTest {

    /** J = 1/(2m)·Σ (w·x + b − y)², y = 1 + x₀ − 2·x₁ summed in another order than the prediction. */
    static final class Regression implements Differentiable {
        final double[] w = {1, -2};
        final double[] b = {1};
        final double[][] x = new double[20][2];
        final double[] y = new double[20];
        final double dbOffset;

        Regression(double dbOffset) {
            this.dbOffset = dbOffset;
            Random r = new Random(8);
            for (int j = 0; j < x.length; j++) {
                x[j][0] = 3 * r.nextGaussian();
                x[j][1] = 3 * r.nextGaussian();
                y[j] = (1 + x[j][0]) - 2 * x[j][1];
            }
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("w", 1, 2, w), ParameterBlock.of("b", 1, 1, b));
        }

        @Override
        public double cost() {
            double j = 0;
            for (int e = 0; e < x.length; e++) {
                double p = w[0] * x[e][0] + w[1] * x[e][1] + b[0];
                j += (p - y[e]) * (p - y[e]);
            }
            return j / (2 * x.length);
        }

        @Override
        public Gradients gradients() {
            double[] dw = new double[2];
            double[] db = new double[1];
            for (int e = 0; e < x.length; e++) {
                double r = (w[0] * x[e][0] + w[1] * x[e][1] + b[0] - y[e]) / x.length;
                dw[0] += r * x[e][0];
                dw[1] += r * x[e][1];
                db[0] += r;
            }
            db[0] += dbOffset;
            return Gradients.builder().put("w", dw).put("b", db).build();
        }
    }

    @Test
    void aCorrectModelAtItsExactFitIsNeverBug() {
        GradCheckReport report = GradientCheck.of(new Regression(0)).progress(false).run();

        assertThat(report.verdict()).as(report.toString()).isNotEqualTo(Verdict.BUG);
        for (PhaseResult phase : report.phases()) {
            for (ComponentResult c : phase.components()) {
                assertThat(c.verdict()).as(c.name() + "\n" + report).isNotEqualTo(Verdict.BUG);
            }
        }
    }

    @Test
    void theSameThroughTheOneLiner() {
        Regression f = new Regression(0);
        GradCheckReport report = GradientCheck.check(new double[] {1, -2, 1}, t -> {
            f.w[0] = t[0];
            f.w[1] = t[1];
            f.b[0] = t[2];
            return f.cost();
        }, t -> {
            f.w[0] = t[0];
            f.w[1] = t[1];
            f.b[0] = t[2];
            Gradients g = f.gradients();
            return new double[] {g.get("w")[0], g.get("w")[1], g.get("b")[0]};
        });

        assertThat(report.verdict()).as(report.toString()).isNotEqualTo(Verdict.BUG);
    }

    @Test
    void aWrongGradientAtTheExactFitIsStillBug() {
        // db off by 1e-3 where the true db is 0: far beyond any round-off of J at a step of 1e-2 or below.
        GradCheckReport report = GradientCheck.of(new Regression(1e-3)).progress(false).run();

        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.BUG);
        assertThat(report.phases().get(0).components())
                .filteredOn(c -> c.verdict() == Verdict.BUG)
                .extracting(ComponentResult::name)
                .containsExactly("db");
    }
}
