package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradcheck.numeric.CostNoise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A phase's label and description (the stable names of test nodes and report lines), its kind, and the points at
 * which a noise table reads J: t = ±(k + ½)·h, so that a kink at t = 0 lies between the two sides.
 */
class PhaseLabelsTest {

    @Test
    void labelsAndDescriptionsNameStepsAndFrozenDropout() {
        assertThat(Phase.INIT.label()).isEqualTo("init");
        assertThat(Phase.afterSteps(1).label()).isEqualTo("after 1 step");
        assertThat(new Phase(100).label()).isEqualTo("after 100 steps");
        assertThat(Phase.frozenMasks(0, 0.8).label()).isEqualTo("init, dropout 0.8 frozen");
        assertThat(Phase.frozenMasks(5, 0.5).label()).isEqualTo("after 5 steps, dropout 0.5 frozen");
        assertThat(Phase.INIT.description()).isEqualTo("at initialization");
        assertThat(Phase.afterSteps(1).description()).isEqualTo("after 1 training step");
        assertThat(Phase.afterSteps(7).description()).isEqualTo("after 7 training steps");
        assertThat(Phase.frozenMasks(7, 0.9).description()).startsWith("after 7 training steps").contains("0.9");
        assertThat(Phase.frozenMasks(3, 0.9).toString()).isEqualTo(Phase.frozenMasks(3, 0.9).label());
    }

    @Test
    void kindsAndRanges() {
        assertThat(Phase.INIT.isInitial()).isTrue();
        assertThat(Phase.afterSteps(1).isInitial()).isFalse();
        assertThat(Phase.frozenMasks(0, 0.8).isInitial()).isTrue();
        assertThat(Phase.frozenMasks(0, 0.8).isFrozenDropout()).isTrue();
        assertThat(Phase.afterSteps(3).isFrozenDropout()).isFalse();
        assertThat(new Phase(0, 1.0)).isEqualTo(Phase.INIT);
        assertThatThrownBy(() -> new Phase(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new Phase(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Phase(0, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Phase(0, 1.0).keepProb()).isEqualTo(1.0);
    }

    @Test
    void aNoiseTableReadsJHalfAStepOffZeroOnEachSide() {
        List<Double> points = new ArrayList<>();
        double h = 0.25;
        CostNoise.Estimate[] sides = CostNoise.sides(t -> {
            points.add(t);
            return 1 + t * t;
        }, h);
        assertThat(sides).hasSize(2);
        List<Double> expected = new ArrayList<>();
        for (int k = 0; k < CostNoise.SIDE; k++) {
            expected.add(-(k + 0.5) * h);
            expected.add((k + 0.5) * h);
        }
        assertThat(points).containsExactlyElementsOf(expected);
    }

    @Test
    void aTableWithHalfItsNeighboursEqualDidNotMove() {
        // 8 values, 7 neighbouring pairs: 4 equal pairs is "too small a step", 3 is not.
        double[] four = {1, 1, 1, 2, 2, 3, 3, 3.25};
        assertThat(CostNoise.fromValues(four, 1).outcome()).isEqualTo(CostNoise.Outcome.STEP_TOO_SMALL);
        double[] three = {1, 1, 1, 2, 2, 3.1, 2.7, 3.9};
        assertThat(CostNoise.fromValues(three, 1).outcome()).isNotEqualTo(CostNoise.Outcome.STEP_TOO_SMALL);
    }
}
