package dev.gradcheck.junit.jqwik;

/** Initialization scales: the standard deviation of a weight of a layer with fan-in n[l−1] and fan-out n[l]. */
public enum WeightScale {
    /** √(2/n[l−1]), for relu layers. */
    HE("he"),
    /** √(1/n[l−1]), for tanh layers. */
    XAVIER("xavier"),
    /** √(2/(n[l−1] + n[l])). */
    GLOROT("glorot");

    private final String cliName;

    WeightScale(String cliName) {
        this.cliName = cliName;
    }

    /** {@code he}, {@code xavier} or {@code glorot}, as the command line's {@code --init}. */
    public String cliName() {
        return cliName;
    }

    /** The standard deviation for a layer with {@code fanIn} inputs and {@code fanOut} units. */
    public double std(int fanIn, int fanOut) {
        return switch (this) {
            case HE -> Math.sqrt(2.0 / fanIn);
            case XAVIER -> Math.sqrt(1.0 / fanIn);
            case GLOROT -> Math.sqrt(2.0 / (fanIn + fanOut));
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
