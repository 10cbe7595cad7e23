package dev.gradcheck.junit;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.Shard;
import dev.gradcheck.Thresholds;
import dev.gradcheck.Trainable;

/**
 * The settings of one {@code @GradCheck} method: each attribute, else the JUnit configuration parameter
 * {@code gradcheck.*}, else the built-in default.
 *
 * @param trainingSteps -1 means "the default": {@link #DEFAULT_TRAINING_STEPS} for a {@link Trainable} model, else 0
 * @param shard         the slice of θ this run checks ({@code gradcheck.shard=k/n}), or {@code null} for all of it
 * @param print         {@code gradcheck.report.print}: failures (default), all or none
 * @param progress      {@code gradcheck.progress}: the progress line of long checks (default true)
 * @param budget        {@code gradcheck.budget}: the per-phase budget, or {@code null} for GradientCheck's default
 */
record CheckConfig(double epsilon, Thresholds thresholds, int trainingSteps, boolean trainingStepsExplicit,
                   boolean strict, int worstEntries, int fast, boolean precise, long seed, Path reportDir, Shard shard,
                   Print print, boolean progress, Budget budget) {

    /**
     * A per-phase budget: {@code 20000} cost evaluations, {@code 30s} of time, {@code 0} or {@code none} for no budget
     * (always the full check). See {@link GradientCheck#budget(long)}.
     *
     * @param time null for a budget in evaluations
     */
    record Budget(long evaluations, java.time.Duration time) {

        static Budget parse(String raw) {
            String v = raw.trim().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
            if (v.equals("none")) {
                return new Budget(0, null);
            }
            if (v.endsWith("s")) {
                double seconds = Double.parseDouble(v.substring(0, v.length() - 1).trim());
                if (!(seconds > 0) || Double.isInfinite(seconds)) {
                    throw new IllegalArgumentException(raw);
                }
                return new Budget(0, java.time.Duration.ofNanos((long) (seconds * 1e9)));
            }
            long evaluations = Long.parseLong(v);
            if (evaluations < 0) {
                throw new IllegalArgumentException(raw);
            }
            return new Budget(evaluations, null);
        }

        GradientCheck applyTo(GradientCheck check) {
            return time != null ? check.budget(time) : check.budget(evaluations);
        }
    }

    /** {@code gradcheck.report.print}: which reports go to the test's standard output. */
    enum Print {
        /** The full text for a check that fails, one summary line for one that passes (the default). */
        FAILURES,
        /** The full text for every check. */
        ALL,
        /** Nothing (the report files and the failing nodes' messages still have it all). */
        NONE
    }

    static final String PREFIX = "gradcheck.";
    static final int DEFAULT_TRAINING_STEPS = 100;
    static final String DEFAULT_REPORT_DIR = "target/gradcheck";

    /** Resolves the annotation against the configuration parameters; a bad value is a configuration error. */
    static CheckConfig resolve(GradCheck a, Function<String, Optional<String>> config, String where) {
        double epsilon = Double.isNaN(a.epsilon())
                ? config(config, "epsilon", Double::parseDouble, "a number such as 1e-7")
                .orElse(GradientCheck.DEFAULT_EPSILON) : a.epsilon();
        String epsilonSource = Double.isNaN(a.epsilon()) ? "configuration parameter gradcheck.epsilon"
                : "@GradCheck(epsilon = " + a.epsilon() + ")";
        if (!(epsilon > 0)) {
            throw new ExtensionConfigurationException(where + ": ε must be greater than 0, but " + epsilonSource
                    + " gives " + epsilon + ". Use a step such as 1e-7 (the default), or leave it out.");
        }
        if (epsilon > GradientCheck.MAX_EPSILON) {
            throw new ExtensionConfigurationException(where + ": ε = " + epsilon + " from " + epsilonSource
                    + " is larger than " + GradientCheck.MAX_EPSILON + ", where truncation error swamps any ratio. "
                    + "Use a step such as 1e-7 (the default).");
        }
        double good = Double.isNaN(a.good())
                ? config(config, "good", Double::parseDouble, "a number such as 1e-6")
                .orElse(Thresholds.DEFAULT.good()) : a.good();
        double bug = Double.isNaN(a.bug())
                ? config(config, "bug", Double::parseDouble, "a number such as 1e-3")
                .orElse(Thresholds.DEFAULT.bug()) : a.bug();
        if (!(good > 0) || !(bug > good) || !Double.isFinite(bug)) {
            throw new ExtensionConfigurationException(where + ": the thresholds need 0 < good < bug, but good = "
                    + good + " and bug = " + bug + " (from @GradCheck(good, bug) or gradcheck.good / gradcheck.bug). "
                    + "The defaults are good = 1e-6, bug = 1e-3.");
        }
        int steps = a.trainingSteps();
        boolean explicit = steps >= 0;
        if (steps < -1) {
            throw new ExtensionConfigurationException(where + ": @GradCheck(trainingSteps = " + steps
                    + ") must be 0 (check once) or more; leave it out for the default");
        }
        if (steps == -1) {
            Optional<Integer> configured = config(config, "trainingSteps", Integer::parseInt, "a whole number ≥ 0");
            if (configured.isPresent() && configured.get() < 0) {
                throw new ExtensionConfigurationException(where + ": configuration parameter gradcheck.trainingSteps = "
                        + configured.get() + " must be 0 (check once) or more");
            }
            steps = configured.orElse(-1);
        }
        boolean strict = a.strict() || config(config, "strict", CheckConfig::parseBoolean, "true or false").orElse(false);
        int worst = a.worstEntries();
        if (worst < -1) {
            throw new ExtensionConfigurationException(where + ": @GradCheck(worstEntries = " + worst
                    + ") must be 0 or more");
        }
        if (worst == -1) {
            worst = config(config, "worstEntries", Integer::parseInt, "a whole number ≥ 0").orElse(5);
            if (worst < 0) {
                throw new ExtensionConfigurationException(where + ": configuration parameter gradcheck.worstEntries = "
                        + worst + " must be 0 or more");
            }
        }
        int fast = a.fast();
        if (fast < -1) {
            throw new ExtensionConfigurationException(where + ": @GradCheck(fast = " + fast
                    + ") is the number of random directions: 0 (off) or more");
        }
        if (fast == -1) {
            fast = config(config, "fast", Integer::parseInt, "a whole number ≥ 0").orElse(0);
            if (fast < 0) {
                throw new ExtensionConfigurationException(where + ": configuration parameter gradcheck.fast = " + fast
                        + " must be 0 (off) or more");
            }
        }
        Shard shard = shard(config, where, fast, a.fast() == -1);
        boolean precise = a.precise()
                || config(config, "precise", CheckConfig::parseBoolean, "true or false").orElse(false);
        Path dir = Paths.get(config.apply(PREFIX + "reportDir").map(String::trim).filter(s -> !s.isEmpty())
                .orElse(DEFAULT_REPORT_DIR));
        Print print = config(config, "report.print", v -> Print.valueOf(v.toUpperCase(Locale.ROOT)),
                "failures, all or none").orElse(Print.FAILURES);
        boolean progress = config(config, "progress", CheckConfig::parseBoolean, "true or false")
                .orElse(dev.gradcheck.Progress.enabledByDefault());
        Budget budget;
        if (a.budget().isBlank()) {
            budget = config(config, "budget", Budget::parse, "a budget: cost evaluations per phase (20000), seconds "
                    + "(30s), or 0 / none for the full check always").orElse(null);
        } else {
            try {
                budget = Budget.parse(a.budget());
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException(where + ": @GradCheck(budget = \"" + a.budget() + "\") is "
                        + "not a budget: write cost evaluations per phase (\"20000\"), seconds (\"30s\"), or \"0\" "
                        + "/ \"none\" for the full check always");
            }
        }
        if (shard != null && budget != null && (budget.evaluations() > 0 || budget.time() != null)) {
            throw new ExtensionConfigurationException(where + ": " + PREFIX + "shard = " + shard + " and a budget ("
                    + (a.budget().isBlank() ? "configuration parameter " + PREFIX + "budget" : "@GradCheck(budget = \""
                    + a.budget() + "\")") + ") do not combine: a shard is one slice of the full check. Set "
                    + PREFIX + "budget=0 in the sharded jobs, or drop the shard.");
        }
        return new CheckConfig(epsilon, new Thresholds(good, bug, Thresholds.DEFAULT.standOut()), steps, explicit,
                strict, worst, fast, precise, a.seed(), dir, shard, print, progress, budget);
    }

    /**
     * {@code gradcheck.shard=k/n}: a CI job's slice of every check. Only a configuration parameter, no attribute: the
     * shard belongs to the job, not to the test, and an attribute would override every job's value.
     */
    private static Shard shard(Function<String, Optional<String>> config, String where, int fast,
                               boolean fastFromConfig) {
        Optional<String> raw = config.apply(PREFIX + "shard").map(String::trim).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return null;
        }
        Shard shard;
        try {
            shard = Shard.parse(raw.get());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("configuration parameter " + PREFIX + "shard = '" + raw.get()
                    + "' is not a shard: " + e.getMessage() + ". Write k/n with 1 ≤ k ≤ n, e.g. -D" + PREFIX
                    + "shard=2/4 in the second of four CI jobs");
        }
        if (fast > 0) {
            throw new ExtensionConfigurationException(where + ": " + PREFIX + "shard = " + shard + " and fast mode ("
                    + (fastFromConfig ? "configuration parameter " + PREFIX + "fast = " + fast
                    : "@GradCheck(fast = " + fast + ")") + ") do not combine: fast mode looks at all of θ at once. "
                    + "Shard the full check (set " + PREFIX + "fast=0 in the sharded jobs"
                    + (fastFromConfig ? "" : ", or @GradCheck(fast = 0)") + "), or run fast mode unsharded.");
        }
        return shard;
    }

    /** The training steps for this model: the explicit or configured number, else 100 for a Trainable model. */
    int stepsFor(Object model, String where) {
        boolean trainable = model instanceof Trainable;
        if (trainingSteps == -1) {
            return trainable ? DEFAULT_TRAINING_STEPS : 0;
        }
        if (trainingSteps > 0 && !trainable) {
            if (trainingStepsExplicit) {
                throw new ExtensionConfigurationException(where + ": @GradCheck(trainingSteps = " + trainingSteps
                        + ") needs a model that implements dev.gradcheck.Trainable, but " + model.getClass().getName()
                        + " does not. Implement Trainable (train(int steps)) or remove trainingSteps.");
            }
            return 0; // a build-wide default applies to the models that can train
        }
        return trainingSteps;
    }

    private static <T> Optional<T> config(Function<String, Optional<String>> config, String key,
                                          Function<String, T> parse, String expected) {
        Optional<String> raw = config.apply(PREFIX + key).map(String::trim).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(raw.get()));
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("configuration parameter " + PREFIX + key + " = '" + raw.get()
                    + "' is not " + expected + " (set in junit-platform.properties or with -D" + PREFIX + key + "=...)");
        }
    }

    private static Boolean parseBoolean(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        throw new IllegalArgumentException(s);
    }
}
