package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * What the block factories say when given nothing to view (each names the block and what is missing), that every
 * factory refuses a blank name, and where {@link ParameterBlock#userIndex} ends, on each side of each bound.
 */
class ParameterBlockMessagesTest {

    @Test
    void aMissingArrayAccessorOrSupplierIsNamedWithTheBlock() {
        assertThatThrownBy(() -> ParameterBlock.of("W1", 2, 3, (double[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("parameter block 'W1': data is null");
        assertThatThrownBy(() -> ParameterBlock.of("W1", 2, 3, null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("parameter block 'W1': data is null");
        assertThatThrownBy(() -> ParameterBlock.of("w", 1, 1, null, (r, c, v) -> { }))
                .hasMessage("parameter block 'w': getter is null");
        assertThatThrownBy(() -> ParameterBlock.of("w", 1, 1, (r, c) -> 0, null))
                .hasMessage("parameter block 'w': setter is null");
        assertThatThrownBy(() -> ParameterBlock.of("M", (Supplier<RealMatrix>) null))
                .hasMessage("parameter block 'M': supplier is null");
    }

    @Test
    void aBlankNameIsRefusedByTheMatrixFactoriesToo() {
        RealMatrix m = new org.apache.commons.math3.linear.Array2DRowRealMatrix(2, 2);
        assertThatThrownBy(() -> ParameterBlock.of(" ", m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a parameter block needs a non-blank name");
        assertThatThrownBy(() -> ParameterBlock.of("", () -> m)).hasMessage("a parameter block needs a non-blank name");
    }

    @Test
    void userIndexEndsAtTheBlocksEdgesOnEverySide() {
        ParameterBlock b = ParameterBlock.of("W", 2, 3, new double[6]);
        assertThat(b.userIndex(1, 2)).containsExactly(1, 2);
        assertThat(b.userIndex(0, 0)).containsExactly(0, 0);
        for (int[] outside : new int[][] {{2, 0}, {-1, 0}, {0, 3}, {0, -1}}) {
            assertThatThrownBy(() -> b.userIndex(outside[0], outside[1])).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("(" + outside[0] + ", " + outside[1] + ") is outside W of shape 2×3");
        }
    }

    @Test
    void aBlockShowsItsNameAndShape() {
        assertThat(ParameterBlock.of("b2", 5, 1, new double[5])).hasToString("b2 5×1");
    }
}
