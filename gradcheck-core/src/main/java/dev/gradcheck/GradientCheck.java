package dev.gradcheck;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The gradient check: compares dθ from backprop with the two-sided numerical gradient
 * dθ_approx[i] = (J(θ+εeᵢ) − J(θ−εeᵢ)) / 2ε and scores it with
 * ratio = ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂).
 *
 * <pre>{@code
 * GradCheckReport report = GradientCheck.of(model).epsilon(1e-7).afterTraining(100).run();
 * if (report.verdict() == Verdict.BUG) System.out.println(report);
 * }</pre>
 *
 * <p>The checker forces keep-prob to 1.0 on {@link Stochastic} models and restores it, writes every perturbed entry
 * back bit-exactly (also when the model throws), refuses a cost that is not deterministic, and leaves the model
 * with the parameters it had before, also after the training phase.
 */
public final class GradientCheck {
    /** The course's default step. */
    public static final double DEFAULT_EPSILON = 1e-7;
    /** The largest step accepted: beyond it truncation error (≈ ε²·J''') swamps any ratio. */
    public static final double MAX_EPSILON = 1e-2;

    private final Differentiable model;
    private double epsilon = DEFAULT_EPSILON;
    private Thresholds thresholds = Thresholds.DEFAULT;
    private int trainingSteps;
    private int worstEntries = 5;
    private boolean detectKinks = true;
    private int fastDirections;
    private long seed = 1;

    private GradientCheck(Differentiable model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** A checker for {@code model} with the defaults: ε = 1e-7, the course's thresholds, one phase. */
    public static GradientCheck of(Differentiable model) {
        return new GradientCheck(model);
    }

    /**
     * Checks a plain function of one vector, as one block named "θ" (1×n): {@code cost} is J, {@code gradient} its
     * analytic gradient. Default settings.
     */
    public static GradCheckReport check(double[] theta, ToDoubleFunction<double[]> cost,
                                        Function<double[], double[]> gradient) {
        return of(VectorFunction.of(theta, cost, gradient)).run();
    }

    /** The step ε, in (0, 1e-2]. Default 1e-7. */
    public GradientCheck epsilon(double epsilon) {
        if (!(epsilon > 0 && epsilon <= MAX_EPSILON)) {
            throw new IllegalArgumentException("ε must be in (0, " + MAX_EPSILON + "], got " + epsilon
                    + (epsilon > MAX_EPSILON ? ": a step that large measures truncation error, not the gradient"
                    : ""));
        }
        this.epsilon = epsilon;
        return this;
    }

    /** The verdict bands. */
    public GradientCheck thresholds(Thresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        return this;
    }

    /** Shortcut: GOOD below {@code good}, BUG at {@code bug} or more. */
    public GradientCheck thresholds(double good, double bug) {
        return thresholds(new Thresholds(good, bug, thresholds.standOut()));
    }

    /**
     * After the check at the given parameters, train the model for {@code steps} steps ({@link Trainable}) and
     * check again. 0 (the default) checks once.
     */
    public GradientCheck afterTraining(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("training steps must be ≥ 0, got " + steps);
        }
        if (steps > 0 && !(model instanceof Trainable)) {
            throw new IllegalArgumentException("afterTraining(" + steps + ") needs a model that implements "
                    + "dev.gradcheck.Trainable; " + model.getClass().getName() + " does not");
        }
        this.trainingSteps = steps;
        return this;
    }

