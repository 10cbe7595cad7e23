package dev.gradcheck;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * <p>What it does beyond the formula, each step switchable:
 * <ul>
 *   <li>forces keep-prob to 1.0 on {@link Stochastic} models and restores it; when the model can freeze its dropout
 *       masks and its keep-prob is below 1, adds a check of dropout's own backprop with frozen masks (at the given
 *       parameters and again after training);</li>
 *   <li>localizes: a ratio, a verdict and the worst entries per component (dW1, db1, ...), hints that name the bug;</li>
 *   <li>drills an INSPECT down, and re-evaluates suspicious components over an ε sweep to tell round-off and
 *       truncation from a real bug, and a hair away from θ to tell a bug from a non-generic point (exact zeros);</li>
 *   <li>sets aside entries where J has a kink within ±ε (ReLU at 0, |W| at 0), refuses a random, float-precision or
 *       quantized J, and splits data and penalty parts for {@link Regularized} models;</li>
 *   <li>writes every perturbed entry back bit-exactly (also when the model throws) and leaves the model with the
 *       parameters it had, also after the training phase.</li>
 * </ul>
 */
public final class GradientCheck {
    /** The course's default step. */
    public static final double DEFAULT_EPSILON = 1e-7;
    /** The largest step accepted: beyond it truncation error (≈ ε²·J''') swamps any ratio. */
    public static final double MAX_EPSILON = 1e-2;
    /** Below this many coordinates a parallel check costs more in copies than it saves. */
    static final int PARALLEL_MIN_COORDINATES = 4096;

    private final Differentiable model;
    private double epsilon = DEFAULT_EPSILON;
    private Thresholds thresholds = Thresholds.DEFAULT;
    private int trainingSteps;
    private int worstEntries = 5;
    private boolean detectKinks = true;
    private boolean sweep = true;
    private boolean frozenDropout = true;
    private boolean precise;
    private boolean progress = true;
    private int fastDirections;
    /** A gradient this many times its round-off bound can show a relative error of 1/this; see hiddenByRoundOff. */
    private static final double RESOLVABLE_OVER_NOISE = 100;
    /** A round-off GOOD is overturned by a sweep floor at least this many times the GOOD threshold. */
    private static final double HIDDEN_FLOOR_OVER_GOOD = 10;
    /** Fast mode retries an INSPECT at this many times ε (see {@link #phase}). */
    private static final double FAST_RETRY_FACTOR = 100;
    private long seed = 1;
    private int threads = -1;
    private Shard shard;

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
     * After the check at the given parameters, train the model for {@code steps} steps ({@link Trainable}, with
     * its own keep-prob, so dropout trains as usual) and check again, frozen dropout masks included. 0 (the
     * default) checks once. The parameters are restored afterwards.
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

    /** Whether suspicious components are re-evaluated over ε = 1e-3 … 1e-9 and classified (default true). */
    public GradientCheck epsilonSweep(boolean enabled) {
        this.sweep = enabled;
        return this;
    }

    /**
     * Whether a {@link Stochastic} model whose keep-prob is below 1 and that can freeze its masks also gets a check
     * with dropout on and frozen masks, which catches bugs in dropout's own backprop (default true).
     */
    public GradientCheck frozenDropout(boolean enabled) {
        this.frozenDropout = enabled;
        return this;
    }

    /**
     * Precise mode: a fourth-order five-point stencil with a step per coordinate (2⁻¹³·max(1, |θᵢ|)) instead of the
     * central difference at ε. Correct code reaches ratios around 1e-10 and below; costs 4 evaluations a coordinate.
     * ε is still used for the sweep and reported, but not for the stencil.
     */
    public GradientCheck precise() {
        this.precise = true;
        return this;
    }

