package dev.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One phase of a check, as one readable run: measure → noise → score → explain → decide → report. Each step returns a
 * value; nothing is revised after it is made.
 */
final class PhaseCheck {

    /** How a check runs: everything the steps need besides the model. */
    record Settings(double epsilon, Thresholds thresholds, int worstEntries, boolean detectKinks, boolean remeasure,
                    boolean precise, int fastDirections, long seed, int threads, Shard shard, boolean progress,
                    Blockwise.Budget budget) {

        /** Without a budget (a merge of shards judges what was measured). */
        Settings(double epsilon, Thresholds thresholds, int worstEntries, boolean detectKinks, boolean remeasure,
                 boolean precise, int fastDirections, long seed, int threads, Shard shard, boolean progress) {
            this(epsilon, thresholds, worstEntries, detectKinks, remeasure, precise, fastDirections, seed, threads,
                    shard, progress, Blockwise.Budget.NONE);
        }

        NumericalGradient.Stencil stencil() {
            return precise ? NumericalGradient.Stencil.PRECISE : NumericalGradient.Stencil.CENTRAL;
        }

        /** The stencil's step argument: ε, or the precise stencil's base step. */
        double step() {
            return precise ? NumericalGradient.PRECISE_STEP : epsilon;
        }
    }

    private final Differentiable model;
    private final Settings s;

    PhaseCheck(Differentiable model, Settings settings) {
        this.model = model;
        this.s = settings;
    }

    /**
     * One phase: the model's own state (validated), J's noise, the scope (which coordinates: all of them, a shard's, or
     * what fast mode and the budget leave), the measurement, the explanations' extra measurements, the decision.
     */
    PhaseResult run(Phase phase, List<Finding> notes) {
        Run run = new Run(phase, notes);
        Noise noise = run.noise();
        Scope scope = run.scope(noise);
        if (scope.done() != null) {
            return scope.done();
        }
        String vanished = Steps.vanished(run.blocks, scope.selection(), s.epsilon(), s.precise());
        if (vanished != null) {
            return run.vanished(vanished, noise);
        }
        List<ComponentData> data = run.measure(noise, scope);
        run.explain(noise, data);
        return run.decide(noise, scope, data);
    }

    /** What fast mode and the budget left to measure one by one; {@code done} when the directional checks decided. */
    private record Scope(EntrySelection selection, long measuring, Blockwise blockwise,
                         List<Directional.Outcome> outcomes, Blockwise.Plan plan, PhaseResult done) {
    }

    /** The state of one phase's run: the model's blocks, J, dθ, and what the steps have spent and found so far. */
    private final class Run {
        final Phase phase;
        final long start = System.nanoTime();
        final List<ParameterBlock> blocks;
        final double j0;
        final double[][] analytic;
        final int coordinates;
        final int workers;
        final List<Finding> findings;
        long evaluations = 2;
        double secondsPerEvaluation;

        Run(Phase phase, List<Finding> notes) {
            this.phase = phase;
            blocks = Validation.blocks(model);
            Validation.live(model, blocks);
            Validation.finiteParameters(blocks, phase);
            j0 = Validation.deterministicCost(model, blocks, phase);
            analytic = Validation.gradients(model.gradients(), blocks, phase);
            coordinates = blocks.stream().mapToInt(ParameterBlock::size).sum();
            workers = s.threads() > 0 ? s.threads()
                    : model instanceof Replicable && coordinates >= GradientCheck.PARALLEL_MIN_COORDINATES
                    ? Runtime.getRuntime().availableProcessors() : 1;
            findings = new ArrayList<>(notes);
        }

        /** σ_J from the user's own cost; every bound of the judgement derives from it. */
        Noise noise() {
            long noiseStart = System.nanoTime();
            Noise noise = Noise.measure(model, blocks, j0, s.seed());
            secondsPerEvaluation = (System.nanoTime() - noiseStart) / 1e9 / Math.max(1, noise.evaluations);
            evaluations += noise.evaluations;
            Precision.notFloat(noise, s.epsilon());
            findings.add(new Finding(Finding.Kind.NOISE, noise.how));
            return noise;
        }

