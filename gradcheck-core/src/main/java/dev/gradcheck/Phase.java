package dev.gradcheck;

import java.util.Locale;

/**
 * When and how a check ran: at the parameters as given ("init") or after {@code steps} steps of training; with
 * dropout off (keep-prob forced to 1, the default) or with dropout on and its masks frozen at {@code keepProb}.
 *
 * @param steps    training steps taken before this check; 0 for the check at the given parameters
 * @param keepProb 1.0 for a check with dropout off; below 1, the keep-prob of a check with frozen masks
 */
public record Phase(int steps, double keepProb) {

    public static final Phase INIT = new Phase(0, 1.0);

    public Phase {
        if (steps < 0) {
            throw new IllegalArgumentException("training steps must be ≥ 0, got " + steps);
        }
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("keep-prob must be in (0, 1], got " + keepProb);
        }
    }

    public Phase(int steps) {
        this(steps, 1.0);
    }

    public static Phase afterSteps(int steps) {
        return new Phase(steps, 1.0);
    }

    /** The check of dropout's own backprop: masks drawn once and reused, keep-prob {@code keepProb}. */
    public static Phase frozenMasks(int steps, double keepProb) {
        return new Phase(steps, keepProb);
    }

    public boolean isInitial() {
        return steps == 0;
    }

    /** True for a check with dropout on and frozen masks. */
    public boolean isFrozenDropout() {
        return keepProb < 1;
    }

    /** {@code "init"}, {@code "after 100 steps"}, {@code "init, dropout 0.8 frozen"}: for reports and test names. */
    public String label() {
        String base = steps == 0 ? "init" : "after " + steps + (steps == 1 ? " step" : " steps");
        return keepProb < 1 ? base + ", dropout " + fmt(keepProb) + " frozen" : base;
    }

    /** {@code "at initialization"} or {@code "after 100 training steps"}: for sentences. */
    public String description() {
        String base = steps == 0 ? "at initialization"
                : "after " + steps + (steps == 1 ? " training step" : " training steps");
        return keepProb < 1 ? base + " with dropout masks frozen at keep-prob " + fmt(keepProb) : base;
    }

    private static String fmt(double p) {
        return String.format(Locale.ROOT, "%s", p);
    }

    @Override
    public String toString() {
        return label();
    }
}
