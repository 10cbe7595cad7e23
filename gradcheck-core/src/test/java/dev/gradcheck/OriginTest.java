package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.LayeredNet.Activation;
import dev.gradcheck.LayeredNet.Bug;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The origin sentence: backprop flows down, so a wrong dZ[l] spoils layer l and every layer below, never one above.
 * The highest failing layer is the likely start when the failing layers form one run down from it; one failing layer
 * over correct ones was formed wrong itself; a correct layer between failing ones means separate errors. The layer
 * numbers come from {@link LayeredNet}'s facts, and the planted layer is the right answer.
 */
class OriginTest {

    static List<String> origin(PhaseResult p) {
        return p.typedFindings().stream().filter(f -> f.kind() == Finding.Kind.ORIGIN).map(Finding::sentence)
                .toList();
    }

    static PhaseResult worst(LayeredNet net) {
        return GradientCheck.of(net).run().worstPhase();
    }

    @Test
    void aCascadeFromLayerTwoStartsThere() {
        PhaseResult p = worst(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_FROM_VALUE, 2));
        assertThat(origin(p)).containsExactly("backprop flows down: layer 2 is the highest failing layer, so the error "
                + "most likely starts there: fix dW2/db2 first; dW1, db1 may be wrong only because they inherit dA1 "
                + "(the failing layers 1..2 form one run down from it)");
    }

    @Test
    void aCascadeFromTheOutputNamesEveryLayerBelowInOrder() {
        PhaseResult p = worst(LayeredNet.small(Activation.TANH).bug(Bug.OUTPUT_DZ_SIGN_FLIPPED, 3));
        assertThat(origin(p)).containsExactly("backprop flows down: layer 3 is the highest failing layer, so the error "
                + "most likely starts there: fix dW3/db3 first; dW1, db1, dW2, db2 may be wrong only because they "
                + "inherit dA2 (the failing layers 1..3 form one run down from it)");
    }

    @Test
    void oneFailingLayerOverTwoCorrectOnesWasFormedWrongItself() {
        PhaseResult p = worst(LayeredNet.small(Activation.TANH).bug(Bug.DW_AND_DB_MISSING_1_OVER_M, 3));
        assertThat(origin(p)).containsExactly("only layer 3 fails (dW3/db3) and the 2 checked layers below it are "
                + "GOOD: the error is in how dW3/db3 are formed, not in dZ3, which would flow down into dA2");
    }

    @Test
    void oneFailingComponentOverOneCorrectLayer() {
        PhaseResult p = worst(LayeredNet.small(Activation.TANH).bug(Bug.DW_DIVIDED_BY_M_TWICE, 2));
        assertThat(origin(p)).containsExactly("only layer 2 fails (dW2) and the 1 checked layer below it is GOOD: the "
                + "error is in how dW2 is formed, not in dZ2, which would flow down into dA1");
    }

    @Test
    void aFailingFirstLayerHasNothingBelowItToTell() {
        PhaseResult p = worst(LayeredNet.small(Activation.TANH).bug(Bug.STRAY_FACTOR_2, 1));
        assertThat(p.verdict()).isEqualTo(Verdict.BUG);
        assertThat(origin(p)).isEmpty();
    }

    @Test
    void aCorrectLayerBetweenFailingOnesMeansSeparateErrors() {
        PhaseResult p = worst(LayeredNet.small(Activation.TANH).bug(Bug.STRAY_FACTOR_2, 1)
                .bug(Bug.DW_MISSING_1_OVER_M, 3));
        assertThat(origin(p)).containsExactly("layers [1, 3] fail but layer [2] between them is GOOD: a wrong dA does "
                + "not pass a correct layer unchanged, so these look like separate errors; fix dW3 first (backprop "
                + "flows down), then check dW1 on their own");
    }

    @Test
    void twoCorrectLayersBetweenFailingOnesAreNamedBoth() {
        LayeredNet net = new LayeredNet(new int[] {6, 5, 5, 5, 1}, 4, Activation.TANH, 3)
                .bug(Bug.STRAY_FACTOR_2, 1).bug(Bug.DW_AND_DB_MISSING_1_OVER_M, 4);
        assertThat(origin(worst(net))).containsExactly("layers [1, 4] fail but layers [2, 3] between them are GOOD: a "
                + "wrong dA does not pass a correct layer unchanged, so these look like separate errors; fix dW4/db4 "
                + "first (backprop flows down), then check dW1 on their own");
    }

    @Test
    void aLayerTheFactsDoNotDescribeHasNoPlaceInTheOrder() {
        // The facts stop at layer 2: dW3 fails in no described layer, so no origin, and its factor is a guess at m.
        PhaseResult p = worst(LayeredNet.small(Activation.TANH).bug(Bug.DW_MISSING_1_OVER_M, 3)
                .facts(fs -> fs.subList(0, 2)));
        assertThat(p.verdict()).isEqualTo(Verdict.BUG);
        assertThat(origin(p)).isEmpty();
        assertThat(p.component("dW3").orElseThrow().diagnosis().orElseThrow()).contains("a batch of m = 4 examples?")
                .doesNotContain("the model reports");
    }

    @Test
    void aModelThatSaysNothingOfItsLayersGetsNoOrigin() {
        PhaseResult p = worst(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_FROM_VALUE, 2).facts(fs -> List.of()));
        assertThat(p.verdict()).isEqualTo(Verdict.BUG);
        assertThat(origin(p)).isEmpty();
        assertThat(p.component("dW2").orElseThrow().diagnosis().orElseThrow()).doesNotContain("dZ2 =");
    }

    @Test
    void aCorrectModelHasNoOrigin() {
        PhaseResult p = worst(LayeredNet.small(Activation.TANH));
        assertThat(p.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(origin(p)).isEmpty();
    }

    @Test
    void fastModeKeepsTheOriginOfTheBlocksItMeasured() {
        // Every block of layers 1 and 2 fails its directional check, so all of them are measured one by one and the
        // order reads as in a full check.
        PhaseResult p = GradientCheck.of(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_FROM_VALUE, 2)).fast(8)
                .run().worstPhase();
        assertThat(origin(p)).singleElement().asString().startsWith("backprop flows down: layer 2 is the highest "
                + "failing layer");
    }

    @Test
    void fastModeCountsOnlyTheLayersItMeasuredAsCheckedBelow() {
        // Layers 1 and 2 pass their directional checks and are not measured: nothing checked lies below layer 3.
        PhaseResult p = GradientCheck.of(LayeredNet.small(Activation.TANH).bug(Bug.DW_AND_DB_MISSING_1_OVER_M, 3))
                .fast(8).run().worstPhase();
        assertThat(p.verdict()).isEqualTo(Verdict.BUG);
        assertThat(p.component("dW1").orElseThrow().checked()).isFalse();
        assertThat(origin(p)).isEmpty();
    }
}
