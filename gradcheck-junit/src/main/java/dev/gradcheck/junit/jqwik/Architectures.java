package dev.gradcheck.junit.jqwik;

import java.util.List;

import net.jqwik.api.Arbitrary;

import dev.gradcheck.ParameterBlock;

/**
 * jqwik arbitraries for gradient checks: network {@link Architecture}s, parameter blocks at realistic scales, and
 * input batches. {@code @ForAll Architecture} uses {@link #architectures()} (bounded by {@link ArchitectureBounds}).
 *
 * <pre>{@code
 * @Property(tries = 50)
 * void everyNetworkPasses(@ForAll @ArchitectureBounds(maxDepth = 3) Architecture a) {
 *     GradCheckAssertions.assertThat(MyEngine.build(a)).passesGradientCheck();
 * }
 * }</pre>
 *
 * A failing property shrinks to the smallest network that still fails: fewest layers, width 1, batch 1, λ 0.
 */
public final class Architectures {
    private Architectures() {
    }

    /**
     * A sentence, not a {@code NoClassDefFoundError}, when jqwik is missing: gradcheck-junit declares it optional, so
     * that {@code @GradCheck} alone does not bring it.
     */
    private static void requireJqwik() {
        try {
            Class.forName("net.jqwik.api.Arbitrary", false, Architectures.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Architectures needs jqwik (net.jqwik:jqwik, 1.9.x), which is not on "
                    + "the classpath. Add it to your test dependencies (gradcheck-junit declares it optional, so that "
                    + "@GradCheck alone does not bring it).");
        }
    }

    /**
     * Depth 1-5, widths and input size 1-16, batch 1-16, any hidden activation per layer, any loss, λ₂ in [0, 1],
     * λ₁ in [0, 0.1], keep-prob in [0.5, 1], seed 0-1e6. Narrow it with the arbitrary's options.
     */
    public static ArchitectureArbitrary architectures() {
        requireJqwik();
        return JqwikArbitraries.architectures();
    }

    /**
     * {@code size} values N(0, std²), truncated at ±4·std, from a generated seed. Such arrays shrink by their seed
     * only: the values stay at their realistic scale.
     */
    public static Arbitrary<double[]> gaussian(int size, double std) {
        requireJqwik();
        return JqwikArbitraries.gaussian(size, std);
    }

    /**
     * A rows×cols weight matrix, row-major, with entries N(0, σ²) for σ = {@code scale.std(cols, rows)} (He:
     * √(2/n[l−1])): the scale of a freshly initialized layer with fan-in {@code cols}.
     */
    public static Arbitrary<double[]> weights(int rows, int cols, WeightScale scale) {
        requireJqwik();
        return JqwikArbitraries.weights(rows, cols, scale);
    }

    /** A bias column (rows×1) with small entries, N(0, 0.1²), as after a little training. */
    public static Arbitrary<double[]> biases(int rows) {
        requireJqwik();
        return JqwikArbitraries.biases(rows);
    }

    /** A live {@link ParameterBlock} over fresh {@link #weights(int, int, WeightScale)}. */
    public static Arbitrary<ParameterBlock> weightBlock(String name, int rows, int cols, WeightScale scale) {
        requireJqwik();
        return JqwikArbitraries.weightBlock(name, rows, cols, scale);
    }

    /** W1, b1, W2, b2, ... for {@code a}, weights at {@code scale}, biases small. */
    public static Arbitrary<List<ParameterBlock>> parameters(Architecture a, WeightScale scale) {
        requireJqwik();
        return JqwikArbitraries.parameters(a, scale);
    }

    /**
     * An input batch X of {@code features}×{@code batch} (one example per column, row-major: X[k·batch + j] is feature
     * k of example j), normalized: entries N(0, 1) truncated to [−4, 4].
     */
    public static Arbitrary<double[]> inputs(int features, int batch) {
        requireJqwik();
        return JqwikArbitraries.inputs(features, batch);
    }

    /**
     * Labels Y of {@code outputs}×{@code batch} for {@code loss}: 0/1 entries for sigmoid cross-entropy, one-hot
     * columns for softmax cross-entropy, N(0, 1) values for MSE.
     */
    public static Arbitrary<double[]> labels(Loss loss, int outputs, int batch) {
        requireJqwik();
        return JqwikArbitraries.labels(loss, outputs, batch);
    }
}
