package dev.gradcheck;

import java.util.List;
import java.util.Optional;

/**
 * One full check at one set of parameters: at initialization, or after some training.
 */
public final class PhaseResult {
    private final Phase phase;
    private final double ratio;
    private final Verdict verdict;
    private final List<ComponentResult> components;
    private final List<String> findings;
    private final long evaluations;
    private final double seconds;
    private final double cost;
    private final double accuracyFloor;
    /** θ's size when there are no components to count it from (a fast-mode phase that passed); else -1. */
    private final int parameters;

    PhaseResult(Phase phase, double ratio, Verdict verdict, List<ComponentResult> components, List<String> findings,
                long evaluations, double seconds, double cost, double accuracyFloor) {
        this(phase, ratio, verdict, components, findings, evaluations, seconds, cost, accuracyFloor, -1);
    }

    PhaseResult(Phase phase, double ratio, Verdict verdict, List<ComponentResult> components, List<String> findings,
                long evaluations, double seconds, double cost, double accuracyFloor, int parameters) {
        this.parameters = parameters;
        this.accuracyFloor = accuracyFloor;
        this.phase = phase;
        this.ratio = ratio;
        this.verdict = verdict;
        this.components = List.copyOf(components);
        this.findings = List.copyOf(findings);
        this.evaluations = evaluations;
        this.seconds = seconds;
        this.cost = cost;
    }

    public Phase phase() {
        return phase;
    }

    /** The relative-norm ratio over all of θ (non-differentiable entries left out). */
    public double ratio() {
        return ratio;
    }

    /** The verdict after the drill-down into components. */
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

    /** Sentences about the whole phase: why the verdict is what it is, warnings, what the drill-down found. */
    public List<String> findings() {
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

    /** J at the checked parameters. */
    public double cost() {
        return cost;
    }

    /**
     * The ratio that round-off in J alone would produce at this step: no check can be more exact than this, and a
     * correct model's ratio sits near it. 0 when unknown (fast mode).
     */
    public double accuracyFloor() {
        return accuracyFloor;
    }

    /** Number of scalar parameters in θ (also in a fast-mode phase, which has no per-component results). */
    public int parameters() {
        return parameters >= 0 ? parameters : components.stream().mapToInt(ComponentResult::size).sum();
    }
}
