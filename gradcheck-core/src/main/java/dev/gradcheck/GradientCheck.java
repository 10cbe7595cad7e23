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
    /**
     * The default budget of one phase, in cost evaluations: a model whose full check needs more (about 2 per
     * parameter, so above about 4,975 parameters) is checked blockwise-fast, with the full check on the blocks that
     * are not GOOD (see {@link #budget(long)}). Models that evaluate perturbations in bulk ({@link StructuredCost})
     * keep the full check unless a budget is set explicitly.
     */
    public static final long DEFAULT_BUDGET = 10_000;
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
    private long seed = 1;
    private int threads = -1;
    private Shard shard;
    private Blockwise.Budget budget = new Blockwise.Budget(DEFAULT_BUDGET, 0, false);

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
     * Whether the judgement explains entries at kinks of J (one-sided slopes that disagree beyond noise) and at
     * non-generic points. Default true. The headline {@link GradCheckReport#ratio()} is the course's either way.
     */
    public GradientCheck detectKinks(boolean detect) {
        this.detectKinks = detect;
        return this;
    }

    /**
     * Whether a component whose gradient J's measured noise hides at ε is re-measured at a larger step (where noise
     * does not hide it, with half that step to show truncation). Default true; false leaves such components INSPECT.
     */
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
     * The headline ratio is then that stencil's (the documented exception to the course's formula). It is judged
     * as strictly as the default: J's measured noise for that step, half the step where truncation shows.
     */
    public GradientCheck precise() {
        this.precise = true;
        return this;
    }

    /**
     * Fast mode: in each parameter block, compare directional derivatives along {@code directions} random unit
     * vectors u, (J(θ+εu) − J(θ−εu))/2ε against dθ·u, at 2 cost evaluations per direction and block. The blocks that
     * are not GOOD then get the full check, up to the {@link #budget(long) budget} (a StructuredCost model without an
     * explicit budget: all their entries), so a failing report still names the component and says how many of its
     * entries it measured. 0 turns fast mode off.
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

    /**
     * The budget of each phase, in cost evaluations. A full check that needs more (2 per parameter plus the noise
     * estimate's 50 or so) checks each block along 8 random directions instead, and runs the full check only on the
     * blocks that are not GOOD: all their entries when they fit, else the pieces that directional checks of halves
     * point to, sampled (seeded) to fit; the report's header and findings say so. It also bounds fast mode's full
     * part. Default {@link #DEFAULT_BUDGET}, which does not apply to a {@link StructuredCost} model; 0 means no
     * budget (always the full check).
     */
    public GradientCheck budget(long evaluations) {
        if (evaluations < 0) {
            throw new IllegalArgumentException("the budget is a number of cost evaluations per phase, ≥ 0 (0: no "
                    + "budget), got " + evaluations);
        }
        this.budget = new Blockwise.Budget(evaluations, 0, true);
        return this;
    }

    /**
     * The budget of each phase as time: converted to cost evaluations with the time one evaluation of J took while
     * its noise was measured (so the switch to blockwise checking depends on the machine; an evaluation budget does
     * not). See {@link #budget(long)}.
     */
    public GradientCheck budget(java.time.Duration perPhase) {
        Objects.requireNonNull(perPhase, "perPhase");
        if (perPhase.isNegative() || perPhase.isZero()) {
            throw new IllegalArgumentException("a time budget must be positive, got " + perPhase);
        }
        this.budget = new Blockwise.Budget(0, perPhase.toNanos() / 1e9, true);
        return this;
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
        if (shard != null && budget.explicit() && (budget.evaluations() > 0 || budget.seconds() > 0)) {
            throw new IllegalArgumentException("a budget and sharding do not combine: a shard is one slice of the "
                    + "full check; set budget(0) in the sharded jobs, or drop the shard");
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
        PhaseCheck check = new PhaseCheck(model, settings());
        List<PhaseResult> phases = new ArrayList<>();
        try {
            List<Finding> notes = new ArrayList<>();
            if (stochastic != null && keepProb != 1.0) {
                stochastic.keepProb(1.0);
                notes.add(new Finding(Finding.Kind.DROPOUT, "dropout off for the check: keep-prob forced from "
                        + keepProb + " to 1.0 (restored after)"));
            }
            phases.add(check.run(Phase.INIT, notes));
            boolean checkFrozenMasks = stochastic != null && keepProb < 1.0 && frozenDropout;
            if (checkFrozenMasks) {
                phases.add(frozenDropoutPhase(check, stochastic, keepProb, 0));
            }
            if (trainingSteps > 0) {
                Phase after = Phase.afterSteps(trainingSteps);
                String diverged = train(stochastic, keepProb, blocks, initial);
                if (diverged != null) {
                    phases.add(PhaseCheck.diverged(after, diverged, initial.stream().mapToInt(a -> a.length).sum()));
                } else {
                    phases.add(check.run(after, List.of()));
                    if (checkFrozenMasks) {
                        phases.add(frozenDropoutPhase(check, stochastic, keepProb, trainingSteps));
                    }
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
                shard, precise), method(phases));
    }

    PhaseCheck.Settings settings() {
        return new PhaseCheck.Settings(epsilon, thresholds, worstEntries, detectKinks, sweep, precise, fastDirections,
                seed, threads, shard, progress, budget);
    }

    /**
     * Trains as the model trains (with its own dropout on, fresh masks every step); returns null, or the sentence
     * that says where training diverged. A diverged run is replayed one step at a time from the initial θ to find
     * the first step with a non-finite J or θ.
     */
    private String train(Stochastic stochastic, double keepProb, List<ParameterBlock> blocks, List<double[]> initial) {
        Trainable trainable = (Trainable) model;
        if (stochastic != null) {
            stochastic.keepProb(keepProb);
        }
        try {
            trainable.train(trainingSteps);
            String bad = nonFinite(blocks);
            if (bad == null) {
                return null;
            }
            for (int b = 0; b < blocks.size(); b++) {
                blocks.get(b).copyFrom(initial.get(b));
            }
            int first = -1;
            double jFirst = Double.NaN;
            for (int step = 1; step <= Math.min(trainingSteps, 100_000); step++) {
                trainable.train(1);
                if (nonFinite(blocks) != null) {
                    first = step;
                    jFirst = model.cost();
                    break;
                }
            }
            return "training diverged: after " + trainingSteps + " steps " + bad + (first > 0
                    ? "; replayed one step at a time, θ is first non-finite after step " + first + " (J = " + jFirst
                    + ")" : "; a one-step-at-a-time replay did not diverge (training is not deterministic)")
                    + ". The phase after training was not checked: lower the learning rate, or look for a sign error "
                    + "in the update (a wrong gradient can also make training diverge)";
        } finally {
            if (stochastic != null) {
                stochastic.keepProb(1.0);
            }
        }
    }

    private String nonFinite(List<ParameterBlock> blocks) {
        for (ParameterBlock b : blocks) {
            for (int i = 0; i < b.size(); i++) {
                if (!Double.isFinite(b.get(i))) {
                    return Entries.name(b, i) + " is " + b.get(i);
                }
            }
        }
        double j = model.cost();
        return Double.isFinite(j) ? null : "J is " + j;
    }

    private String method(List<PhaseResult> phases) {
        String m = precise ? "precise: five-point stencil, step 2⁻¹³·max(1, |θᵢ|)" : "central differences";
        boolean full = phases.stream().anyMatch(p -> !p.components().isEmpty());
        if (fastDirections > 0) {
            m = "fast: " + fastDirections + " random directions per block, seed " + seed;
            if (full) {
                m += "; full check where the fast check failed";
            }
        } else if (phases.stream().anyMatch(p -> p.typedFindings().stream()
                .anyMatch(f -> f.kind() == Finding.Kind.BUDGET))) {
            m = "blockwise fast: over the budget of " + budget.describe() + ", " + Blockwise.DEFAULT_DIRECTIONS
                    + " random directions per block, seed " + seed + (full ? "; full check on the blocks that "
                    + "were not GOOD" : "; every block GOOD");
        }
        return m;
    }

    private PhaseResult frozenDropoutPhase(PhaseCheck check, Stochastic stochastic, double keepProb, int steps) {
        Phase phase = Phase.frozenMasks(steps, keepProb);
        stochastic.keepProb(keepProb);
        boolean frozen = false;
        try {
            frozen = stochastic.freezeMasks();
            if (!frozen) {
                // Not an error: keep-prob 1 was checked; say plainly what was not.
                return new PhaseResult(phase, 0, 0, Verdict.GOOD, List.of(), List.of(new Finding(Finding.Kind.DROPOUT,
                        model.getClass().getSimpleName() + " cannot freeze its dropout masks (Stochastic.freezeMasks() "
                        + "returned false): dropout's own backprop was not checked")), 0, 0, Double.NaN, 0, 0,
                        Validation.blocks(model).stream().mapToInt(ParameterBlock::size).sum());
            }
            return check.run(phase, List.of(new Finding(Finding.Kind.DROPOUT, "dropout on with keep-prob " + keepProb
                    + " and the same masks in every evaluation: this checks dropout's own backprop (mask applied, "
                    + "divided by keep-prob)")));
        } finally {
            if (frozen) {
                stochastic.unfreezeMasks();
            }
            stochastic.keepProb(1.0);
        }
    }

    /** Names of the blocks, for messages. */
    static Set<String> names(List<ParameterBlock> blocks) {
        Set<String> names = new HashSet<>();
        blocks.forEach(b -> names.add(b.name()));
        return names;
    }
}
