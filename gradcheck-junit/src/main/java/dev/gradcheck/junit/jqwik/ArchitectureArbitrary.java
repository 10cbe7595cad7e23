package dev.gradcheck.junit.jqwik;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Generates {@link Architecture}s within bounds, shrinking toward shallow, narrow, small-batch, unregularized
 * networks without dropout: fewer hidden layers first, then width 1, batch 1, input size 1, λ 0, keep-prob 1, relu,
 * sigmoid cross-entropy, seed 0. Immutable: every option returns a new arbitrary.
 *
 * <pre>{@code
 * @Provide Arbitrary<Architecture> small() {
 *     return Architectures.architectures().depth(1, 3).widths(1, 8).losses(Loss.MSE).withoutDropout();
 * }
 * }</pre>
 */
public final class ArchitectureArbitrary extends ArbitraryDecorator<Architecture> {
    private int minDepth = 1;
    private int maxDepth = 5;
    private int minWidth = 1;
    private int maxWidth = 16;
    private int minInput = 1;
    private int maxInput = 16;
    private int minBatch = 1;
    private int maxBatch = 16;
    private List<Activation> activations = Activation.hidden();
    private List<Loss> losses = List.of(Loss.values());
    private double maxLambdaL2 = 1.0;
    private double maxLambdaL1 = 0.1;
    private double minKeepProb = 0.5;

    ArchitectureArbitrary() {
    }

    /** Layers with parameters (hidden + output), default 1 to 5. */
    public ArchitectureArbitrary depth(int min, int max) {
        check(min >= 1 && max >= min, "depth needs 1 ≤ min ≤ max, got " + min + ".." + max);
        ArchitectureArbitrary a = copy();
        a.minDepth = min;
        a.maxDepth = max;
        return a;
    }

    /** Width of every layer, default 1 to 16 (the output of softmax cross-entropy is at least 2). */
    public ArchitectureArbitrary widths(int min, int max) {
        check(min >= 1 && max >= min, "widths need 1 ≤ min ≤ max, got " + min + ".." + max);
        ArchitectureArbitrary a = copy();
        a.minWidth = min;
        a.maxWidth = max;
        return a;
    }

    /** Input features, default 1 to 16. */
    public ArchitectureArbitrary inputSize(int min, int max) {
        check(min >= 1 && max >= min, "input size needs 1 ≤ min ≤ max, got " + min + ".." + max);
        ArchitectureArbitrary a = copy();
        a.minInput = min;
        a.maxInput = max;
        return a;
    }

    /** Examples in the batch, default 1 to 16. */
    public ArchitectureArbitrary batchSize(int min, int max) {
        check(min >= 1 && max >= min, "batch size needs 1 ≤ min ≤ max, got " + min + ".." + max);
        ArchitectureArbitrary a = copy();
        a.minBatch = min;
        a.maxBatch = max;
        return a;
    }

    /** The hidden activations to choose from (shrinking prefers the first). Default: all of {@link Activation#hidden()}. */
    public ArchitectureArbitrary activations(Activation... choices) {
        check(choices.length > 0, "activations needs at least one choice");
        for (Activation c : choices) {
            check(c != Activation.SOFTMAX, "softmax is an output activation; choose it with Loss.SOFTMAX_CE");
        }
        ArchitectureArbitrary a = copy();
        a.activations = List.of(choices);
        return a;
    }

    /** The losses to choose from (shrinking prefers the first). Default: all. */
    public ArchitectureArbitrary losses(Loss... choices) {
        check(choices.length > 0, "losses needs at least one choice");
        ArchitectureArbitrary a = copy();
        a.losses = List.of(choices);
        return a;
    }

    /** λ₂ in [0, max] (default 1.0) and λ₁ in [0, max] (default 0.1); 0 turns a term off. */
    public ArchitectureArbitrary lambdas(double maxL2, double maxL1) {
        check(maxL2 >= 0 && maxL1 >= 0 && Double.isFinite(maxL2) && Double.isFinite(maxL1),
                "λ bounds must be finite and ≥ 0");
        ArchitectureArbitrary a = copy();
        a.maxLambdaL2 = maxL2;
        a.maxLambdaL1 = maxL1;
        return a;
    }

    /** λ₂ = λ₁ = 0. */
    public ArchitectureArbitrary withoutRegularization() {
        return lambdas(0, 0);
    }

    /** Keep-prob in [min, 1] (default 0.5); 1 is no dropout. */
    public ArchitectureArbitrary keepProb(double min) {
        check(min > 0 && min <= 1, "the smallest keep-prob must be in (0, 1], got " + min);
        ArchitectureArbitrary a = copy();
        a.minKeepProb = min;
        return a;
    }

