package dev.gradcheck.nets.practice;

import java.util.Locale;

/**
 * The bias/variance diagnosis of the notes, from the training error, the dev error and an estimate of the Bayes
 * (optimal) error: avoidable bias = train − Bayes, variance = dev − train. Each is "high" when it exceeds a
 * tolerance (default 2 percentage points).
 */
public final class BiasVariance {
    /** Gaps up to this size (as a fraction, 0.02 = 2 points) count as low. */
    public static final double DEFAULT_TOLERANCE = 0.02;

    private BiasVariance() {
    }

    /** The four cases of the notes. */
    public enum Kind {
        HIGH_VARIANCE("high variance: the model fits the training set but not the dev set; get more data, "
                + "regularize (L2, dropout), or try another architecture"),
        HIGH_BIAS("high bias: the model does not even fit the training set; use a bigger network, train longer, "
                + "or try another architecture"),
        HIGH_BIAS_AND_VARIANCE("high bias and high variance: fix the bias first (bigger network, longer "
                + "training), then the variance (more data, regularization)"),
        LOW_BIAS_AND_VARIANCE("low bias and low variance: both errors are close to the Bayes error");

        private final String advice;

        Kind(String advice) {
            this.advice = advice;
        }

        /** "high variance", "high bias and high variance", ...: the diagnosis in the notes' words. */
        public String label() {
            return advice.substring(0, advice.indexOf(':'));
        }

        public String advice() {
            return advice;
        }
    }

    /** The diagnosis with the numbers it rests on. */
    public record Diagnosis(double trainError, double devError, double bayesError, double avoidableBias,
                            double variance, Kind kind) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "train %.1f%%, dev %.1f%%, Bayes %.1f%%: avoidable bias %.1f%%, "
                            + "variance %.1f%% → %s", 100 * trainError, 100 * devError, 100 * bayesError,
                    100 * avoidableBias, 100 * variance, kind.advice());
        }
    }

    /** The diagnosis with a Bayes error of 0 (humans make almost no mistakes on the task). */
    public static Diagnosis diagnose(double trainError, double devError) {
        return diagnose(trainError, devError, 0, DEFAULT_TOLERANCE);
    }

    public static Diagnosis diagnose(double trainError, double devError, double bayesError) {
        return diagnose(trainError, devError, bayesError, DEFAULT_TOLERANCE);
    }

    /**
     * @param trainError training-set error, as a fraction (0.15 for 15%)
     * @param devError   dev-set error, as a fraction
     * @param bayesError the optimal error estimate, as a fraction (≤ trainError in practice)
     * @param tolerance  the largest gap that still counts as low
     */
    public static Diagnosis diagnose(double trainError, double devError, double bayesError, double tolerance) {
        for (double e : new double[] {trainError, devError, bayesError}) {
            if (!(e >= 0 && e <= 1)) {
                throw new IllegalArgumentException("errors are fractions in [0, 1], got " + e);
            }
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be ≥ 0, got " + tolerance);
        }
        double bias = trainError - bayesError;
        double variance = devError - trainError;
        boolean highBias = bias > tolerance;
        boolean highVariance = variance > tolerance;
        Kind kind = highBias ? (highVariance ? Kind.HIGH_BIAS_AND_VARIANCE : Kind.HIGH_BIAS)
                : highVariance ? Kind.HIGH_VARIANCE : Kind.LOW_BIAS_AND_VARIANCE;
        return new Diagnosis(trainError, devError, bayesError, bias, variance, kind);
    }
}
