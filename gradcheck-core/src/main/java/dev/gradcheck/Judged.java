package dev.gradcheck;

/**
 * How each entry of one component was judged: against which reference value, with what noise (standard deviation),
 * or why it was set aside. Made once by {@link Explanations#judge}; never changed.
 *
 * @param beyond      the judged entries that differ from their reference by more than {@link Noise#BOUND} standard
 *                    deviations, before any is set aside as non-generic
 * @param beyondCount how many of them
 */
record Judged(Status[] status, double[] ref, double[] sd, boolean[] beyond, int beyondCount) {

    enum Status {
        /** Not evaluated by this check (another shard's). */
        NOT_SELECTED(false),
        /** Judged against the central difference. */
        JUDGED(true),
        /** On a kink, judged against the one-sided slope the analytic value matches. */
        KINK_SLOPE(true),
        /** Judged against the Richardson extrapolation of the step and half the step (truncation shown). */
        RICHARDSON(true),
        /** On a kink, analytic value between the one-sided slopes: set aside. */
        KINK(false),
        /** Wrong at θ only: set aside. */
        NON_GENERIC(false);

        private final boolean judged;

        Status(boolean judged) {
            this.judged = judged;
        }

        boolean judged() {
            return judged;
        }
    }

    int count(Status s) {
        int n = 0;
        for (Status x : status) {
            n += x == s ? 1 : 0;
        }
        return n;
    }
}
