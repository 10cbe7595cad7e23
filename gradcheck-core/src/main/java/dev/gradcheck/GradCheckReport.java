package dev.gradcheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a gradient check: one {@link PhaseResult} per phase (at initialization, and after training when
 * asked). {@link #ratio()}, {@link #verdict()} and {@link #components()} are those of the worse phase;
 * {@link #toString()} is the human report of every phase.
 */
public final class GradCheckReport {
    /** How the check was run: what a merge of shards needs to recompute the report. */
    record Settings(double epsilon, Thresholds thresholds, int worstEntries, boolean detectKinks, Shard shard,
                    boolean precise) {
    }

    private final List<PhaseResult> phases;
    private final Settings settings;
    private final double epsilon;
    private final Thresholds thresholds;
    private final String method;

    GradCheckReport(List<PhaseResult> phases, Settings settings, String method) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one phase");
        }
        this.phases = List.copyOf(phases);
        this.settings = settings;
        this.epsilon = settings.epsilon();
        this.thresholds = settings.thresholds();
        this.method = method;
    }

    /** The shard this report covers, when the check was split; empty for a whole check or a merged one. */
    public Optional<Shard> shard() {
        return Optional.ofNullable(settings.shard());
    }

    Settings settings() {
        return settings;
    }

    /**
     * Merges the reports of all n shards of one split check into the report of the whole check: the same ratios,
     * verdicts, worst entries and hints an unsplit check gives, because every component is recomputed from the
     * merged numerical gradient in the same order.
     *
     * @throws GradientCheckException naming what does not fit: a missing or repeated shard, shards of different
     *                                checks (another ε, other parameters, other blocks)
     */
    public static GradCheckReport merge(List<GradCheckReport> shards) {
        return ShardMerge.merge(shards);
    }

    /** Rebuilds a report from {@link #toMap()} output (for example JSON read back), including a shard's raw data. */
    public static GradCheckReport fromMap(Map<String, Object> map) {
        return ReportMaps.fromMap(map);
    }

    /** Every phase, in the order they ran. */
    public List<PhaseResult> phases() {
        return phases;
    }

    /** The phase with the worse verdict (the later one on a tie of verdicts and ratios). */
    public PhaseResult worstPhase() {
        return phases.stream()
                .max(Comparator.comparing(PhaseResult::verdict).thenComparingDouble(PhaseResult::ratio))
                .orElseThrow();
    }

    /**
     * The course's relative-norm ratio of the worse phase: ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂) with
     * dθ_approx = (J₊ − J₋)/2ε over every coordinate, as the course's notebook computes it for the same θ, J and ε.
     * The checker's judgement (see {@link #judgedRatio()}) decides the verdict but never changes this number. Two
     * modes cannot have it, since it needs every coordinate: precise mode (its own stencil) and fast mode or a check
     * over the {@linkplain GradientCheck#budget(long) budget} (some coordinates only), whose ratio is an estimate the text
     * report's header marks as such. A phase
     * that measured no gradient (training that diverged before it) has no ratio and is passed over; NaN only when no
     * phase measured one.
     */
    public double ratio() {
        return worstMeasured().map(PhaseResult::ratio).orElse(Double.NaN);
    }

    /** The ratio over the entries the checker judged in the worse phase (see {@link ComponentResult#judgedRatio()}). */
    public double judgedRatio() {
        return worstMeasured().map(PhaseResult::judgedRatio).orElse(Double.NaN);
    }

    private Optional<PhaseResult> worstMeasured() {
        return phases.stream().filter(p -> !Double.isNaN(p.ratio()))
                .max(Comparator.comparing(PhaseResult::verdict).thenComparingDouble(PhaseResult::ratio));
    }

    /** The verdict of the worse phase. */
    public Verdict verdict() {
        return worstPhase().verdict();
    }

    /** The per-component results of the worse phase, in declared block order. */
    public List<ComponentResult> components() {
        return worstPhase().components();
    }

    /** The component of the worse phase called {@code name} ("dW2" or "W2"). */
    public Optional<ComponentResult> component(String name) {
        return worstPhase().component(name);
    }

    /** The worse phase's {@link Phase}. */
    public Phase phase() {
        return worstPhase().phase();
    }

    /** The finite-difference step ε. */
    public double epsilon() {
        return epsilon;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** How the numerical gradient was obtained, e.g. "central differences" or "fast: 8 random directions". */
    public String method() {
        return method;
    }

    /** Cost evaluations over all phases. */
    public long evaluations() {
        return phases.stream().mapToLong(PhaseResult::evaluations).sum();
    }

    /** Wall-clock seconds over all phases. */
    public double seconds() {
        return phases.stream().mapToDouble(PhaseResult::seconds).sum();
    }

    /** Number of scalar parameters in θ. */
    public int parameters() {
        return phases.get(0).parameters();
    }

    /** True when the verdict is GOOD (or INSPECT, unless {@code strict}). */
    public boolean passed(boolean strict) {
        Verdict v = verdict();
        return v == Verdict.GOOD || (v == Verdict.INSPECT && !strict);
    }

    /**
     * The report as nested maps, lists, strings and numbers (insertion-ordered), ready for any JSON library: keys
     * {@code ratio, verdict, epsilon, method, parameters, evaluations, seconds, phases[]} and per phase
     * {@code phase, steps, ratio, verdict, cost, findings, components[]} with per component
     * {@code name, shape, ratio, verdict, analyticNorm, numericalNorm, hints, worstEntries[]}.
     */
    public Map<String, Object> toMap() {
        return ReportMaps.toMap(this);
    }

    Map<String, Object> summaryMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        putFinite(m, "ratio", ratio());
        putFinite(m, "judgedRatio", judgedRatio());
        m.put("verdict", verdict().name());
        m.put("epsilon", epsilon);
        m.put("method", method);
        m.put("parameters", parameters());
        m.put("evaluations", evaluations());
        m.put("seconds", seconds());
        m.put("thresholds", Map.of("good", thresholds.good(), "bug", thresholds.bug()));
        List<Object> ps = new ArrayList<>();
        for (PhaseResult p : phases) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("phase", p.phase().label());
            pm.put("steps", p.phase().steps());
            putFinite(pm, "ratio", p.ratio());
            putFinite(pm, "judgedRatio", p.judgedRatio());
            pm.put("verdict", p.verdict().name());
            putFinite(pm, "cost", p.cost());
            pm.put("costNoise", p.costNoise());
            pm.put("accuracyFloor", p.accuracyFloor());
            pm.put("evaluations", p.evaluations());
            pm.put("seconds", p.seconds());
            pm.put("findings", p.findings());
            List<Object> cs = new ArrayList<>();
            for (ComponentResult c : p.components()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("name", c.name());
                cm.put("shape", c.shape());
                cm.put("ratio", c.ratio());
                putFinite(cm, "judgedRatio", c.judgedRatio());
                cm.put("verdict", c.verdict().name());
                cm.put("checked", c.checked());
                c.notCheckedReason().ifPresent(r -> cm.put("notChecked", r));
                cm.put("judgedEntries", c.judgedEntries());
                cm.put("setAsideEntries", c.setAsideEntries());
                cm.put("analyticNorm", c.analyticNorm());
                cm.put("numericalNorm", c.numericalNorm());
                cm.put("hints", c.hints());
                List<Object> fs = new ArrayList<>();
                for (Finding f : c.findings()) {
                    fs.add(Map.of("kind", f.kind().name(), "sentence", f.sentence()));
                }
                cm.put("findings", fs);
                List<Object> es = new ArrayList<>();
                for (EntryResult e : c.worstEntries()) {
                    Map<String, Object> em = new LinkedHashMap<>();
                    em.put("row", e.row());
                    em.put("column", e.column());
                    em.put("analytic", e.analytic());
                    em.put("numerical", e.numerical());
                    em.put("relativeDifference", e.relativeDifference());
                    es.add(em);
                }
                cm.put("worstEntries", es);
                cm.put("nonDifferentiable", c.nonDifferentiable().size());
                cm.put("checkedEntries", c.checkedEntries());
                cs.add(cm);
            }
            pm.put("components", cs);
            ps.add(pm);
        }
        m.put("phases", ps);
        // Convenience for consumers that only look at one phase: the worse phase's components at the top level.
        m.put("components", ((Map<?, ?>) ps.get(phases.indexOf(worstPhase()))).get("components"));
        return m;
    }

    /** JSON has no NaN: a number that is not there (a phase that diverged, nothing judged) is left out. */
    private static void putFinite(Map<String, Object> m, String key, double v) {
        if (Double.isFinite(v)) {
            m.put(key, v);
        }
    }

    /** The human report: a header, one aligned line per component, the worst entries of failing ones, hints. */
    @Override
    public String toString() {
        return ReportText.report(this);
    }
}
