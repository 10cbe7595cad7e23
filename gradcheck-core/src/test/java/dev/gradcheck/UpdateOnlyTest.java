package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import dev.gradcheck.StepNet.Flaw;
import org.junit.jupiter.api.Test;

/** Update-only backprops: the gradient a step(lr) applies, recovered, checked, and refused when it is not one. */
class UpdateOnlyTest {

    private static UpdateOnly adapter(StepNet net) {
        return UpdateOnly.of(net.parameters(), net::cost, net::step).resetOptimizer(net::resetOptimizer)
                .optimizerState(net.v[0]).optimizerState(net.v[1]).optimizerState(net.v[2]).optimizerState(net.v[3]);
    }

    private static long[] bits(StepNet net) {
        List<Long> bits = new ArrayList<>();
        for (double[][] a : List.of(net.W1, net.b1, net.W2, net.b2, net.v[0], net.v[2])) {
            for (double[] row : a) {
                for (double e : row) {
                    bits.add(Double.doubleToRawLongBits(e));
                }
            }
        }
        return bits.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void aPlainGradientStepIsGoodAndTheRecoveredGradientIsTheBackpropsToRoundOff() {
        StepNet net = new StepNet(Flaw.NONE, 1);
        long[] before = bits(net);
        double[][][] direct = net.backprop();
        Gradients g = adapter(net).gradients();
        assertThat(bits(net)).as("θ restored bit for bit after the three probing steps").isEqualTo(before);
        String[] names = {"W1", "b1", "W2", "b2"};
        for (int k = 0; k < 4; k++) {
            double[] flat = StorageKind.flat(direct[k]);
            double[] recovered = g.get(names[k]);
            for (int i = 0; i < flat.length; i++) {
                // |θ| < 4 here and lr = 1: the bound is 2⁻⁵³·(|θ₀| + |θ₁|) + 2⁻⁵³·|g| ≈ 1e-15.
                assertThat(Math.abs(recovered[i] - flat[i])).as("d%s entry %d: recovered %s, backprop %s", names[k], i,
                        recovered[i], flat[i]).isLessThanOrEqualTo(1e-15);
            }
        }
        GradCheckReport report = GradientCheck.of(adapter(net).trainWith(0.1)).afterTraining(30).run();
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.GOOD);
        assertThat(report.phases()).hasSize(2);
        assertThat(bits(net)).as("the check leaves the network as it was").isEqualTo(before);
    }

