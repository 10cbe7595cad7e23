package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model-contract messages of {@link Validation} with the details {@link BadInputTest} leaves open: where a
 * duplicate name first appears, one extra gradient or several, an empty gradient, a copying model whose first value is
 * the one a naive probe would write, and that θ is put back when cost() changes it.
 */
class ValidationMessagesTest {

    static String failure(Differentiable model) {
        try {
            GradientCheck.of(model).run();
        } catch (GradientCheckException e) {
            return e.getMessage();
        }
        throw new AssertionError("no GradientCheckException");
    }

    @Test
    void aDuplicateNameIsPlacedAtBothOfItsPositions() {
        BadInputTest.Toy toy = new BadInputTest.Toy();
        toy.blocks = List.of(ParameterBlock.of("W", 2, 3, toy.w), ParameterBlock.of("b", 2, 1, toy.b),
                ParameterBlock.of("V", 1, 1, new double[1]), ParameterBlock.of("b", 2, 1, new double[2]));
        assertThat(failure(toy)).startsWith("two parameter blocks are named 'b' (positions 1 and 3)");
    }

    @Test
    void extraGradientsAreNamedInTheSingularOrThePlural() {
        BadInputTest.Toy one = new BadInputTest.Toy();
        one.gradients = () -> Gradients.builder().put("W", new double[6]).put("b", new double[2])
                .put("dW", new double[6]).build();
        assertThat(failure(one)).startsWith("gradients() has [dW] which is not among the parameter blocks [W, b]");
        BadInputTest.Toy two = new BadInputTest.Toy();
        two.gradients = () -> Gradients.builder().put("W", new double[6]).put("b", new double[2])
                .put("dW", new double[6]).put("db", new double[2]).build();
        assertThat(failure(two)).contains("which are not among the parameter blocks [W, b]");
    }

    @Test
    void anEmptyGradientIsAWrongShapeNotAWrongAxis() {
        BadInputTest.Toy empty = new BadInputTest.Toy();
        empty.gradients = () -> Gradients.builder().put("W", new double[6]).put("b", new double[0]).build();
        assertThat(failure(empty)).isEqualTo("db has 0 values but block b is 2×1 = 2 entries: the gradient must have "
                + "the block's shape, row-major");
        BadInputTest.Toy summed = new BadInputTest.Toy();
        summed.gradients = () -> Gradients.builder().put("W", new double[6]).put("b", new double[1]).build();
        assertThat(failure(summed)).endsWith("row-major (summed over the wrong axis?)");
    }

    @Test
    void aCopyingModelIsCaughtWhateverItsFirstValue() {
        // The probe writes a value other than the one there: for 1.0 that is −1.0, not 1.0 again.
        double[] w = {1.0, 2.0};
        Differentiable copying = new Differentiable() {
            @Override
            public List<ParameterBlock> parameters() {
                return List.of(ParameterBlock.of("w", 1, 2, w.clone()));
            }

            @Override
            public double cost() {
                return w[0] * w[0] + w[1];
            }

            @Override
            public Gradients gradients() {
                return Gradients.builder().put("w", new double[] {2 * w[0], 1}).build();
            }
        };
        assertThat(failure(copying)).contains("returns copies").contains("was set to -1.0 through one call's block")
                .contains("reads 1.0");
    }

    @Test
    void aCostThatChangesThetaIsRefusedAndThetaPutBack() {
        BadInputTest.Toy toy = new BadInputTest.Toy();
        toy.extraCost = () -> {
            toy.w[2] += 1;
            return 0.0;
        };
        assertThatThrownBy(() -> Validation.deterministicCost(toy, toy.blocks, Phase.INIT))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("cost() changed the parameters: W[0,2] was 2.0 before the call and 3.0 after");
        assertThat(toy.w[2]).isEqualTo(2.0);
    }
}
