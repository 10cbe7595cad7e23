package dev.gradcheck;

/**
 * When a check ran: at the parameters as given ("init"), or after {@code steps} steps of training.
 *
 * @param steps training steps taken before this check; 0 for the check at the given parameters
 */
public record Phase(int steps) {

    public static final Phase INIT = new Phase(0);

    public Phase {
        if (steps < 0) {
            throw new IllegalArgumentException("training steps must be ≥ 0, got " + steps);
        }
    }

    public static Phase afterSteps(int steps) {
        return new Phase(steps);
    }

    public boolean isInitial() {
        return steps == 0;
    }

    /** {@code "init"} or {@code "after 100 steps"}: the label used in reports and test names. */
    public String label() {
        return steps == 0 ? "init" : "after " + steps + (steps == 1 ? " step" : " steps");
    }

    /** {@code "at initialization"} or {@code "after 100 training steps"}: for sentences. */
    public String description() {
        return steps == 0 ? "at initialization" : "after " + steps + (steps == 1 ? " training step" : " training steps");
    }

    @Override
    public String toString() {
        return label();
    }
}
