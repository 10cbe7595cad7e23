package dev.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.Verdict;

/**
 * {@code @GradCheck} as a user writes it, run by Surefire like any test: these nodes appear in
 * {@code target/surefire-reports} under their phrased names, and the reports in {@code target/gradcheck}.
 */
class GradCheckUsageTest {

    static TwoLayerNet.Trained twoLayerNet() {
        return new TwoLayerNet.Trained(4, 5, 1, 6, 0.2, 11, TwoLayerNet.Bug.NONE);
    }

    /** Checked at initialization and after 100 training steps; the body then sees the whole report. */
    @GradCheck
    void twoLayerNet(TwoLayerNet.Trained net, GradCheckReport report) {
        assertThat(report.phases()).hasSize(2);
        assertThat(report.verdict()).isEqualTo(Verdict.GOOD);
    }

    static Stream<TwoLayerNet> shapes() {
        return Stream.of(new TwoLayerNet(1, 1, 1, 1, 0, 1, TwoLayerNet.Bug.NONE),
                new TwoLayerNet(5, 8, 3, 4, 0.5, 2, TwoLayerNet.Bug.NONE));
    }

    /** Several models: every node name starts with the model's toString(). */
    @GradCheck(value = "shapes", epsilon = 1e-6)
    void everyShape(TwoLayerNet net) {
    }
}
