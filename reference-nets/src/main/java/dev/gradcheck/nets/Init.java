package dev.gradcheck.nets;

/**
 * Weight initialization: W[l] = N(0, 1) · scale with the scale of the notes; b[l] = 0.
 */
public enum Init {
    /** He: √(2/n[l−1]), for relu layers. */
    HE("he"),
    /** Xavier: √(1/n[l−1]), for tanh layers. */
    XAVIER("xavier"),
    /** Glorot: √(2/(n[l−1] + n[l])). */
    GLOROT("glorot");

    private final String label;

    Init(String label) {
        this.label = label;
    }

    /** The standard deviation of W[l]'s entries for a layer with {@code nIn} = n[l−1] inputs and {@code nOut} = n[l] units. */
    public double scale(int nIn, int nOut) {
        return switch (this) {
            case HE -> Math.sqrt(2.0 / nIn);
            case XAVIER -> Math.sqrt(1.0 / nIn);
            case GLOROT -> Math.sqrt(2.0 / (nIn + nOut));
        };
    }

    /** Fills {@code w} (n[l]×n[l−1]) with N(0, 1)·scale draws from {@code rng}. */
    public void fill(Matrix w, Rng rng) {
        double scale = scale(w.cols(), w.rows());
        double[] d = w.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian() * scale;
        }
    }

    /** The name used on the command line: he, xavier, glorot. */
    public String label() {
        return label;
    }

    /** The initializer called {@code label} (he, xavier, glorot). */
    public static Init fromLabel(String label) {
        for (Init i : values()) {
            if (i.label.equalsIgnoreCase(label)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown init '" + label + "': expected one of he, xavier, glorot");
    }
}
