package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradcheck.LayeredNet.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Layered} model may say about its layers: the facts of one layer are checked when they are made (sizes,
 * keep-prob, the lengths of the forward values, g and g' together), and the facts of the model against its blocks
 * when a check uses them (names that exist, shapes that match, each block in one layer). Each mistake has its own
 * message, which names what is wrong and the numbers on both sides.
 */
class LayerFactsTest {

    static final DoubleUnaryOperator TANH = Math::tanh;
    static final DoubleUnaryOperator TANH_SLOPE = z -> 1 - Math.tanh(z) * Math.tanh(z);

    /** Layer 2 of 3 units over 2 inputs, m = 4, with the given values. */
    static LayerFacts layer2(double[] input, double[] z, double[] mask, double keep) {
        return new LayerFacts(2, "W2", "b2", 3, 2, 4, input, z, "tanh", TANH, TANH_SLOPE, mask, keep);
    }

    @Test
    void sizesMustBePositive() {
        assertThatThrownBy(() -> new LayerFacts(0, "W", "b", 3, 2, 4, null, null, null, null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layer facts need layer ≥ 1, units ≥ 1, "
                        + "inputs ≥ 1 and m ≥ 1, got layer 0, 3 units, 2 inputs, m 4");
        assertThatThrownBy(() -> new LayerFacts(1, "W", "b", 0, 2, 4, null, null, null, null, null, null, 1))
                .hasMessageContaining("got layer 1, 0 units, 2 inputs, m 4");
        assertThatThrownBy(() -> new LayerFacts(1, "W", "b", 3, 0, 4, null, null, null, null, null, null, 1))
                .hasMessageContaining("got layer 1, 3 units, 0 inputs, m 4");
        assertThatThrownBy(() -> new LayerFacts(1, "W", "b", 3, 2, 0, null, null, null, null, null, null, 1))
                .hasMessageContaining("got layer 1, 3 units, 2 inputs, m 0");
        // The smallest legal layer: one unit of one input, one example.
        assertThat(new LayerFacts(1, "W", "b", 1, 1, 1, null, null, null, null, null, null, 1).output()).isTrue();
    }

    @Test
    void keepProbMustBeInZeroToOne() {
        for (double keep : new double[] {0, -0.5, 1.0000001, Double.NaN}) {
            assertThatThrownBy(() -> layer2(null, null, null, keep)).as("keep %s", keep)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("layer 2: keep-prob must be in (0, 1], got " + keep);
        }
        assertThat(layer2(null, null, null, 1).keepProb()).isEqualTo(1);
        assertThat(layer2(null, null, null, Double.MIN_VALUE).keepProb()).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void theForwardValuesMustHaveTheLayersShape() {
        assertThatThrownBy(() -> layer2(new double[7], null, null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 2: A[1] has 7 values, expected 2×4 = 8");
        assertThatThrownBy(() -> layer2(null, new double[8], null, 1))
                .hasMessage("layer 2: Z[2] has 8 values, expected 3×4 = 12");
        assertThatThrownBy(() -> layer2(null, null, new double[13], 0.5))
                .hasMessage("layer 2: the mask D[2] has 13 values, expected 3×4 = 12");
        LayerFacts f = layer2(new double[8], new double[12], new double[12], 0.5);
        assertThat(f.hasValues()).isTrue();
        assertThat(layer2(new double[8], null, null, 1).hasValues()).as("Z missing").isFalse();
        assertThat(layer2(null, new double[12], null, 1).hasValues()).as("A missing").isFalse();
    }

    @Test
    void gAndItsDerivativeComeTogether() {
        assertThatThrownBy(() -> new LayerFacts(2, "W2", "b2", 3, 2, 4, null, null, "tanh", TANH, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 2: give both g and g' or neither");
        assertThatThrownBy(() -> new LayerFacts(2, "W2", "b2", 3, 2, 4, null, null, "tanh", null, TANH_SLOPE, null,
                1)).hasMessage("layer 2: give both g and g' or neither");
        assertThat(layer2(null, null, null, 1).output()).as("a hidden layer has g").isFalse();
    }

    @Test
    void aMaskDropsSomethingOnlyWithAZeroAndAKeepProbBelowOne() {
        double[] ones = new double[12];
        java.util.Arrays.fill(ones, 1);
        double[] oneZero = ones.clone();
        oneZero[11] = 0;
        assertThat(layer2(null, null, oneZero, 0.8).dropsSomething()).isTrue();
        assertThat(layer2(null, null, ones, 0.8).dropsSomething()).as("every unit kept").isFalse();
        assertThat(layer2(null, null, oneZero, 1).dropsSomething()).as("dropout off").isFalse();
        assertThat(layer2(null, null, null, 0.8).dropsSomething()).as("no mask").isFalse();
    }

    @Test
    void aLayerOwnsItsTwoBlocksOnly() {
        LayerFacts f = layer2(null, null, null, 1);
        assertThat(f.owns("W2")).isTrue();
        assertThat(f.owns("b2")).isTrue();
        assertThat(f.owns("W1")).isFalse();
        LayerFacts noBias = new LayerFacts(2, "W2", null, 3, 2, 4, null, null, null, null, null, null, 1);
        assertThat(noBias.owns("W2")).isTrue();
        assertThat(noBias.owns("b2")).isFalse();
    }

    // ---- the facts against the model's blocks, when a check uses them ----

    /** The small net's facts with layer {@code l} replaced by {@code change} of it. */
    static LayeredNet changed(int l, UnaryOperator<LayerFacts> change) {
        return LayeredNet.small(Activation.TANH).facts(fs -> {
            List<LayerFacts> out = new ArrayList<>(fs);
            out.set(l - 1, change.apply(fs.get(l - 1)));
            return out;
        });
    }

    static LayerFacts with(LayerFacts f, String weights, String bias, int units, int inputs) {
        return new LayerFacts(f.layer(), weights, bias, units, inputs, f.m(), null, null, f.activation(), f.g(),
                f.slope(), null, f.keepProb());
    }

    static void fails(Differentiable model, String message) {
        assertThatThrownBy(() -> GradientCheck.of(model).run()).isInstanceOf(GradientCheckException.class)
                .hasMessage(message);
    }

    @Test
    void nullFactsAreAnError() {
        fails(LayeredNet.small(Activation.TANH).facts(fs -> null), "layerFacts() returned null: return an empty list "
                + "when the model cannot say what its layers are");
    }

    @Test
    void aBlockNameTheModelDoesNotHaveIsAnError() {
        assertThatThrownBy(() -> GradientCheck.of(changed(1, f -> with(f, "V1", "b1", 5, 6))).run())
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("layerFacts() names block 'V1' for layer 1, but the model has no such block "
                        + "(its blocks are ")
                .hasMessageContaining("W1").hasMessageContaining("b3");
        assertThatThrownBy(() -> GradientCheck.of(changed(2, f -> with(f, "W2", "c2", 5, 5))).run())
                .hasMessageStartingWith("layerFacts() names block 'c2' for layer 2");
    }

    @Test
    void aShapeThatDoesNotMatchTheBlockIsAnError() {
        fails(changed(1, f -> with(f, "W1", "b1", 4, 6)), "layerFacts() says layer 1's block W1 is 4×6, but the "
                + "block is 5×6");
        fails(changed(1, f -> with(f, "W1", "b1", 5, 7)), "layerFacts() says layer 1's block W1 is 5×7, but the "
                + "block is 5×6");
        fails(changed(1, f -> with(f, null, "b1", 4, 6)), "layerFacts() says layer 1's block b1 is 4×1, but the "
                + "block is 5×1");
    }

    @Test
    void aBlockInTwoLayersIsAnError() {
        fails(changed(2, f -> with(f, "W2", "b1", 5, 5)), "layerFacts() names block b1 in two layers");
    }

    @Test
    void factsWithoutSomeBlocksAreAccepted() {
        // A layer may leave its bias out, and the facts may describe fewer layers than the model has.
        GradCheckReport r = GradientCheck.of(changed(3, f -> with(f, "W3", null, 1, 5))).run();
        assertThat(r.verdict()).isEqualTo(Verdict.GOOD);
    }
}
