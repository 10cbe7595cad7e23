package dev.gradcheck;

/**
 * Where the verdict bands lie. {@code GOOD} when ratio &lt; {@code good}, {@code BUG} when ratio ≥ {@code bug},
 * {@code INSPECT} between. The checker's judgement turns the INSPECT band into BUG when the difference is beyond what
 * J's measured noise allows, and leaves INSPECT only for what it could not resolve (see {@code docs/checking.md}).
 *
 * @param good     upper bound of GOOD, exclusive (default 1e-6)
 * @param bug      lower bound of BUG, inclusive (default 1e-3)
 * @param standOut kept for configurations written before the measured noise model, which made a component "stand out"
 *                 at this many times the others' ratio; the verdict no longer uses it (default 100)
 */
public record Thresholds(double good, double bug, double standOut) {

    /** The course's bands: GOOD &lt; 1e-6 ≤ INSPECT &lt; 1e-3 ≤ BUG, stand-out factor 100. */
    public static final Thresholds DEFAULT = new Thresholds(1e-6, 1e-3, 100);

    public Thresholds {
        if (!(good > 0) || !(bug > good) || !Double.isFinite(bug)) {
            throw new IllegalArgumentException("thresholds need 0 < good < bug (finite), got good = " + good
                    + ", bug = " + bug);
        }
        if (!(standOut > 1) || !Double.isFinite(standOut)) {
            throw new IllegalArgumentException("the stand-out factor must be a finite number > 1, got " + standOut);
        }
    }

    /** The band a ratio falls in. NaN is a BUG. */
    public Verdict verdictOf(double ratio) {
        if (!(ratio < bug)) {
            return Verdict.BUG;
        }
        return ratio < good ? Verdict.GOOD : Verdict.INSPECT;
    }

    public Thresholds withGood(double newGood) {
        return new Thresholds(newGood, bug, standOut);
    }

    public Thresholds withBug(double newBug) {
        return new Thresholds(good, newBug, standOut);
    }

    public Thresholds withStandOut(double factor) {
        return new Thresholds(good, bug, factor);
    }
}
