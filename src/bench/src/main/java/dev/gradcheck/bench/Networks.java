package dev.gradcheck.bench;

import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Loss;
import dev.gradcheck.nets.Network;

import java.util.Arrays;

/**
 * The benchmark networks, built exactly as {@code gradcheck.jar check --layers ... --batch 64 --lambda 0.7} builds
 * them: relu hidden layers, sigmoid cross-entropy output, L2 λ = 0.7, He init, seed 1, a synthetic batch of 64.
 */
public final class Networks {
    /** The four networks of docs/performance.md, smallest first. */
    public static final String[] SIZES = {"4-5-3-1", "10-100-25-1", "100-100-100-10", "784-128-64-10"};
    /** The batch size m of every benchmark network. */
    public static final int BATCH = 64;
    /** λ of the L2 penalty. */
    public static final double LAMBDA = 0.7;

    private Networks() {
    }

    /**
     * Layer sizes from "784-128-64-10" or "784,128,64,10" (JMH splits {@code -p} values at commas, so benchmark
     * parameters use dashes).
     */
    public static int[] parse(String spec) {
        String[] parts = spec.trim().split("[-,x]");
        int[] n = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            n[i] = Integer.parseInt(parts[i].trim());
        }
        if (n.length < 2) {
            throw new IllegalArgumentException("need at least two layer sizes, got " + spec);
        }
        return n;
    }

    /** The network for a spec, as the CLI's {@code check} builds it with {@code --batch 64 --lambda 0.7}. */
    public static Network build(String spec) {
        return build(parse(spec));
    }

    public static Network build(int[] layers) {
        return build(layers, Activation.RELU);
    }

    /** The same network with another hidden activation (the CLI's {@code --activation}). */
    public static Network build(int[] layers, Activation hidden) {
        return Network.builder().layers(layers).activation(hidden).loss(Loss.SIGMOID_CE).lambda(LAMBDA)
                .batch(BATCH).seed(1).build();
    }

    /** "784,128,64,10": the CLI's spelling. */
    public static String commas(int[] layers) {
        return String.join(",", Arrays.stream(layers).mapToObj(Integer::toString).toArray(String[]::new));
    }
}