    /** Keep-prob 1. */
    public ArchitectureArbitrary withoutDropout() {
        return keepProb(1);
    }

    /** Applies the bounds of an {@link ArchitectureBounds} annotation. */
    ArchitectureArbitrary with(ArchitectureBounds b) {
        ArchitectureArbitrary a = depth(b.minDepth(), b.maxDepth()).widths(b.minWidth(), b.maxWidth())
                .inputSize(b.minInputSize(), b.maxInputSize()).batchSize(b.minBatch(), b.maxBatch())
                .lambdas(b.maxLambdaL2(), b.maxLambdaL1()).keepProb(b.minKeepProb());
        if (b.activations().length > 0) {
            a = a.activations(b.activations());
        }
        if (b.losses().length > 0) {
            a = a.losses(b.losses());
        }
        return a;
    }

    private record Layer(int width, Activation activation) {
    }

    private record Shape(int input, List<Layer> hidden, Loss loss, int output) {
    }

    @Override
    protected Arbitrary<Architecture> arbitrary() {
        Arbitrary<Integer> input = Arbitraries.integers().between(minInput, maxInput);
        Arbitrary<List<Layer>> hidden = Combinators.combine(Arbitraries.integers().between(minWidth, maxWidth),
                        Arbitraries.of(activations)).as(Layer::new).list().ofMinSize(minDepth - 1)
                .ofMaxSize(maxDepth - 1);
        Arbitrary<Loss> loss = Arbitraries.of(losses);
        // The output width is min + k; k shrinks to 0, so the output shrinks to the loss's smallest width.
        Arbitrary<Integer> extra = Arbitraries.integers().between(0, maxWidth - minWidth);
        Arbitrary<Shape> shape = Combinators.combine(input, hidden, loss, extra).as((in, h, l, k) -> {
            int lo = Math.max(minWidth, l.minOutputs());
            int hi = Math.max(maxWidth, l.minOutputs());
            return new Shape(in, h, l, Math.min(hi, lo + k));
        });
        Arbitrary<Double> l2 = maxLambdaL2 == 0 ? Arbitraries.just(0.0)
                : Arbitraries.doubles().between(0, maxLambdaL2).ofScale(3);
        Arbitrary<Double> l1 = maxLambdaL1 == 0 ? Arbitraries.just(0.0)
                : Arbitraries.doubles().between(0, maxLambdaL1).ofScale(3);
        Arbitrary<Double> keep = minKeepProb == 1 ? Arbitraries.just(1.0)
                : Arbitraries.doubles().between(minKeepProb, 1).ofScale(2).shrinkTowards(1.0);
        Arbitrary<Integer> batch = Arbitraries.integers().between(minBatch, maxBatch);
        Arbitrary<Long> seed = Arbitraries.longs().between(0, 1_000_000);
        return Combinators.combine(shape, l2, l1, keep, batch, seed).as((s, lam2, lam1, kp, m, sd) -> {
            List<Integer> widths = new ArrayList<>();
            List<Activation> acts = new ArrayList<>();
            for (Layer layer : s.hidden()) {
                widths.add(layer.width());
                acts.add(layer.activation());
            }
            widths.add(s.output());
            acts.add(s.loss().outputActivation());
            return new Architecture(s.input(), widths, acts, s.loss(), lam2, lam1, kp, m, sd);
        });
    }

    private ArchitectureArbitrary copy() {
        ArchitectureArbitrary a = new ArchitectureArbitrary();
        a.minDepth = minDepth;
        a.maxDepth = maxDepth;
        a.minWidth = minWidth;
        a.maxWidth = maxWidth;
        a.minInput = minInput;
        a.maxInput = maxInput;
        a.minBatch = minBatch;
        a.maxBatch = maxBatch;
        a.activations = activations;
        a.losses = losses;
        a.maxLambdaL2 = maxLambdaL2;
        a.maxLambdaL1 = maxLambdaL1;
        a.minKeepProb = minKeepProb;
        return a;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return "Architectures[depth " + minDepth + ".." + maxDepth + ", widths " + minWidth + ".." + maxWidth
                + ", input " + minInput + ".." + maxInput + ", batch " + minBatch + ".." + maxBatch + ", activations "
                + activations + ", losses " + losses + ", λ2 ≤ " + maxLambdaL2 + ", λ1 ≤ " + maxLambdaL1
                + ", keep-prob ≥ " + minKeepProb + "]";
    }
}
