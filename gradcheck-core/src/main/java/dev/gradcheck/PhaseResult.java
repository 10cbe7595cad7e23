package dev.gradcheck;

import java.util.List;
import java.util.Optional;

/**
 * One full check at one set of parameters: at initialization, or after some training.
 */
public final class PhaseResult {
    private final Phase phase;
    private final double ratio;
    private final double judgedRatio;
    private final Verdict verdict;
    private final List<ComponentResult> components;
    private final List<Finding> findings;
    private final long evaluations;
    private final double seconds;
    private final double cost;
    private final double costNoise;
    private final double accuracyFloor;
    private final int parameters;

    PhaseResult(Phase phase, double ratio, double judgedRatio, Verdict verdict, List<ComponentResult> components,
                List<Finding> findings, long evaluations, double seconds, double cost, double costNoise,
                double accuracyFloor, int parameters) {
        this.phase = phase;
        this.ratio = ratio;
        this.judgedRatio = judgedRatio;
        this.verdict = verdict;
        this.components = List.copyOf(components);
        this.findings = List.copyOf(findings);
        this.evaluations = evaluations;
        this.seconds = seconds;
        this.cost = cost;
        this.costNoise = costNoise;
        this.accuracyFloor = accuracyFloor;
        this.parameters = parameters;
    }

    public Phase phase() {
        return phase;
    }

    /**
     * The course's ratio over all of θ: dθ_approx = (J₊ − J₋)/2ε for every coordinate, nothing left out (precise
     * mode: its own stencil; fast mode and a check over the budget, which measure some coordinates only: the
     * directional ratio, or the ratio over the entries measured, an estimate the report's header marks as such).
     */
    public double ratio() {
        return ratio;
    }

    /** The ratio over the entries the checker judged, each against its reference (see {@link ComponentResult}). */
    public double judgedRatio() {
        return judgedRatio;
    }

    /** The verdict: the worst of the components' (BUG, then INSPECT for anything unresolved or not checked). */
    public Verdict verdict() {
        return verdict;
    }

    /** One result per parameter block, in declared order. */
    public List<ComponentResult> components() {
        return components;
    }

    /** The component called {@code name} ("dW2"; "W2" is accepted too). */
    public Optional<ComponentResult> component(String name) {
        return components.stream().filter(c -> c.name().equals(name) || c.block().equals(name)).findFirst();
    }

    /** Sentences about the whole phase: how noise was measured, why the verdict, warnings, what the split found. */
    public List<String> findings() {
        return findings.stream().map(Finding::sentence).toList();
    }

    /** The same findings, typed. */
    public List<Finding> typedFindings() {
        return findings;
    }

    /** How many times cost() (or a structured equivalent per perturbation) was evaluated in this phase. */
    public long evaluations() {
        return evaluations;
    }

    /** Wall-clock time of this phase in seconds. */
    public double seconds() {
        return seconds;
    }

    /** J at the checked parameters (NaN when training diverged before this phase). */
    public double cost() {
        return cost;
    }

    /** σ_J: the measured noise of one evaluation of J at these parameters (0 when not measured). */
    public double costNoise() {
        return costNoise;
    }

    /**
     * The judged ratio that J's measured noise alone would produce at this step (one standard deviation): no check
     * can be more exact than this, and a correct model's ratio sits near it. 0 when unknown (fast mode).
     */
    public double accuracyFloor() {
        return accuracyFloor;
    }

    /** Number of scalar parameters in θ. */
    public int parameters() {
        return parameters;
    }
}
