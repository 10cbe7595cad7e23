package dev.gradcheck.junit;

import dev.gradcheck.junit.jqwik.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import dev.gradcheck.ParameterBlock;

/** The jqwik arbitraries: bounds, the {@code @ForAll Architecture} provider, realistic scales, and networks built from them. */
class ArchitecturesTest {

    @Property(tries = 300)
    void defaultArchitecturesStayWithinTheDocumentedBounds(@ForAll Architecture a) {
        assertThat(a.depth()).isBetween(1, 5);
        assertThat(a.inputSize()).isBetween(1, 16);
        assertThat(a.widths()).allSatisfy(w -> assertThat(w).isBetween(1, 16));
        assertThat(a.batchSize()).isBetween(1, 16);
        assertThat(a.lambdaL2()).isBetween(0.0, 1.0);
        assertThat(a.lambdaL1()).isBetween(0.0, 0.1);
        assertThat(a.keepProb()).isBetween(0.5, 1.0);
        assertThat(a.seed()).isBetween(0L, 1_000_000L);
        assertThat(a.activations()).hasSameSizeAs(a.widths());
        assertThat(a.activations().get(a.depth() - 1)).isEqualTo(a.loss().outputActivation());
        assertThat(a.hiddenActivations()).doesNotContain(Activation.SOFTMAX);
        assertThat(a.outputSize()).isGreaterThanOrEqualTo(a.loss().minOutputs());
        assertThat(a.layerSizes()).hasSize(a.depth() + 1);
    }

    @Property(tries = 200)
    void boundsAnnotationNarrowsTheSpace(@ForAll @ArchitectureBounds(maxDepth = 2, maxWidth = 3, maxInputSize = 2,
            maxBatch = 2, activations = Activation.TANH, losses = Loss.MSE, maxLambdaL2 = 0, maxLambdaL1 = 0,
            minKeepProb = 1) Architecture a) {
        assertThat(a.depth()).isBetween(1, 2);
        assertThat(a.widths()).allSatisfy(w -> assertThat(w).isBetween(1, 3));
        assertThat(a.inputSize()).isBetween(1, 2);
        assertThat(a.batchSize()).isBetween(1, 2);
        assertThat(a.hiddenActivations()).allMatch(x -> x == Activation.TANH);
        assertThat(a.loss()).isEqualTo(Loss.MSE);
        assertThat(a.regularized()).isFalse();
        assertThat(a.dropout()).isFalse();
    }

    @Provide
    Arbitrary<Architecture> softmaxOnly() {
        return Architectures.architectures().losses(Loss.SOFTMAX_CE).widths(1, 1).depth(3, 3);
    }

    @Property(tries = 50)
    void softmaxGetsAtLeastTwoOutputsEvenWhenWidthsAreOne(@ForAll("softmaxOnly") Architecture a) {
        assertThat(a.depth()).isEqualTo(3);
        assertThat(a.widths().subList(0, 2)).containsOnly(1);
        assertThat(a.outputSize()).isEqualTo(2);
        assertThat(a.activations().get(2)).isEqualTo(Activation.SOFTMAX);
    }

    @Provide
    Arbitrary<double[]> heWeights() {
        return Architectures.weights(32, 200, WeightScale.HE);
    }

    @Property(tries = 20)
    void weightsHaveTheHeScale(@ForAll("heWeights") double[] w) {
        double std = Math.sqrt(2.0 / 200);
        assertThat(w).hasSize(32 * 200);
        double sum2 = 0;
        for (double v : w) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(4 * std + 1e-12);
            sum2 += v * v;
        }
        assertThat(Math.sqrt(sum2 / w.length)).isBetween(0.95 * std, 1.05 * std);
    }

    @Provide
    Arbitrary<List<ParameterBlock>> blocks() {
        return Architectures.parameters(Architecture.of(Activation.RELU, Loss.SIGMOID_CE, 3, 1, 4, 5, 3,
                1), WeightScale.GLOROT);
    }

    @Property(tries = 20)
    void parametersFollowTheArchitecture(@ForAll("blocks") List<ParameterBlock> p) {
        assertThat(p).extracting(ParameterBlock::toString)
                .containsExactly("W1 5×4", "b1 5×1", "W2 3×5", "b2 3×1", "W3 1×3", "b3 1×1");
    }

    @Provide
    Arbitrary<double[]> oneHot() {
        return Architectures.labels(Loss.SOFTMAX_CE, 4, 6);
    }

    @Property(tries = 50)
    void softmaxLabelsAreOneHotColumns(@ForAll("oneHot") double[] y) {
        for (int j = 0; j < 6; j++) {
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                assertThat(y[i * 6 + j]).isIn(0.0, 1.0);
                sum += y[i * 6 + j];
            }
            assertThat(sum).isEqualTo(1.0);
        }
    }

    @Property(tries = 50)
    void inputsAreNormalized(@ForAll @IntRange(min = 1, max = 8) int features, @ForAll @IntRange(min = 1, max = 8)
            int batch) {
        double[] x = Architectures.inputs(features, batch).sample();
        assertThat(x).hasSize(features * batch);
        for (double v : x) {
            assertThat(v).isBetween(-4.0, 4.0);
        }
    }

    @Property(tries = 60, seed = "20261124")
    void everyGeneratedNetworkPassesTheGradientCheck(@ForAll @ArchitectureBounds(maxDepth = 4, maxWidth = 6,
            maxInputSize = 6, maxBatch = 6) Architecture a) {
        GradCheckAssertions.assertThat(DenseNet.build(a)).passesGradientCheck();
    }

    @Property(tries = 100)
    void architecturesAreValidAndDescribeThemselves(@ForAll Architecture a) {
        Architecture copy = new Architecture(a.inputSize(), a.widths(), a.activations(), a.loss(), a.lambdaL2(),
                a.lambdaL1(), a.keepProb(), a.batchSize(), a.seed());
        assertThat(copy).isEqualTo(a);
        assertThat(a.toString()).startsWith(a.layers().replace(',', '-') + " ").contains(a.loss().cliName())
                .contains("m=" + a.batchSize());
        int params = 0;
        int[] n = a.layerSizes();
        for (int l = 1; l < n.length; l++) {
            params += n[l] * n[l - 1] + n[l];
        }
        assertThat(a.parameterCount()).isEqualTo(params);
        assertThat(DenseNet.build(a).parameters().stream().mapToInt(ParameterBlock::size).sum()).isEqualTo(params);
    }
}
