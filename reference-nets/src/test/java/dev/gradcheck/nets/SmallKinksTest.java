package dev.gradcheck.nets;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Verdict;
import dev.gradcheck.nets.bugs.Bug;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correct networks on which earlier versions of gradcheck-core said BUG, and one real bug it used to call INSPECT.
 * The kinks are db2 entries where the previous layer's activations of one example are all exactly 0 (relu units
 * dead on it, or dropped by dropout), so Z2 = b2 = 0 there: the kink's share of the slope is far below the old
 * 1e-3 candidate threshold, yet far above the GOOD band.
 */
class SmallKinksTest {

    /** Unit 0 of layer 2 is dead on every example, so b2[0] stays exactly 0 through training. */
    @Test
    void smallKinkBelowTheRoundOffFloor() {
        Network net = Network.builder().layers(6, 5, 2, 1).activation(Activation.RELU).loss(Loss.SIGMOID_CE)
                .lambda(0.1).batch(8).seed(382).learningRate(0.01).build();
        GradCheckReport report = GradientCheck.of(net).afterTraining(10).run();
        assertThat(report.verdict()).as("%s", report).isEqualTo(Verdict.GOOD);
    }

    /**
     * The frozen mask drops layer 1's only unit on one example: analytic 25.5220725 equals the backward slope, the
     * forward slope is 25.5201081, a gap of 8e-5 of the slope.
     */
    @Test
    void smallKinkBelowTheOldRelativeThreshold() {
        Network net = Network.builder().layers(2, 1, 1, 4).activation(Activation.RELU).loss(Loss.MSE).keepProb(0.9)
                .batch(6).seed(4).build();
        GradCheckReport report = GradientCheck.of(net).run();
        assertThat(report.verdict()).as("%s", report).isEqualTo(Verdict.GOOD);
        // The kink is recognised and the entry judged against the one-sided slope the backprop chose.
        assertThat(report.phases()).anySatisfy(p -> assertThat(p.components()).anySatisfy(c ->
                assertThat(c.hints()).anySatisfy(h -> assertThat(h).contains("sit on a kink of J"))));
    }

    /**
     * Leaky relu, b = 0 and frozen masks that drop all of layer 1 on some examples: Z is exactly 0 in layers 2 and 3
     * on the same example, J is smooth along b2 but backprop's leaky'(0) twice is not its derivative. Not a bug.
     */
    @Test
    void stackedExactZerosAreNotABug() {
        Network net = Network.builder().layers(1, 2, 5, 5, 4).activation(Activation.LEAKY_RELU)
                .loss(Loss.SOFTMAX_CE).lambda(2).keepProb(0.5).batch(7).seed(171).learningRate(0.01).build();
        GradCheckReport report = GradientCheck.of(net).afterTraining(10).run();
        assertThat(report.verdict()).as("%s", report).isEqualTo(Verdict.GOOD);
        assertThat(report.toString()).contains("disagree at this θ only");
    }

    /**
     * A transposed dW1 whose data part is small next to λ/m·W1 (λ 2, m 2): the ratio of dW1 is only 2.8e-4, but
     * it stays there over two decades of ε, which finite differences cannot do.
     */
    @Test
    void aTransposedDwUnderADominantPenaltyIsABug() {
        Network net = Network.builder().layers(6, 6, 1, 4, 5).activation(Activation.SIGMOID).loss(Loss.MSE)
                .lambda(2).l1(0.1).batch(2).seed(390).learningRate(0.01).bug(Bug.DW_TRANSPOSED).build();
        GradCheckReport report = GradientCheck.of(net).run();
        assertThat(report.verdict()).as("%s", report).isEqualTo(Verdict.BUG);
        assertThat(report.components()).filteredOn(c -> c.verdict() == Verdict.BUG)
                .extracting(c -> c.name()).containsExactly("dW1");
        assertThat(report.toString()).contains("a real error");
    }
}
