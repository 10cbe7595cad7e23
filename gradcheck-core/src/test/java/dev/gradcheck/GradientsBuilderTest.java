package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The gradients a model hands back: what a missing array is called, and how a set of them shows itself. */
class GradientsBuilderTest {

    @Test
    void aNullGradientIsNamedWithItsBlock() {
        assertThatThrownBy(() -> Gradients.builder().put("W1", (double[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("gradient of block 'W1' is null");
        assertThatThrownBy(() -> Gradients.builder().put("w", 1, 1, (ParameterBlock.Getter) null))
                .isInstanceOf(NullPointerException.class).hasMessage("gradient of block 'w' is null");
    }

    @Test
    void theGradientsListTheirComponentsWithTheirLengthsInOrder() {
        Gradients g = Gradients.builder().put("W", new double[6]).put("b", new double[2]).build();
        assertThat(g).hasToString("Gradients[dW(6), db(2)]");
        assertThat(Gradients.builder().build()).hasToString("Gradients[]");
    }
}