        /**
         * Fast mode, or a full check over the budget: each block's directional check first, then the full check of the
         * entries of the blocks that are not GOOD, as many as the budget allows. Or one shard's slice. Or all of θ.
         */
        Scope scope(Noise noise) {
            int perCoordinate = s.precise() ? 4 : 2;
            long allowed = s.shard() == null && (s.budget().explicit() || !(model instanceof StructuredCost))
                    ? s.budget().allowed(secondsPerEvaluation) : 0;
            long fullCost = evaluations + (long) perCoordinate * coordinates;
            boolean overBudget = s.fastDirections() == 0 && allowed > 0 && fullCost > allowed;
            int directions = s.fastDirections() > 0 ? s.fastDirections()
                    : overBudget ? Blockwise.DEFAULT_DIRECTIONS : 0;
            if (overBudget) {
                findings.add(new Finding(Finding.Kind.BUDGET, String.format(Locale.ROOT, "budget: the full check of "
                        + "%,d parameters needs about %,d cost evaluations, over the budget of %s (about %,d here), so "
                        + "each block was checked along %d random directions first and the full check ran only on "
                        + "blocks that were not GOOD", coordinates, fullCost, s.budget().describe(), allowed,
                        directions)));
            }
            if (directions > 0) {
                Blockwise blockwise = new Blockwise(model, blocks, s.epsilon(), s.seed(), directions, analytic, j0,
                        noise, s.thresholds());
                List<Directional.Outcome> outcomes = blockwise.blocks();
                if (outcomes.stream().allMatch(o -> o.verdict() == Verdict.GOOD)) {
                    evaluations += blockwise.evaluations();
                    double[] sums = new double[3];
                    for (Directional.Outcome o : outcomes) {
                        for (int k = 0; k < 3; k++) {
                            sums[k] += o.sums()[k];
                        }
                    }
                    double ratio = Directional.ratio(sums);
                    findings.addAll(blockwise.summary(outcomes, null));
                    return new Scope(null, 0, blockwise, outcomes, null, new PhaseResult(phase, ratio, ratio,
                            Verdict.GOOD, List.of(), findings, evaluations, seconds(start), j0, noise.sigma, 0,
                            coordinates));
                }
                long remaining = allowed > 0 ? Math.max(0, allowed - evaluations - blockwise.evaluations())
                        : Long.MAX_VALUE;
                long narrowing = allowed > 0 ? remaining / 4 : 0;
                // Each measured entry counts twice: its measurement, and the one at twice the step that the
                // explanations take of every entry that disagrees (all of them, for a bug spread over a block).
                long budgetCoordinates = allowed > 0 ? (remaining - narrowing) / (2L * perCoordinate)
                        : Long.MAX_VALUE;
                Blockwise.Plan plan = blockwise.plan(outcomes, budgetCoordinates, narrowing);
                evaluations += blockwise.evaluations();
                findings.addAll(blockwise.summary(outcomes, plan));
                return new Scope(plan.selection(), plan.total(), blockwise, outcomes, plan, null);
            }
            if (s.shard() != null) {
                long from = s.shard().from(coordinates);
                long to = s.shard().to(coordinates);
                findings.add(new Finding(Finding.Kind.SHARD, "shard " + s.shard() + ": coordinates [" + from + ", "
                        + to + ") of " + coordinates + "; the verdict of the whole check comes from merging all "
                        + s.shard().count() + " shards"));
                return new Scope(EntrySelection.range(blocks, from, to), to - from, null, null, null, null);
            }
            return new Scope(EntrySelection.ALL, coordinates, null, null, null, null);
        }

