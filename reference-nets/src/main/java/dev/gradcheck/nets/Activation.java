package dev.gradcheck.nets;

/**
 * The hidden-layer activations g, each with its derivative g' beside it: A = g(Z) and, in backprop,
 * dZ = dA ∘ g'(Z). Derivatives are taken from Z (the value before the activation), never from A.
 */
public enum Activation {
    /** g(z) = max(0, z); g'(z) = 1 for z &gt; 0, else 0 (the subgradient 0 at the kink z = 0). */
    RELU("relu") {
        @Override
        public double g(double z) {
            return z > 0 ? z : 0;
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1 : 0;
        }

        @Override
        void apply(double[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                double z = values[i];
                values[i] = z > 0 ? z : 0;
            }
        }
    },
    /** g(z) = max(0.01·z, z); g'(z) = 1 for z &gt; 0, else 0.01. */
    LEAKY_RELU("leaky-relu") {
        @Override
        public double g(double z) {
            return z > 0 ? z : LEAK * z;
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1 : LEAK;
        }

        @Override
        void apply(double[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                double z = values[i];
                values[i] = z > 0 ? z : LEAK * z;
            }
        }
    },
    /** g(z) = tanh z; g'(z) = 1 − tanh²z. */
    TANH("tanh") {
        @Override
        public double g(double z) {
            return Math.tanh(z);
        }

        @Override
        public double derivative(double z) {
            double a = Math.tanh(z);
            return 1 - a * a;
        }
    },
    /** g(z) = σ(z) = 1/(1 + e^−z); g'(z) = σ(z)(1 − σ(z)). */
    SIGMOID("sigmoid") {
        @Override
        public double g(double z) {
            return sigmoid(z);
        }

        @Override
        public double derivative(double z) {
            double s = sigmoid(z);
            return s * (1 - s);
        }
    },
    /** g(z) = z; g'(z) = 1. */
    LINEAR("linear") {
        @Override
        public double g(double z) {
            return z;
        }

        @Override
        public double derivative(double z) {
            return 1;
        }

        @Override
        void apply(double[] values, int from, int to) {
        }
    };

    /** The slope of leaky relu for z ≤ 0. */
    public static final double LEAK = 0.01;

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    /** g(z). */
    public abstract double g(double z);

    /** g'(z). */
    public abstract double derivative(double z);

    /** values[from..to) = g(values[from..to)) in place, the same doubles as {@link #g} one by one. */
    void apply(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = g(values[i]);
        }
    }

    /**
     * Whether g is linear on each side of z = 0 (relu, leaky relu) or everywhere (linear): a layer of it is then an
     * affine function of its input as long as no unit's Z changes side of 0.
     */
    boolean piecewiseLinear() {
        return this == RELU || this == LEAKY_RELU || this == LINEAR;
    }

    /** Whether g has a kink at z = 0, where its slope changes (relu, leaky relu). */
    boolean kinkAtZero() {
        return this == RELU || this == LEAKY_RELU;
    }

    /** The name used on the command line: relu, leaky-relu, tanh, sigmoid, linear. */
    public String label() {
        return label;
    }

    /** The activation called {@code label} (relu, leaky-relu, tanh, sigmoid, linear). */
    public static Activation fromLabel(String label) {
        for (Activation a : values()) {
            if (a.label.equalsIgnoreCase(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + label + "': expected one of relu, leaky-relu, "
                + "tanh, sigmoid, linear");
    }

    /** σ(z), computed without overflow for large |z|. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
