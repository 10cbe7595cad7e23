package dev.gradcheck.junit.jqwik;

/**
 * Loss functions of an {@link Architecture}, engine-neutral. Each fixes the output layer's activation and the
 * smallest output width it makes sense with.
 */
public enum Loss {
    /** Binary (or multi-label) cross-entropy on a sigmoid output; labels 0/1. */
    SIGMOID_CE("sigmoid-ce", Activation.SIGMOID, 1),
    /** Categorical cross-entropy on a softmax output (≥ 2 classes); labels one-hot. */
    SOFTMAX_CE("softmax-ce", Activation.SOFTMAX, 2),
    /** Mean squared error, ½·mean‖a − y‖², on a linear output; labels real. */
    MSE("mse", Activation.LINEAR, 1);

    private final String cliName;
    private final Activation output;
    private final int minOutputs;

    Loss(String cliName, Activation output, int minOutputs) {
        this.cliName = cliName;
        this.output = output;
        this.minOutputs = minOutputs;
    }

    /** {@code sigmoid-ce}, {@code softmax-ce} or {@code mse}, as the command line's {@code --loss}. */
    public String cliName() {
        return cliName;
    }

    /** The output layer's activation. */
    public Activation outputActivation() {
        return output;
    }

    /** The smallest output width: 2 for softmax, else 1. */
    public int minOutputs() {
        return minOutputs;
    }

    /** The loss called {@code name} ({@code "softmax-ce"}, or the enum name). */
    public static Loss of(String name) {
        for (Loss l : values()) {
            if (l.cliName.equalsIgnoreCase(name) || l.name().equalsIgnoreCase(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'; known: sigmoid-ce, softmax-ce, mse");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