        /** θᵢ ± ε == θᵢ somewhere: an error at the given θ; after training, a phase that says training ran away. */
        PhaseResult vanished(String sentence, Noise noise) {
            if (phase.isInitial()) {
                throw new GradientCheckException(sentence);
            }
            return new PhaseResult(phase, Double.NaN, Double.NaN, Verdict.INSPECT, List.of(),
                    List.of(new Finding(Finding.Kind.DIVERGED, phase.description() + ", " + sentence
                            + ". The phase was not checked: training has run away (lower the learning rate)")),
                    evaluations, seconds(start), j0, noise.sigma, 0, coordinates);
        }

        /** Every coordinate of the scope at the check's step; J must be unchanged afterwards. */
        List<ComponentData> measure(Noise noise, Scope scope) {
            NumericalGradient numerical = new NumericalGradient(model, null, blocks, s.step(), j0, scope.selection(),
                    s.stencil(), workers, Progress.forCheck(scope.measuring(), s.progress()));
            NumericalGradient.Result num = numerical.compute();
            evaluations += numerical.evaluations();
            double jEnd = model.cost();
            evaluations++;
            if (Double.compare(jEnd, j0) != 0) {
                throw new GradientCheckException("J changed during the check from " + j0 + " to " + jEnd + " "
                        + phase.description() + " although every parameter was written back: cost() or gradients() "
                        + "keeps state of its own (a cache, a random generator, a training step)");
            }
            Precision.moved(model, num, noise, analytic, blocks, s.step());
            List<ComponentData> data = new ArrayList<>();
            for (int b = 0; b < blocks.size(); b++) {
                data.add(ComponentData.of(blocks.get(b), b, analytic[b], num, scope.selection()));
            }
            return data;
        }

        /**
         * Twice the step where an entry needs it (a kink candidate, an error beyond noise), J's noise along the
         * coordinate of the entries an explanation would be tried for, then a hair away.
         */
        void explain(Noise noise, List<ComponentData> data) {
            boolean[][] wide = new boolean[blocks.size()][];
            boolean anyWide = false;
            for (int b = 0; b < blocks.size(); b++) {
                wide[b] = Explanations.needWide(data.get(b), noise, s.stencil(), s.detectKinks(),
                        s.thresholds().good());
                anyWide |= any(wide[b]);
            }
            if (anyWide) {
                NumericalGradient h = new NumericalGradient(model, null, blocks, s.step() * 2, j0,
                        (b, i) -> wide[b][i], s.stencil(), workers, Progress.SILENT);
                NumericalGradient.Result r = h.compute();
                evaluations += h.evaluations();
                for (int b = 0; b < blocks.size(); b++) {
                    data.get(b).takeWide(r, b, wide[b]);
                }
            }
            if (s.detectKinks()) {
                // Before any explanation: J's noise along the coordinate of each entry one would be tried for.
                for (int b = 0; b < blocks.size(); b++) {
                    ComponentData d = data.get(b);
                    boolean[] local = Explanations.needLocal(d, Explanations.judge(d, noise, s.stencil(), true,
                            s.thresholds().good()), noise, s.stencil());
                    for (int i = 0; i < local.length; i++) {
                        if (local[i]) {
                            double[] m = Noise.alongCoordinate(model, blocks.get(b), i);
                            d.localSigma[i] = m[0];
                            evaluations += (long) m[1];
                        }
                    }
                }
            }
            if (s.detectKinks() && s.epsilon() <= NearbyPoint.MAX_EPSILON) {
                boolean[][] nearby = new boolean[blocks.size()][];
                boolean anyNearby = false;
                for (int b = 0; b < blocks.size(); b++) {
                    nearby[b] = Explanations.needNearby(Explanations.judge(data.get(b), noise, s.stencil(), true,
                            s.thresholds().good()));
                    anyNearby |= any(nearby[b]);
                }
                if (anyNearby) {
                    evaluations += NearbyPoint.measure(model, blocks, data, nearby, s.step(), s.stencil(), noise,
                            phase, s.seed());
                }
            }
        }