    /**
     * Fast mode: compare directional derivatives along {@code directions} random unit vectors u,
     * (J(θ+εu) − J(θ−εu))/2ε against dθ·u, at 2 cost evaluations per direction. When that is not GOOD the full
     * check runs, so a failing report still names the component. 0 turns fast mode off.
     *
     * <p>A bug is missed only when every direction is nearly orthogonal to the error: about 0.08^d for d directions
     * (1.6e-9 for 8). See {@code docs/checking.md}.
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

    /**
     * Threads for the numerical gradient. Above 1 needs a {@link Replicable} model (each thread perturbs its own
     * copy). Default: all cores for a Replicable model with at least 4096 parameters, else 1.
     */
    public GradientCheck threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        return this;
    }

    /**
     * Checks only one slice of θ's coordinates, so that n CI jobs can split one big check; merge the n reports with
     * {@link GradCheckReport#merge}. The ε sweep and the regularization split need the whole block and run only in
     * an unsplit check.
     */
    public GradientCheck shard(Shard shard) {
        this.shard = Objects.requireNonNull(shard, "shard");
        return this;
    }

    /** Shortcut for {@code shard(Shard.parse("k/n"))}. */
    public GradientCheck shard(String kOfN) {
        return shard(Shard.parse(kOfN));
    }

    /** Whether a progress line may appear on stderr for long checks on an interactive console (default true). */
    public GradientCheck progress(boolean enabled) {
        this.progress = enabled;
        return this;
    }

    /** Runs the check and returns its report; the model is left as it was. */
    public GradCheckReport run() {
        // issue 11 (junit branch): a second thread entering a check of this same model instance is a clear error.
        InFlight.Scope inFlight = InFlight.enter(model);
        try {
            return runInFlight();
        } finally {
            inFlight.close();
        }
    }

    private GradCheckReport runInFlight() {
        if (shard != null && fastDirections > 0) {
            throw new IllegalArgumentException("fast mode and sharding do not combine: fast mode looks at all of θ "
                    + "at once with a few directions; shard the full check instead");
        }
        if (threads > 1 && !(model instanceof Replicable)) {
            throw new IllegalArgumentException("threads(" + threads + ") needs a model that implements Replicable "
                    + "(each thread perturbs its own copy); " + model.getClass().getSimpleName() + " does not");
        }
        List<ParameterBlock> blocks = Validation.blocks(model);
        Stochastic stochastic = model instanceof Stochastic s ? s : null;
        double keepProb = stochastic != null ? stochastic.keepProb() : 1.0;
        List<double[]> initial = new ArrayList<>();
        for (ParameterBlock b : blocks) {
            initial.add(b.toArray());
        }
        List<PhaseResult> phases = new ArrayList<>();
        try {
            List<String> notes = new ArrayList<>();
            if (stochastic != null && keepProb != 1.0) {
                stochastic.keepProb(1.0);
                notes.add("dropout off for the check: keep-prob forced from " + keepProb + " to 1.0 (restored after)");
            }
            phases.add(phase(Phase.INIT, notes));
            boolean checkFrozenMasks = stochastic != null && keepProb < 1.0 && frozenDropout;
            if (checkFrozenMasks) {
                phases.add(frozenDropoutPhase(stochastic, keepProb, 0));
            }
            if (trainingSteps > 0) {
                // Train as the model trains: with its own dropout on, fresh masks every step.
                if (stochastic != null) {
                    stochastic.keepProb(keepProb);
                }
                ((Trainable) model).train(trainingSteps);
                if (stochastic != null) {
                    stochastic.keepProb(1.0);
                }
                phases.add(phase(Phase.afterSteps(trainingSteps), List.of()));
                if (checkFrozenMasks) {
                    phases.add(frozenDropoutPhase(stochastic, keepProb, trainingSteps));
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
        return new GradCheckReport(phases, new GradCheckReport.Settings(epsilon, thresholds, worstEntries, detectKinks,
                shard), method(phases));
    }

    private String method(List<PhaseResult> phases) {
        String m = precise ? "precise: five-point stencil, step 2⁻¹³·max(1, |θᵢ|)" : "central differences";
        if (fastDirections > 0) {
            m = "fast: " + fastDirections + " random directions, seed " + seed;
            if (phases.stream().anyMatch(p -> !p.components().isEmpty())) {
                m += "; full check where the fast check failed";
            }
        }
        return m;
    }

    private PhaseResult frozenDropoutPhase(Stochastic stochastic, double keepProb, int steps) {
        Phase phase = Phase.frozenMasks(steps, keepProb);
        stochastic.keepProb(keepProb);
        boolean frozen = false;
        try {
            frozen = stochastic.freezeMasks();
            if (!frozen) {
                // Not an error: keep-prob 1 was checked; say plainly what was not.
                PhaseResult skipped = new PhaseResult(phase, 0, Verdict.GOOD, List.of(), List.of(model.getClass()
                        .getSimpleName() + " cannot freeze its dropout masks (Stochastic.freezeMasks() returned "
                        + "false): dropout's own backprop was not checked"), 0, 0, Double.NaN, 0);
                return skipped;
            }
            return phase(phase, List.of("dropout on with keep-prob " + keepProb + " and the same masks in every "
                    + "evaluation: this checks dropout's own backprop (mask applied, divided by keep-prob)"));
        } finally {
            if (frozen) {
                stochastic.unfreezeMasks();
            }
            stochastic.keepProb(1.0);
        }
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
            String sweep = "";
            if (v == Verdict.INSPECT && epsilon * FAST_RETRY_FACTOR <= MAX_EPSILON) {
                // A directional derivative along a unit u in n dimensions is about ‖dθ‖/√n, so at ε = 1e-7 the
                // round-off of J(θ±εu) is already visible on big models. As in the ε sweep: a real bug's ratio
                // stays where it is at a larger step, round-off falls like 1/ε.
                double bigger = epsilon * FAST_RETRY_FACTOR;
                Directional retry = new Directional(model, blocks, bigger, seed);
                double retryRatio = retry.ratio(analytic, j0, fastDirections);
                evaluations += retry.evaluations();
                if (thresholds.verdictOf(retryRatio) == Verdict.GOOD && retryRatio * 10 < fastRatio) {
                    sweep = String.format(Locale.ROOT, "; round-off at ε = %.0e (ratio %.2e), GOOD at ε = %.0e",
                            epsilon, fastRatio, bigger);
                    fastRatio = retryRatio;
                    v = Verdict.GOOD;
                }
            }
            if (v == Verdict.GOOD) {
                findings.add(String.format(Locale.ROOT, "fast check: directional ratio %.2e over %d random "
                        + "directions (components are not checked one by one in fast mode)%s", fastRatio,
                        fastDirections, sweep));
                return new PhaseResult(phase, fastRatio, v, List.of(), findings, evaluations, seconds(start), j0, 0,
                        blocks.stream().mapToInt(ParameterBlock::size).sum());
            }
            findings.add(String.format(Locale.ROOT, "fast check: directional ratio %.2e is %s, so the full "
                    + "check ran to find the component", fastRatio, v));
        }
        int coordinates = blocks.stream().mapToInt(ParameterBlock::size).sum();
        EntrySelection selection = EntrySelection.ALL;
        if (shard != null) {
            long from = shard.from(coordinates);
            long to = shard.to(coordinates);
            selection = EntrySelection.range(blocks, from, to);
            findings.add("shard " + shard + ": coordinates [" + from + ", " + to + ") of " + coordinates
                    + "; the verdict of the whole check comes from merging all " + shard.count() + " shards");
        }
        int workers = threads > 0 ? threads
                : model instanceof Replicable && coordinates >= PARALLEL_MIN_COORDINATES
                ? Runtime.getRuntime().availableProcessors() : 1;
        NumericalGradient numerical = new NumericalGradient(model, null, blocks, epsilon, j0, selection,
                precise ? NumericalGradient.Stencil.PRECISE : NumericalGradient.Stencil.CENTRAL, workers,
                Progress.forCheck(coordinates, progress));
        NumericalGradient.Result num = numerical.compute();
        evaluations += numerical.evaluations();
        double jEnd = model.cost();
        evaluations++;
        if (Double.compare(jEnd, j0) != 0) {
            throw new GradientCheckException("J changed during the check from " + j0 + " to " + jEnd + " "
                    + phase.description() + " although every parameter was written back: cost() or gradients() "
                    + "keeps state of its own (a cache, a random generator, a training step)");
        }
        Precision.check(num, j0, analytic, blocks, epsilon);
        Comparison.Sums total = new Comparison.Sums();
        List<ComponentResult> components = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            components.add(Comparison.component(ComponentData.of(blocks.get(b), b, analytic[b], num, selection), j0,
                    epsilon, thresholds, worstEntries, detectKinks, total));
        }
        // A shard sees only its slice of each component, so it could not decide like the whole check would.
        // The jitter is at least 1000·ε: beyond ε = 1e-6 it would no longer be "a hair away" from θ.
        if (detectKinks && shard == null && epsilon <= NearbyPoint.MAX_EPSILON
                && components.stream().anyMatch(c -> c.verdict() != Verdict.GOOD)) {
            NearbyPoint nearby = new NearbyPoint(model, blocks, epsilon, thresholds);
            if (nearby.mark(components, phase, seed, j0)) {
                total = new Comparison.Sums();
                for (int b = 0; b < blocks.size(); b++) {
                    components.set(b, Comparison.component(components.get(b).data(), j0, epsilon, thresholds,
                            worstEntries, detectKinks, total));
                }
            }
            evaluations += nearby.evaluations();
        }
        double ratio = total.ratio();
        boolean sweptGood = false;
        boolean[] hidden = new boolean[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            hidden[b] = hiddenByRoundOff(components.get(b));
        }
        if (sweep && !precise && shard == null && (thresholds.verdictOf(ratio) != Verdict.GOOD
                || components.stream().anyMatch(c -> c.verdict() != Verdict.GOOD) || anyTrue(hidden))) {
            Sweep s = new Sweep(model);
            for (int b = 0; b < blocks.size(); b++) {
                ComponentResult c = components.get(b);
                // A BUG whose pattern a hint already names (factor, sign, transpose, λ/m·W) needs no sweep.
                if ((c.verdict() == Verdict.GOOD && !hidden[b]) || c.analyticNorm() == 0
                        || (c.verdict() == Verdict.BUG && !c.hints().isEmpty())) {
                    continue;
                }
                Sweep.Outcome o = s.classify(blocks.get(b), analytic[b], c, epsilon, thresholds, num.kink[b], j0);
                // A component counted GOOD as round-off changes only when the sweep sees a real error's floor, and
                // one well inside the INSPECT band: barely above 1e-6 is within what sampling at a few ε can show.
                boolean overturn = o.verdict() == Verdict.GOOD || (o.verdict() == Verdict.BUG
                        && java.util.Arrays.stream(o.ratios()).min().orElse(0) >= HIDDEN_FLOOR_OVER_GOOD * thresholds.good());
                if (!hidden[b] || overturn) {
                    components.set(b, c.revised(o.verdict(), o.sentence()));
                }
            }
            evaluations += s.evaluations();
            sweptGood = components.stream().allMatch(c -> c.verdict() == Verdict.GOOD);
        }
        if (model instanceof Regularized reg && shard == null && components.stream().anyMatch(c -> c.verdict() != Verdict.GOOD)) {
            RegularizationSplit split = new RegularizationSplit();
            split.explain(reg, model, blocks, analytic, components, epsilon, findings, thresholds);
            evaluations += split.evaluations();
        }
        Verdict verdict = Drilldown.verdict(ratio, components, thresholds, findings, total, sweptGood);
        return new PhaseResult(phase, ratio, verdict, components, findings, evaluations, seconds(start), j0,
                total.floor());
    }

    /**
     * A component counted GOOD because its difference is within the round-off bound, although its ratio is not GOOD
     * and its gradient is well above that bound: a small real error (1e-4 of the gradient, say) can hide there at
     * ε = 1e-7, so the ε sweep takes a look (it only overrules the GOOD when the ratio stays flat, as a bug's does).
     */
    private boolean hiddenByRoundOff(ComponentResult c) {
        if (c.verdict() != Verdict.GOOD || thresholds.verdictOf(c.ratio()) == Verdict.GOOD) {
            return false;
        }
        double noise = Math.sqrt(c.sums().noise2);
        return Math.max(c.analyticNorm(), c.numericalNorm()) > RESOLVABLE_OVER_NOISE * noise;
    }

    private static boolean anyTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Names of the blocks, for messages. */
    static Set<String> names(List<ParameterBlock> blocks) {
        Set<String> names = new HashSet<>();
        blocks.forEach(b -> names.add(b.name()));
        return names;
    }
}
