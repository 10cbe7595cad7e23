package dev.gradcheck;

/**
 * What a gradient check concludes, from the relative-norm ratio
 * ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂).
 *
 * <p>Default bands (configurable with {@link Thresholds}): {@code GOOD} below 1e-6 (the course's "≈1e-7"),
 * {@code BUG} at 1e-3 or more, {@code INSPECT} in between. The checker drills an overall {@code INSPECT} down
 * to the components itself and turns it into {@code BUG} when one of them stands out.
 */
public enum Verdict {
    /** The analytic gradient agrees with the numerical one to within finite-difference error. */
    GOOD,
    /** Agreement is worse than finite differences explain, but no component stands out as wrong. */
    INSPECT,
    /** The analytic gradient is wrong. */
    BUG;

    /** The worse of two verdicts (BUG over INSPECT over GOOD). */
    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