    /** How many of the worst entries each component reports (default 5). */
    public GradientCheck worstEntries(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("worst-entry count must be ≥ 0, got " + count);
        }
        this.worstEntries = count;
        return this;
    }

    /**
     * Whether entries where J has a kink within ±ε (one-sided slopes disagree, analytic value between them) are
     * set aside from the ratio. Default true; false gives exactly the course's ratio over every entry.
     */
    public GradientCheck detectKinks(boolean detect) {
        this.detectKinks = detect;
        return this;
    }

    /**
     * Fast mode: compare directional derivatives along {@code directions} random unit vectors u,
     * (J(θ+εu) − J(θ−εu))/2ε against dθ·u, at 2 cost evaluations per direction. When that is not GOOD the full
     * check runs, so a failing report still names the component. 0 turns fast mode off.
     */
    public GradientCheck fast(int directions) {
        if (directions < 0) {
            throw new IllegalArgumentException("fast-mode directions must be ≥ 0, got " + directions);
        }
        this.fastDirections = directions;
        return this;
    }

    /** Fast mode with 8 directions (see {@link #fast(int)}). */
    public GradientCheck fast() {
        return fast(8);
    }

    /** Seed for everything random in the check (fast-mode directions). Default 1. */
    public GradientCheck seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Runs the check and returns its report; the model is left as it was. */
    public GradCheckReport run() {
        List<ParameterBlock> blocks = Validation.blocks(model);
        Stochastic stochastic = model instanceof Stochastic s ? s : null;
        double keepProb = stochastic != null ? stochastic.keepProb() : 1.0;
        List<double[]> initial = new ArrayList<>();
        for (ParameterBlock b : blocks) {
            initial.add(b.toArray());
        }
        List<PhaseResult> phases = new ArrayList<>();
        String method = "central differences";
        try {
            if (stochastic != null && keepProb != 1.0) {
                stochastic.keepProb(1.0);
            }
            List<String> notes = new ArrayList<>();
            if (stochastic != null && keepProb != 1.0) {
                notes.add("dropout off for the check: keep-prob forced from " + keepProb + " to 1.0 (restored after)");
            }
            PhaseResult first = phase(Phase.INIT, notes);
            phases.add(first);
            if (trainingSteps > 0) {
                ((Trainable) model).train(trainingSteps);
                phases.add(phase(Phase.afterSteps(trainingSteps), List.of()));
            }
            if (fastDirections > 0) {
                method = "fast: " + fastDirections + " random directions, seed " + seed;
                if (phases.stream().anyMatch(p -> p.verdict() != Verdict.GOOD)) {
                    method += "; full check after the fast check failed";
                }
            }
        } finally {
            for (int b = 0; b < blocks.size(); b++) {
                blocks.get(b).copyFrom(initial.get(b));
            }
            if (stochastic != null && stochastic.keepProb() != keepProb) {
                stochastic.keepProb(keepProb);
            }
        }
        return new GradCheckReport(phases, epsilon, thresholds, method);
    }

    private PhaseResult phase(Phase phase, List<String> notes) {
        long start = System.nanoTime();
        List<ParameterBlock> blocks = Validation.blocks(model);
        Validation.finiteParameters(blocks, phase);
        double j0 = Validation.deterministicCost(model, phase);
        long evaluations = 2;
        double[][] analytic = Validation.gradients(model.gradients(), blocks, phase);
        List<String> findings = new ArrayList<>(notes);
        if (fastDirections > 0) {
            Directional fast = new Directional(model, blocks, epsilon, seed);
            double fastRatio = fast.ratio(analytic, j0, fastDirections);
            evaluations += fast.evaluations();
            Verdict v = thresholds.verdictOf(fastRatio);
            if (v == Verdict.GOOD) {
                double seconds = (System.nanoTime() - start) / 1e9;
                findings.add(String.format(java.util.Locale.ROOT, "fast check: directional ratio %.2e over %d random "
                        + "directions (components are not checked one by one in fast mode)", fastRatio,
                        fastDirections));
                return new PhaseResult(phase, fastRatio, v, List.of(), findings, evaluations, seconds, j0);
            }
            findings.add(String.format(java.util.Locale.ROOT, "fast check: directional ratio %.2e is %s, so the full "
                    + "check ran to find the component", fastRatio, v));
        }
        NumericalGradient numerical = new NumericalGradient(model, blocks, epsilon, j0, EntrySelection.ALL);
        NumericalGradient.Result num = numerical.compute();
        evaluations += numerical.evaluations();
        double jEnd = model.cost();
        evaluations++;
        if (Double.compare(jEnd, j0) != 0) {
            throw new GradientCheckException("J changed during the check from " + j0 + " to " + jEnd + " " + phase
                    .description() + " although every parameter was written back: cost() or gradients() "
                    + "keeps state of its own (a cache, a random generator, a training step)");
        }
        Comparison.Sums total = new Comparison.Sums();
        List<ComponentResult> components = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            components.add(Comparison.component(blocks.get(b), analytic[b], num, b, j0, epsilon, thresholds,
                    worstEntries, detectKinks, EntrySelection.ALL, total));
        }
        double ratio = total.ratio();
        Verdict verdict = Drilldown.verdict(ratio, components, thresholds, findings, total);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new PhaseResult(phase, ratio, verdict, components, findings, evaluations, seconds, j0);
    }

    /** Names of the blocks, for messages. */
    static Set<String> names(List<ParameterBlock> blocks) {
        Set<String> names = new HashSet<>();
        blocks.forEach(b -> names.add(b.name()));
        return names;
    }
}