    @Test
    void momentumIsFineWhenItsStateIsResetAndRestored() {
        StepNet net = new StepNet(Flaw.MOMENTUM, 2);
        net.v[0][1][2] = 0.75; // velocity from earlier training: zeroed for each probing step, then put back
        long[] before = bits(net);
        GradCheckReport report = GradientCheck.of(adapter(net)).run();
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.GOOD);
        assertThat(bits(net)).as("θ and the velocity are as they were").isEqualTo(before);
        assertThat(net.v[0][1][2]).isEqualTo(0.75);
    }

    @Test
    void momentumNotResetIsRefusedAsAStepThatKeepsState() {
        StepNet net = new StepNet(Flaw.MOMENTUM, 3);
        long[] before = bits(net);
        UpdateOnly noReset = UpdateOnly.of(net.parameters(), net::cost, net::step);
        assertThatThrownBy(() -> GradientCheck.of(noReset).run()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("not repeatable").hasMessageContaining("momentum or Adam moments not reset")
                .hasMessageContaining("optimizerState");
        assertThat(net.W1).as("θ restored").isDeepEqualTo(StepNet.deep(net.W1));
        long[] after = bits(net);
        // θ itself is restored; the velocity the model kept is the model's own (no hook was given).
        assertThat(java.util.Arrays.copyOf(after, 4 * 3 + 4 + 2 * 4 + 2))
                .isEqualTo(java.util.Arrays.copyOf(before, 4 * 3 + 4 + 2 * 4 + 2));
    }

    @Test
    void aStepThatIgnoresItsLearningRateIsRefused() {
        assertThatThrownBy(() -> adapter(new StepNet(Flaw.IGNORES_LR, 4)).gradients())
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("does not scale with lr")
                .hasMessageContaining("at lr = 1.0 and at 2.0");
    }

    @Test
    void weightDecayAppliedApartFromTheStepIsRefusedWithItsFactor() {
        assertThatThrownBy(() -> adapter(new StepNet(Flaw.DECOUPLED_DECAY, 5)).gradients())
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("weight decay applied apart")
                .hasMessageContaining("factor (1 − 0.001000)");
    }

    @Test
    void aClippedUpdateIsRefusedAsClipping() {
        StepNet net = new StepNet(Flaw.NORM_CLIP, 6);
        double norm = 0;
        for (double[][] g : net.backprop()) {
            for (double[] row : g) {
                for (double e : row) {
                    norm += e * e;
                }
            }
        }
        net.clipAt = 1.5 * Math.sqrt(norm); // binds at lr = 2, not at lr = 1: the step grows by 1.5, not 2
        assertThatThrownBy(() -> adapter(net).gradients()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("norm is clipped").hasMessageContaining("factor 1.500 instead of 2");
        net.clipAt = 0.01 * Math.sqrt(norm); // binds at both rates
        assertThatThrownBy(() -> adapter(net).gradients()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("same amount at lr = 1.0 and at 2.0").hasMessageContaining("clipped to a norm");
        assertThatThrownBy(() -> adapter(new StepNet(Flaw.ENTRY_CLIP, 6)).gradients())
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("clipped entry by entry at ±0.02");
    }

    @Test
    void aLayerUpdatedBeforeTheLayerBelowIsBackpropagatedIsRefusedAsNotLinear() {
        assertThatThrownBy(() -> adapter(new StepNet(Flaw.UPDATE_DURING_BACKPROP, 7)).gradients())
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("not linear in lr")
                .hasMessageContaining("not linear in W1, b1; linear in W2, b2")
                .hasMessageContaining("updated before the gradient of the layer below");
    }

    @Test
    void adamIsRefusedBecauseItsStepIsNotProportionalToTheGradient() {
        assertThatThrownBy(() -> adapter(new StepNet(Flaw.ADAM, 8)).gradients())
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("Adam, RMSprop or sign-SGD")
                .hasMessageContaining("moved 26 of the 26 parameters it changed by the same amount");
    }

    @Test
    void aStepThatThrowsLeavesThetaAndTheOptimizerStateRestored() {
        StepNet net = new StepNet(Flaw.THROWS_MIDWAY, 9);
        net.v[2][0][0] = 0.5;
        long[] before = bits(net);
        assertThatThrownBy(() -> adapter(net).gradients()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("step(1.0) threw").hasMessageContaining("backprop failed after updating W2")
                .hasMessageContaining("restored").hasCauseInstanceOf(ArithmeticException.class);
        assertThat(bits(net)).isEqualTo(before);
    }

    @Test
    void aStepThatReplacesItsArraysIsRefusedAsChangingNothing() {
        StepNet net = new StepNet(Flaw.REPLACES_ARRAYS, 10);
        assertThatThrownBy(() -> adapter(net).gradients()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("changed no parameter in W1, b1, W2, b2")
                .hasMessageContaining("in place");
    }

    @Test
    void buggyUpdateOnlyBackpropsAreCaughtInTheRightBlock() {
        GradCheckReport factor = GradientCheck.of(adapter(new StepNet(Flaw.FACTOR_2_DW2, 11))).run();
        assertThat(factor.verdict()).as(factor.toString()).isEqualTo(Verdict.BUG);
        assertThat(factor.component("dW2").orElseThrow().verdict()).isEqualTo(Verdict.BUG);
        assertThat(factor.component("dW2").orElseThrow().hints()).anySatisfy(h -> assertThat(h).contains("2.00 ×"));
        assertThat(factor.component("dW1").orElseThrow().verdict()).isEqualTo(Verdict.GOOD);

        GradCheckReport tanh = GradientCheck.of(adapter(new StepNet(Flaw.NO_TANH_DERIVATIVE, 12))).run();
        assertThat(tanh.verdict()).as(tanh.toString()).isEqualTo(Verdict.BUG);
        assertThat(tanh.component("dW1").orElseThrow().verdict()).isEqualTo(Verdict.BUG);
        assertThat(tanh.component("dW2").orElseThrow().verdict()).isEqualTo(Verdict.GOOD);
    }

    @Test
    void badConfigurationIsRefusedPlainly() {
        StepNet net = new StepNet(Flaw.NONE, 13);
        assertThatThrownBy(() -> UpdateOnly.of(List.of(), net::cost, net::step)).hasMessageContaining("empty");
        assertThatThrownBy(() -> adapter(net).learningRate(0)).hasMessageContaining("positive and finite, got 0.0");
        assertThatThrownBy(() -> adapter(net).trainWith(Double.NaN)).hasMessageContaining("got NaN");
        assertThat(adapter(net)).as("not Trainable until trainWith").isNotInstanceOf(Trainable.class);
        assertThat(adapter(net).trainWith(0.1)).isInstanceOf(Trainable.class);
    }

    @Test
    void trainingRunsTheModelsOwnStepAtTheTrainingRateAsManyTimesAsAsked() {
        StepNet trained = new StepNet(Flaw.NONE, 1);
        StepNet byHand = new StepNet(Flaw.NONE, 1);
        ((Trainable) adapter(trained).trainWith(0.25)).train(3);
        for (int s = 0; s < 3; s++) {
            byHand.step(0.25);
        }
        assertThat(bits(trained)).isEqualTo(bits(byHand)).isNotEqualTo(bits(new StepNet(Flaw.NONE, 1)));
        assertThatThrownBy(() -> adapter(trained).trainWith(0)).hasMessageContaining("positive and finite, got 0.0");
        assertThat(adapter(trained).learningRate()).isEqualTo(UpdateOnly.DEFAULT_LEARNING_RATE);
        assertThat(adapter(trained).learningRate(0.5).learningRate()).isEqualTo(0.5);
        assertThat(adapter(trained).toString()).startsWith("UpdateOnly[W1 ");
    }
}
