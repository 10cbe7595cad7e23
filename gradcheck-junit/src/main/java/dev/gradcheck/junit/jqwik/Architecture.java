package dev.gradcheck.junit.jqwik;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A plain description of a fully connected network that any engine can build: what jqwik generates for
 * {@code @ForAll Architecture} (see {@link Architectures}).
 *
 * <p>Layer l = 1..L has {@code widths.get(l-1)} units and activation {@code activations.get(l-1)}; the last layer is
 * the output, whose activation is the loss's ({@link Loss#outputActivation()}). Examples are columns: X is
 * inputSize×batchSize.
 *
 * @param inputSize   n[0], the number of input features (≥ 1)
 * @param widths      n[1] … n[L], the widths of the hidden layers and then the output layer (L ≥ 1 entries, each ≥ 1)
 * @param activations the activation of each layer, same length as {@code widths}; the last one is the loss's
 * @param loss        the loss
 * @param lambdaL2    λ of the L2 term λ/2m·Σ‖W[l]‖²_F (0 for none)
 * @param lambdaL1    λ of the L1 term λ/m·Σ|W[l]| (0 for none)
 * @param keepProb    dropout keep-probability of the hidden layers, in (0, 1]; 1 is no dropout
 * @param batchSize   m, the number of examples in the fixed batch (≥ 1)
 * @param seed        seed for the engine's initialization, data and dropout masks
 */
public record Architecture(int inputSize, List<Integer> widths, List<Activation> activations, Loss loss,
                           double lambdaL2, double lambdaL1, double keepProb, int batchSize, long seed) {

    public Architecture {
        Objects.requireNonNull(widths, "widths");
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(loss, "loss");
        widths = List.copyOf(widths);
        activations = List.copyOf(activations);
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be ≥ 1, got " + inputSize);
        }
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least the output layer: widths is empty");
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("every layer width must be ≥ 1, got " + widths);
            }
        }
        if (activations.size() != widths.size()) {
            throw new IllegalArgumentException("one activation per layer: " + widths.size() + " widths but "
                    + activations.size() + " activations");
        }
        Activation out = activations.get(activations.size() - 1);
        if (out != loss.outputActivation()) {
            throw new IllegalArgumentException("loss " + loss + " needs a " + loss.outputActivation()
                    + " output layer, got " + out);
        }
        for (int l = 0; l < activations.size() - 1; l++) {
            if (activations.get(l) == Activation.SOFTMAX) {
                throw new IllegalArgumentException("softmax is an output activation; hidden layer " + (l + 1)
                        + " has it");
            }
        }
        if (widths.get(widths.size() - 1) < loss.minOutputs()) {
            throw new IllegalArgumentException(loss + " needs at least " + loss.minOutputs() + " outputs, got "
                    + widths.get(widths.size() - 1));
        }
        if (!(lambdaL2 >= 0) || !Double.isFinite(lambdaL2) || !(lambdaL1 >= 0) || !Double.isFinite(lambdaL1)) {
            throw new IllegalArgumentException("λ must be finite and ≥ 0, got L2 " + lambdaL2 + ", L1 " + lambdaL1);
        }
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("keepProb must be in (0, 1], got " + keepProb);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be ≥ 1, got " + batchSize);
        }
    }

    /**
     * A network with the same activation on every hidden layer, no regularization, no dropout: {@code layers} is
     * input size first, then every layer's width ({@code 4, 5, 3, 1}).
     */
    public static Architecture of(Activation hidden, Loss loss, int batchSize, long seed, int... layers) {
        if (layers.length < 2) {
            throw new IllegalArgumentException("layers needs the input size and at least the output width");
        }
        List<Integer> widths = new ArrayList<>();
        List<Activation> acts = new ArrayList<>();
        for (int l = 1; l < layers.length; l++) {
            widths.add(layers[l]);
            acts.add(l == layers.length - 1 ? loss.outputActivation() : hidden);
        }
        return new Architecture(layers[0], widths, acts, loss, 0, 0, 1, batchSize, seed);
    }

    /** L, the number of layers with parameters (hidden layers plus the output layer). */
    public int depth() {
        return widths.size();
    }

    /** n[L]. */
    public int outputSize() {
        return widths.get(widths.size() - 1);
    }

    /** n[0], n[1], …, n[L]: input size first, as the command line's {@code --layers}. */
    public int[] layerSizes() {
        int[] n = new int[widths.size() + 1];
        n[0] = inputSize;
        for (int l = 0; l < widths.size(); l++) {
            n[l + 1] = widths.get(l);
        }
        return n;
    }

    /** The activations of the hidden layers (all but the output). */
    public List<Activation> hiddenActivations() {
        return activations.subList(0, activations.size() - 1);
    }

    /** Σ n[l]·(n[l−1] + 1): the number of scalar parameters (W and b of every layer). */
    public int parameterCount() {
        int[] n = layerSizes();
        int count = 0;
        for (int l = 1; l < n.length; l++) {
            count += n[l] * (n[l - 1] + 1);
        }
        return count;
    }

    /** True when λ₂ or λ₁ is above 0. */
    public boolean regularized() {
        return lambdaL2 > 0 || lambdaL1 > 0;
    }

    /** True when keepProb is below 1. */
    public boolean dropout() {
        return keepProb < 1;
    }

    /** {@code "4,5,3,1"}: the layer sizes as the command line's {@code --layers} takes them. */
    public String layers() {
        return java.util.Arrays.stream(layerSizes()).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    /** E.g. {@code 4-5-3-1 relu,tanh sigmoid-ce m=3 λ2=0.7 seed=7}: short enough for a test name. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(java.util.Arrays.stream(layerSizes()).mapToObj(Integer::toString).collect(Collectors.joining("-")));
        if (!hiddenActivations().isEmpty()) {
            s.append(' ').append(hiddenActivations().stream().map(Activation::toString)
                    .collect(Collectors.joining(",")));
        }
        s.append(' ').append(loss).append(" m=").append(batchSize);
        if (lambdaL2 > 0) {
            s.append(" λ2=").append(fmt(lambdaL2));
        }
        if (lambdaL1 > 0) {
            s.append(" λ1=").append(fmt(lambdaL1));
        }
        if (keepProb < 1) {
            s.append(" keep=").append(fmt(keepProb));
        }
        return s.append(" seed=").append(seed).toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "");
    }
}
