package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Every way of making a {@link ParameterBlock} refuses a blank name and a non-positive shape with the block named,
 * and every index outside the block is refused with the entry and the shape.
 */
class BlockFactoriesTest {

    static final List<Function<String, ParameterBlock>> FACTORIES = List.of(
            n -> ParameterBlock.of(n, 1, 2, new double[2]),
            n -> ParameterBlock.of(n, 1, 2, new double[4], 1),
            n -> ParameterBlock.of(n, new double[][] {{1, 2}}),
            n -> ParameterBlock.ofTransposed(n, new double[][] {{1, 2}}),
            n -> ParameterBlock.of(n, 1, 2, (r, c) -> 0.0, (r, c, v) -> { }),
            n -> ParameterBlock.of(n, new Array2DRowRealMatrix(1, 2)),
            n -> ParameterBlock.of(n, () -> new Array2DRowRealMatrix(1, 2)));

    @Test
    void everyFactoryRefusesABlankName() {
        for (Function<String, ParameterBlock> f : FACTORIES) {
            assertThat(f.apply("W").name()).isEqualTo("W");
            assertThatThrownBy(() -> f.apply(" ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("non-blank name");
            assertThatThrownBy(() -> f.apply(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("non-blank name");
        }
    }

    @Test
    void aNonPositiveShapeIsRefusedByEveryShapedFactory() {
        assertThatThrownBy(() -> ParameterBlock.of("W", 0, 2, new double[4], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'W' has shape 0×2");
        assertThatThrownBy(() -> ParameterBlock.of("W", 2, 0, (r, c) -> 0.0, (r, c, v) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'W' has shape 2×0");
        assertThat(ParameterBlock.of("W", 1, 1, new double[1], 0).size()).isEqualTo(1);
    }

    @Test
    void aBlockMustFitItsArrayAtItsOffset() {
        assertThat(ParameterBlock.of("W", 2, 2, new double[6], 2).size()).isEqualTo(4);
        assertThatThrownBy(() -> ParameterBlock.of("W", 2, 2, new double[6], 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 3");
        assertThatThrownBy(() -> ParameterBlock.of("W", 2, 2, new double[6], -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset -1");
        double[] data = {0, 1, 2, 3, 4, 5};
        ParameterBlock b = ParameterBlock.of("W", 2, 2, data, 2);
        assertThat(b.toArray()).containsExactly(2, 3, 4, 5);
        assertThat(b.get(1, 0)).isEqualTo(4);
    }

    @Test
    void indicesOutsideTheBlockAreRefused() {
        ParameterBlock b = ParameterBlock.of("W", 2, 3, new double[] {0, 1, 2, 3, 4, 5});
        assertThat(b.get(5)).isEqualTo(5);
        assertThat(b.get(1, 2)).isEqualTo(5);
        assertThat(b.get(0, 0)).isEqualTo(0);
        for (int[] rc : new int[][] {{2, 0}, {0, 3}, {-1, 0}, {0, -1}}) {
            assertThatThrownBy(() -> b.get(rc[0], rc[1])).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("(" + rc[0] + ", " + rc[1] + ")").hasMessageContaining("2×3");
        }
        assertThatThrownBy(() -> b.get(6)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("entry 6").hasMessageContaining("2×3");
        assertThatThrownBy(() -> b.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.set(6, 1.0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
