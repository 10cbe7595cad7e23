package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The phase after training: the model is trained for exactly the requested steps with its own keep-prob, checked at
 * the trained θ with dropout off, and left with the parameters it had; a training run that diverges keeps the phase
 * at initialization and reports where it diverged in a phase of its own.
 */
class TrainingPhaseTest {

    /**
     * Least squares on three fixed examples, J = 1/(2m)·Σ(w·x − y)², trained by gradient descent. Logs the steps it
     * was asked for and the keep-prob it had at each train() call. A large {@code rate} diverges; {@code nanAbove}
     * makes J NaN (θ still finite) once |w₀| + |w₁| exceeds it.
     */
    static final class Regression implements Differentiable, Trainable, Stochastic {
        final double[] w = {0.5, -0.25};
        final double[][] x = {{1, 2}, {-1, 0.5}, {0.3, -2}};
        final double[] y = {1, -2, 0.5};
        final List<Integer> trainCalls = new ArrayList<>();
        final List<Double> keepProbAtTrain = new ArrayList<>();
        final List<Double> keepProbAtGradients = new ArrayList<>();
        double keepProb = 0.8;
        double rate = 0.1;
        double nanAbove = Double.POSITIVE_INFINITY;

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("w", 1, 2, w));
        }

        @Override
        public double cost() {
            if (Math.abs(w[0]) + Math.abs(w[1]) > nanAbove) {
                return Double.NaN;
            }
            double s = 0;
            for (int e = 0; e < y.length; e++) {
                double r = w[0] * x[e][0] + w[1] * x[e][1] - y[e];
                s += r * r;
            }
            return s / (2 * y.length);
        }

        double[] grad() {
            double[] g = new double[2];
            for (int e = 0; e < y.length; e++) {
                double r = w[0] * x[e][0] + w[1] * x[e][1] - y[e];
                g[0] += r * x[e][0] / y.length;
                g[1] += r * x[e][1] / y.length;
            }
            return g;
        }

        @Override
        public Gradients gradients() {
            keepProbAtGradients.add(keepProb);
            return Gradients.builder().put("w", grad()).build();
        }

        @Override
        public void train(int steps) {
            trainCalls.add(steps);
            keepProbAtTrain.add(keepProb);
            for (int s = 0; s < steps; s++) {
                double[] g = grad();
                w[0] -= rate * g[0];
                w[1] -= rate * g[1];
            }
        }

        @Override
        public double keepProb() {
            return keepProb;
        }

        @Override
        public void keepProb(double p) {
            keepProb = p;
        }
    }

    @Test
    void theSecondPhaseIsCheckedAtTheTrainedParameters() {
        Regression model = new Regression();
        double j0 = model.cost();
        Regression twin = new Regression();
        twin.train(7);
        double jTrained = twin.cost();

        GradCheckReport r = GradientCheck.of(model).frozenDropout(false).afterTraining(7).run();

        assertThat(r.phases()).extracting(p -> p.phase().steps()).containsExactly(0, 7);
        assertThat(r.phases().get(0).cost()).as("J at initialization").isEqualTo(j0);
        assertThat(r.phases().get(1).cost()).as("J after 7 steps, as the twin trained alone").isEqualTo(jTrained)
                .isLessThan(j0);
        assertThat(r.phases()).allSatisfy(p -> assertThat(p.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD));
        assertThat(model.trainCalls).as("train() called once with the requested steps").containsExactly(7);
        assertThat(model.w).as("θ restored after the check").containsExactly(0.5, -0.25);
    }

    @Test
    void trainingRunsWithTheModelsKeepProbAndTheChecksWithDropoutOff() {
        Regression model = new Regression();
        GradCheckReport r = GradientCheck.of(model).afterTraining(3).run();
        assertThat(model.keepProbAtTrain).as("keep-prob while training").containsExactly(0.8);
        assertThat(model.keepProbAtGradients).as("keep-prob at every dθ the check read").containsOnly(1.0);
        assertThat(model.keepProb).as("keep-prob restored").isEqualTo(0.8);
        assertThat(r.phases().get(0).typedFindings()).extracting(Finding::kind).contains(Finding.Kind.DROPOUT);
        // The model cannot freeze its masks: a phase says what was not checked, for init and after training.
        assertThat(r.phases()).extracting(p -> p.phase().isFrozenDropout())
                .containsExactly(false, true, false, true);
        PhaseResult frozen = r.phases().get(1);
        assertThat(frozen.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(frozen.components()).isEmpty();
        assertThat(frozen.parameters()).isEqualTo(2);
        assertThat(frozen.typedFindings()).extracting(Finding::kind).containsExactly(Finding.Kind.DROPOUT);
        assertThat(frozen.phase().keepProb()).isEqualTo(0.8);
    }

    @Test
    void withFrozenDropoutTurnedOffOnlyTheTwoPhasesRun() {
        Regression model = new Regression();
        GradCheckReport r = GradientCheck.of(model).frozenDropout(false).afterTraining(3).run();
        assertThat(r.phases()).extracting(p -> p.phase().label()).containsExactly("init", "after 3 steps");
    }

    /** The first step after which the twin's θ or J is not finite. */
    private static int firstBadStep(Regression twin) {
        for (int step = 1; step <= 10_000; step++) {
            twin.train(1);
            if (!Double.isFinite(twin.w[0]) || !Double.isFinite(twin.w[1]) || !Double.isFinite(twin.cost())) {
                return step;
            }
        }
        throw new AssertionError("the twin did not diverge");
    }

    @Test
    void divergenceKeepsTheInitialPhaseAndNamesTheFirstBadStep() {
        Regression model = new Regression();
        model.rate = 50;
        Regression twin = new Regression();
        twin.rate = 50;
        int first = firstBadStep(twin);
        assertThat(first).as("the diverging run overflows well inside the 400 steps").isBetween(5, 300);

        GradCheckReport r = GradientCheck.of(model).frozenDropout(false).afterTraining(400).run();

        assertThat(r.phases()).hasSize(2);
        assertThat(r.phases().get(0).verdict()).isEqualTo(Verdict.GOOD);
        PhaseResult after = r.phases().get(1);
        assertThat(after.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(after.phase().steps()).isEqualTo(400);
        assertThat(after.components()).isEmpty();
        assertThat(after.ratio()).isNaN();
        assertThat(after.parameters()).isEqualTo(2);
        assertThat(after.typedFindings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.DIVERGED);
            assertThat(f.sentence()).contains("w[0,").contains("after step " + first + " ");
        });
        assertThat(r.verdict()).isEqualTo(Verdict.INSPECT);
        // The run of 400, then the replay from the initial θ one step at a time up to the first bad one.
        assertThat(model.trainCalls).hasSize(1 + first).startsWith(400);
        assertThat(model.trainCalls.subList(1, 1 + first)).containsOnly(1);
        assertThat(model.w).containsExactly(0.5, -0.25);
        assertThat(model.keepProb).isEqualTo(0.8);
    }

    @Test
    void aCostThatTurnsNaNAfterTrainingIsDivergenceToo() {
        Regression model = new Regression();
        model.rate = 50;
        model.nanAbove = 1e3;
        Regression twin = new Regression();
        twin.rate = 50;
        twin.nanAbove = 1e3;
        int first = firstBadStep(twin);
        GradCheckReport r = GradientCheck.of(model).frozenDropout(false).afterTraining(first + 1).run();
        PhaseResult after = r.phases().get(1);
        assertThat(after.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(after.typedFindings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.DIVERGED);
            assertThat(f.sentence()).contains("J is NaN").contains("after step " + first + " (J = NaN)");
        });
    }

    @Test
    void withoutTrainingOneCallToTrainIsNeverMade() {
        Regression model = new Regression();
        GradCheckReport r = GradientCheck.of(model).frozenDropout(false).run();
        assertThat(r.phases()).hasSize(1);
        assertThat(model.trainCalls).isEmpty();
    }
}
