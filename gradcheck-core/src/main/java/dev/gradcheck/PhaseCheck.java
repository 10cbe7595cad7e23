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

    PhaseResult run(Phase phase, List<Finding> notes) {
        long start = System.nanoTime();
        List<ParameterBlock> blocks = Validation.blocks(model);
        Validation.live(model, blocks);
        Validation.finiteParameters(blocks, phase);
        double j0 = Validation.deterministicCost(model, blocks, phase);
        double[][] analytic = Validation.gradients(model.gradients(), blocks, phase);
        long evaluations = 2;
        int coordinates = blocks.stream().mapToInt(ParameterBlock::size).sum();
        List<Finding> findings = new ArrayList<>(notes);

        // Noise: σ_J from the user's own cost; every bound below derives from it.
        long noiseStart = System.nanoTime();
        Noise noise = Noise.measure(model, blocks, j0, s.seed());
        double secondsPerEvaluation = (System.nanoTime() - noiseStart) / 1e9 / Math.max(1, noise.evaluations);
        evaluations += noise.evaluations;
        Precision.notFloat(noise, s.epsilon());
        findings.add(new Finding(Finding.Kind.NOISE, noise.how));

        // Fast mode, or a full check over the budget: each block's directional check first, then the full check of
        // the entries of the blocks that are not GOOD, as many as the budget allows.
        int perCoordinate = s.precise() ? 4 : 2;
        long allowed = s.shard() == null && (s.budget().explicit() || !(model instanceof StructuredCost))
                ? s.budget().allowed(secondsPerEvaluation) : 0;
        long fullCost = evaluations + (long) perCoordinate * coordinates;
        boolean overBudget = s.fastDirections() == 0 && allowed > 0 && fullCost > allowed;
        int directions = s.fastDirections() > 0 ? s.fastDirections() : overBudget ? Blockwise.DEFAULT_DIRECTIONS : 0;
        if (overBudget) {
            findings.add(new Finding(Finding.Kind.BUDGET, String.format(Locale.ROOT, "budget: the full check of "
                    + "%,d parameters needs about %,d cost evaluations, over the budget of %s (about %,d here), so "
                    + "each block was checked along %d random directions first and the full check ran only on "
                    + "blocks that were not GOOD", coordinates, fullCost, s.budget().describe(), allowed,
                    directions)));
        }
        Blockwise blockwise = null;
        List<Directional.Outcome> outcomes = null;
        Blockwise.Plan plan = null;
        EntrySelection selection = EntrySelection.ALL;
        long measuring = coordinates;
        if (directions > 0) {
            blockwise = new Blockwise(model, blocks, s.epsilon(), s.seed(), directions, analytic, j0, noise,
                    s.thresholds());
            outcomes = blockwise.blocks();
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
                return new PhaseResult(phase, ratio, ratio, Verdict.GOOD, List.of(), findings, evaluations,
                        seconds(start), j0, noise.sigma, 0, coordinates);
            }
            long remaining = allowed > 0 ? Math.max(0, allowed - evaluations - blockwise.evaluations())
                    : Long.MAX_VALUE;
            long narrowing = allowed > 0 ? remaining / 4 : 0;
            // Each measured entry counts twice: its measurement, and the one at twice the step that the explanations
            // take of every entry that disagrees (all of them, for a bug spread over a block).
            long budgetCoordinates = allowed > 0 ? (remaining - narrowing) / (2L * perCoordinate) : Long.MAX_VALUE;
            plan = blockwise.plan(outcomes, budgetCoordinates, narrowing);
            evaluations += blockwise.evaluations();
            selection = plan.selection();
            measuring = plan.total();
            findings.addAll(blockwise.summary(outcomes, plan));
        }

        // Measure: every selected coordinate at the check's step.
        if (s.shard() != null) {
            long from = s.shard().from(coordinates);
            long to = s.shard().to(coordinates);
            selection = EntrySelection.range(blocks, from, to);
            measuring = to - from;
            findings.add(new Finding(Finding.Kind.SHARD, "shard " + s.shard() + ": coordinates [" + from + ", " + to
                    + ") of " + coordinates + "; the verdict of the whole check comes from merging all "
                    + s.shard().count() + " shards"));
        }
        String vanished = Steps.vanished(blocks, selection, s.epsilon(), s.precise());
        if (vanished != null) {
            if (phase.isInitial()) {
                throw new GradientCheckException(vanished);
            }
            // Training drove θ where no finite difference can be taken: say so, keep the phases that were checked.
            return new PhaseResult(phase, Double.NaN, Double.NaN, Verdict.INSPECT, List.of(),
                    List.of(new Finding(Finding.Kind.DIVERGED, phase.description() + ", " + vanished
                            + ". The phase was not checked: training has run away (lower the learning rate)")),
                    evaluations, seconds(start), j0, noise.sigma, 0, coordinates);
        }
        int workers = s.threads() > 0 ? s.threads()
                : model instanceof Replicable && coordinates >= GradientCheck.PARALLEL_MIN_COORDINATES
                ? Runtime.getRuntime().availableProcessors() : 1;
        NumericalGradient numerical = new NumericalGradient(model, null, blocks, s.step(), j0, selection,
                s.stencil(), workers, Progress.forCheck(measuring, s.progress()));
        NumericalGradient.Result num = numerical.compute();
        evaluations += numerical.evaluations();
        double jEnd = model.cost();
        evaluations++;
        if (Double.compare(jEnd, j0) != 0) {
            throw new GradientCheckException("J changed during the check from " + j0 + " to " + jEnd + " "
                    + phase.description() + " although every parameter was written back: cost() or gradients() "
                    + "keeps state of its own (a cache, a random generator, a training step)");
        }
        Precision.moved(num, noise, analytic, blocks, s.step());
        List<ComponentData> data = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            data.add(ComponentData.of(blocks.get(b), b, analytic[b], num, selection));
        }

        // Explain: twice the step where an entry needs it (a kink candidate, an error beyond noise), then a hair away.
        boolean[][] wide = new boolean[blocks.size()][];
        boolean anyWide = false;
        for (int b = 0; b < blocks.size(); b++) {
            wide[b] = Explanations.needWide(data.get(b), noise, s.stencil(), s.detectKinks(),
                    s.thresholds().good());
            anyWide |= any(wide[b]);
        }
        if (anyWide) {
            NumericalGradient h = new NumericalGradient(model, null, blocks, s.step() * 2, j0, (b, i) -> wide[b][i],
                    s.stencil(), workers, Progress.SILENT);
            NumericalGradient.Result r = h.compute();
            evaluations += h.evaluations();
            for (int b = 0; b < blocks.size(); b++) {
                data.get(b).takeWide(r, b, wide[b]);
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
                evaluations += NearbyPoint.measure(model, blocks, data, nearby, s.step(), s.stencil(), noise, phase,
                        s.seed());
            }
        }

        // Decide, with re-measurement at a larger step where noise hides a gradient (unsplit checks only).
        LargerStep larger = s.remeasure() && s.shard() == null && !s.precise()
                ? new LargerStep(model, blocks, j0, noise, s.thresholds(), s.worstEntries(), s.detectKinks()) : null;
        PhaseResult result = decide(phase, data, noise, s, larger, findings, j0, coordinates,
                LayerDiagnosis.of(model, blocks));
        if (larger != null) {
            evaluations += larger.evaluations();
        }
        if (blockwise != null) {
            result = blockwise.finish(result, outcomes, plan, findings);
        }
        // The split compares whole components; a block measured in part (fast mode, a budget) is not split.
        if (model instanceof Regularized reg && s.shard() == null
                && result.components().stream().anyMatch(c -> c.verdict() == Verdict.BUG)
                && result.components().stream().filter(c -> c.verdict() == Verdict.BUG)
                .allMatch(c -> c.checkedEntries() == c.size())) {
            RegularizationSplit split = new RegularizationSplit();
            List<Finding> more = new ArrayList<>(result.typedFindings());
            split.explain(reg, model, blocks, analytic, result.components(), s.epsilon(), more, s.thresholds());
            evaluations += split.evaluations();
            findings = more;
        } else {
            findings = result.typedFindings();
        }
        return new PhaseResult(phase, result.ratio(), result.judgedRatio(), result.verdict(), result.components(),
                findings, evaluations, seconds(start), j0, noise.sigma, result.accuracyFloor(), coordinates);
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