        /**
         * The decision, with re-measurement at a larger step where noise hides a gradient (unsplit checks only), fast
         * mode's account of what it measured, and the regularization split of whole BUG components.
         */
        PhaseResult decide(Noise noise, Scope scope, List<ComponentData> data) {
            LargerStep larger = s.remeasure() && s.shard() == null && !s.precise()
                    ? new LargerStep(model, blocks, j0, noise, s.thresholds(), s.worstEntries(), s.detectKinks())
                    : null;
            PhaseResult result = PhaseCheck.decide(phase, data, noise, s, larger, findings, j0, coordinates,
                    LayerDiagnosis.of(model, blocks));
            if (larger != null) {
                evaluations += larger.evaluations();
            }
            if (scope.blockwise() != null) {
                result = scope.blockwise().finish(result, scope.outcomes(), scope.plan(), findings);
            }
            List<Finding> all = result.typedFindings();
            // The split compares whole components; a block measured in part (fast mode, a budget) is not split.
            if (model instanceof Regularized reg && s.shard() == null
                    && result.components().stream().anyMatch(c -> c.verdict() == Verdict.BUG)
                    && result.components().stream().filter(c -> c.verdict() == Verdict.BUG)
                    .allMatch(c -> c.checkedEntries() == c.size())) {
                RegularizationSplit split = new RegularizationSplit();
                all = new ArrayList<>(all);
                split.explain(reg, model, blocks, analytic, result.components(), s.epsilon(), all, s.thresholds());
                evaluations += split.evaluations();
            }
            return new PhaseResult(phase, result.ratio(), result.judgedRatio(), result.verdict(),
                    result.components(), all, evaluations, seconds(start), j0, noise.sigma, result.accuracyFloor(),
                    coordinates);
        }
    }

    /** Judges and decides measured components into a phase: the part a merge of shards repeats exactly. */
    static PhaseResult decide(Phase phase, List<ComponentData> data, Noise noise, Settings s,
                              Decision.Resolver resolver, List<Finding> notes, double j0, int coordinates) {
        return decide(phase, data, noise, s, resolver, notes, j0, coordinates, List.of());
    }

    /** As above, with what a {@link Layered} model says about its layers (empty when nothing). */
    static PhaseResult decide(Phase phase, List<ComponentData> data, Noise noise, Settings s,
                              Decision.Resolver resolver, List<Finding> notes, double j0, int coordinates,
                              List<LayerFacts> layers) {
        List<ComponentResult> components = new ArrayList<>();
        Comparison.Sums course = new Comparison.Sums();
        Comparison.Sums judged = new Comparison.Sums();
        for (ComponentData d : data) {
            Judged j = Explanations.judge(d, noise, s.stencil(), s.detectKinks(),
                    s.thresholds().good());
            ComponentResult c = Decision.component(d, j, noise, s.thresholds(), s.worstEntries(), s.epsilon(),
                    resolver);
            components.add(c);
            course.add(c.sums());
            judged.add(c.judgedSums());
        }
        components = LayerDiagnosis.refine(components, layers);
        List<Finding> findings = new ArrayList<>(notes);
        findings.addAll(Decision.summary(components, course));
        findings.addAll(Origin.of(components, layers));
        return new PhaseResult(phase, course.ratio(), judged.ratio(), Decision.phase(components), components, findings,
                0, 0, j0, noise.sigma, judged.floor(), coordinates);
    }

    private static boolean any(boolean[] flags) {
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

    /** A phase that could not be checked: training diverged before it. */
    static PhaseResult diverged(Phase phase, String sentence, int coordinates) {
        return new PhaseResult(phase, Double.NaN, Double.NaN, Verdict.INSPECT, List.of(),
                List.of(new Finding(Finding.Kind.DIVERGED, sentence)), 0, 0, Double.NaN, 0, 0, coordinates);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
