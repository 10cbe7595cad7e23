package dev.gradcheck.nets;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Verdict;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two correct networks on which gradcheck-core (as of this writing) says BUG. Both are an entry of db2 at an exact
 * kink: the previous layer's activations of one example are all exactly 0 (relu units dead on it, or dropped by
 * dropout), so Z2 = b2 = 0 there, and relu'(0) = 0 is a valid one-sided derivative. The core's kink test only
 * sets an entry aside when the one-sided slopes differ by more than 1e-3 of their size and by more than 100× the
 * round-off estimate; these kinks are smaller than that, yet far larger than the GOOD band allows.
 *
 * <p>Enable when the core recognises such kinks (e.g. "the analytic value equals one one-sided slope and the
 * slopes differ beyond round-off"). The first case already passes with the gradcheck-core changes in progress at
 * the time of writing (ε sweep); the second does not: its analytic value 25.5220725 equals the backward slope
 * 25.5220720 (ε = 1e-7), the forward slope is 25.5201081, a gap of 8e-5 of the slope, under the core's 1e-3.
 */
@Disabled("gradcheck-core false BUG at small exact ReLU kinks; reported to the core, see the class comment")
class CoreKinkFalseBugTest {

    /** Unit 0 of layer 2 is dead on every example, so b2[0] stays exactly 0 through training. */
    @Test
    void smallKinkBelowTheRoundOffFloor() {
        Network net = Network.builder().layers(6, 5, 2, 1).activation(Activation.RELU).loss(Loss.SIGMOID_CE)
                .lambda(0.1).batch(8).seed(382).learningRate(0.01).build();
        GradCheckReport report = GradientCheck.of(net).afterTraining(10).run();
        // Today: [after 10 steps] BUG, db2 (0, 0) analytic 0, numerical −3.24e-5.
        assertThat(report.verdict()).as("%s", report).isEqualTo(Verdict.GOOD);
    }

    /** The frozen mask drops layer 1's only unit on one example. */
    @Test
    void smallKinkBelowTheRelativeThreshold() {
        Network net = Network.builder().layers(2, 1, 1, 4).activation(Activation.RELU).loss(Loss.MSE).keepProb(0.9)
                .batch(6).seed(4).build();
        GradCheckReport report = NetworkCheck.withFrozenMasks(net, 1e-7, 0);
        // Today: [init] BUG, db2 (0, 0) analytic 25.52207, numerical 25.52109 (INSPECT drilled down to BUG).
        assertThat(report.verdict()).as("%s", report).isEqualTo(Verdict.GOOD);
    }
}
