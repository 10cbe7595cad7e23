package dev.gradcheck.nets;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every activation × loss × regularization (none, L2, L1, dropout, all three) passes the gradient check GOOD at
 * initialization and after 50 training steps; with dropout, also dropout's own backprop in the core's frozen-dropout
 * phases.
 */
class EveryCombinationPassesTest {

    enum Regularization {
        NONE(0, 0, 1), L2(0.7, 0, 1), L1(0, 0.1, 1), DROPOUT(0, 0, 0.8), ALL(0.7, 0.1, 0.8);

        final double lambda;
        final double l1;
        final double keepProb;

        Regularization(double lambda, double l1, double keepProb) {
            this.lambda = lambda;
            this.l1 = l1;
            this.keepProb = keepProb;
        }
    }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (Activation g : Activation.values()) {
            for (Loss loss : Loss.values()) {
                for (Regularization r : Regularization.values()) {
                    all.add(Arguments.of(g, loss, r));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} × {1} × {2}")
    @MethodSource("combinations")
    void passesAtInitAndAfterTraining(Activation g, Loss loss, Regularization r) {
        int outputs = loss == Loss.SOFTMAX_CE ? 3 : loss == Loss.MSE ? 2 : 1;
        Network net = Network.builder().layers(4, 5, 3, outputs).activation(g).loss(loss).lambda(r.lambda).l1(r.l1)
                .keepProb(r.keepProb).init(g == Activation.RELU || g == Activation.LEAKY_RELU ? Init.HE : Init.XAVIER)
                .batch(6).seed(11).build();
        GradCheckReport report = NetworkCheck.run(net, 1e-7, 50);
        assertThat(report.verdict()).as("%s", report).isEqualTo(Verdict.GOOD);
        assertThat(report.phases()).as("%s", report).allMatch(p -> p.verdict() == Verdict.GOOD);
        // Dropout off at initialization and after training; with dropout, each again with the masks frozen.
        assertThat(report.phases()).extracting(p -> p.phase().label()).as("%s", report).containsExactlyElementsOf(
                r.keepProb < 1 ? List.of("init", "init, dropout 0.8 frozen", "after 50 steps",
                        "after 50 steps, dropout 0.8 frozen") : List.of("init", "after 50 steps"));
    }
}
