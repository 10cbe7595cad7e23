package dev.gradcheck.junit.jqwik;

import java.util.List;

/**
 * Activation functions of an {@link Architecture}, engine-neutral: an engine maps them to its own. The hidden ones
 * are {@link #hidden()}; {@link #SOFTMAX} only ever appears on the output layer.
 */
public enum Activation {
    RELU("relu"),
    LEAKY_RELU("leaky-relu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    LINEAR("linear"),
    /** Output layer of softmax cross-entropy only. */
    SOFTMAX("softmax");

    private final String cliName;

    Activation(String cliName) {
        this.cliName = cliName;
    }

    /** The name the command line and reports use: {@code relu}, {@code leaky-relu}, {@code tanh}, ... */
    public String cliName() {
        return cliName;
    }

    /** The activations a hidden layer may have, in shrinking order (a failing property shrinks toward RELU). */
    public static List<Activation> hidden() {
        return List.of(RELU, LEAKY_RELU, TANH, SIGMOID, LINEAR);
    }

    /** The activation called {@code name} ({@code "leaky-relu"}, or the enum name). */
    public static Activation of(String name) {
        for (Activation a : values()) {
            if (a.cliName.equalsIgnoreCase(name) || a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; known: relu, leaky-relu, tanh, "
                + "sigmoid, linear, softmax");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
