package dev.gradcheck.junit.jqwik;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import dev.gradcheck.ParameterBlock;

/**
 * The bodies of {@link Architectures}' arbitraries. Apart so that {@code Architectures} itself verifies and loads
 * without jqwik (its methods only pass these results on), and can say in a sentence that jqwik is missing.
 */
final class JqwikArbitraries {
    private JqwikArbitraries() {
    }


    /**
     * Depth 1-5, widths and input size 1-16, batch 1-16, any hidden activation per layer, any loss, λ₂ in [0, 1],
     * λ₁ in [0, 0.1], keep-prob in [0.5, 1], seed 0-1e6. Narrow it with the arbitrary's options.
     */
    static ArchitectureArbitrary architectures() {
        return new ArchitectureArbitrary();
    }

    /**
     * {@code size} values N(0, std²), truncated at ±4·std, from a generated seed. Such arrays shrink by their seed
     * only: the values stay at their realistic scale.
     */
    static Arbitrary<double[]> gaussian(int size, double std) {
        if (size < 0 || !(std >= 0)) {
            throw new IllegalArgumentException("gaussian(" + size + ", " + std + "): size ≥ 0 and std ≥ 0");
        }
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                double g;
                do {
                    g = r.nextGaussian();
                } while (Math.abs(g) > 4);
                v[i] = g * std;
            }
            return v;
        });
    }

    /**
     * A rows×cols weight matrix, row-major, with entries N(0, σ²) for σ = {@code scale.std(cols, rows)} (He:
     * √(2/n[l−1])): the scale of a freshly initialized layer with fan-in {@code cols}.
     */
    static Arbitrary<double[]> weights(int rows, int cols, WeightScale scale) {
        return gaussian(rows * cols, scale.std(cols, rows));
    }

    /** A bias column (rows×1) with small entries, N(0, 0.1²), as after a little training. */
    static Arbitrary<double[]> biases(int rows) {
        return gaussian(rows, 0.1);
    }

    /** A live {@link ParameterBlock} over fresh {@link #weights(int, int, WeightScale)}. */
    static Arbitrary<ParameterBlock> weightBlock(String name, int rows, int cols, WeightScale scale) {
        return weights(rows, cols, scale).map(d -> ParameterBlock.of(name, rows, cols, d));
    }

    /** W1, b1, W2, b2, ... for {@code a}, weights at {@code scale}, biases small. */
    static Arbitrary<List<ParameterBlock>> parameters(Architecture a, WeightScale scale) {
        int[] n = a.layerSizes();
        List<Arbitrary<ParameterBlock>> blocks = new ArrayList<>();
        for (int l = 1; l < n.length; l++) {
            int rows = n[l];
            blocks.add(weightBlock("W" + l, rows, n[l - 1], scale));
            String b = "b" + l;
            blocks.add(biases(rows).map(d -> ParameterBlock.of(b, rows, 1, d)));
        }
        return Combinators.combine(blocks).as(List::copyOf);
    }

    /**
     * An input batch X of {@code features}×{@code batch} (one example per column, row-major: X[k·batch + j] is feature
     * k of example j), normalized: entries N(0, 1) truncated to [−4, 4].
     */
    static Arbitrary<double[]> inputs(int features, int batch) {
        return gaussian(features * batch, 1);
    }

    /**
     * Labels Y of {@code outputs}×{@code batch} for {@code loss}: 0/1 entries for sigmoid cross-entropy, one-hot
     * columns for softmax cross-entropy, N(0, 1) values for MSE.
     */
    static Arbitrary<double[]> labels(Loss loss, int outputs, int batch) {
        return switch (loss) {
            case SIGMOID_CE -> Arbitraries.of(0.0, 1.0).array(double[].class).ofSize(outputs * batch);
            case MSE -> gaussian(outputs * batch, 1);
            case SOFTMAX_CE -> Arbitraries.integers().between(0, outputs - 1).list().ofSize(batch)
                    .map(classes -> {
                        double[] y = new double[outputs * batch];
                        for (int j = 0; j < batch; j++) {
                            y[classes.get(j) * batch + j] = 1;
                        }
                        return y;
                    });
        };
    }
}
