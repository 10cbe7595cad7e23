package dev.gradcheck;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Adds the shards of one split check into the report of the whole check. */
final class ShardMerge {
    private ShardMerge() {
    }

    static GradCheckReport merge(List<GradCheckReport> shards) {
        if (shards == null || shards.isEmpty()) {
            throw new GradientCheckException("nothing to merge: no shard reports given");
        }
        GradCheckReport first = shards.get(0);
        int count = first.shard().map(Shard::count).orElseThrow(() -> new GradientCheckException(
                "the first report is not a shard of a split check (it was run without shard(k/n))"));
        boolean[] seen = new boolean[count + 1];
        for (GradCheckReport r : shards) {
            Shard s = r.shard().orElseThrow(() -> new GradientCheckException("a report to merge is not a shard"));
            if (s.count() != count) {
                throw new GradientCheckException("shard " + s + " belongs to a check split " + s.count()
                        + " ways, the first one to a check split " + count + " ways");
            }
            if (seen[s.index()]) {
                throw new GradientCheckException("shard " + s + " is given twice");
            }
            seen[s.index()] = true;
            GradCheckReport.Settings a = first.settings();
            GradCheckReport.Settings b = r.settings();
            if (a.epsilon() != b.epsilon() || !a.thresholds().equals(b.thresholds())
                    || a.detectKinks() != b.detectKinks()) {
                throw new GradientCheckException("shard " + s + " was run with other settings (ε " + b.epsilon()
                        + ", " + b.thresholds() + ") than shard " + first.shard().get() + " (ε " + a.epsilon() + ", "
                        + a.thresholds() + ")");
            }
            if (r.phases().size() != first.phases().size()) {
                throw new GradientCheckException("shard " + s + " has " + r.phases().size() + " phases, shard "
                        + first.shard().get() + " has " + first.phases().size());
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (!seen[k]) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new GradientCheckException("cannot merge: shard(s) " + missing + " of " + count + " are missing");
        }
        GradCheckReport.Settings settings = first.settings();
        List<PhaseResult> phases = new ArrayList<>();
        for (int p = 0; p < first.phases().size(); p++) {
            phases.add(mergePhase(shards, p, settings));
        }
        return new GradCheckReport(phases, new GradCheckReport.Settings(settings.epsilon(), settings.thresholds(),
                settings.worstEntries(), settings.detectKinks(), null, settings.precise()), first.method() + "; merged from " + count
                + " shards");
    }

    /** The settings a merge judges with: those of the shards, without re-measurement (no model here). */
    static PhaseCheck.Settings settings(GradCheckReport.Settings s) {
        return new PhaseCheck.Settings(s.epsilon(), s.thresholds(), s.worstEntries(), s.detectKinks(), false,
                s.precise(), 0, 1, 1, null, false);
    }

    private static PhaseResult mergePhase(List<GradCheckReport> shards, int p, GradCheckReport.Settings settings) {
        PhaseResult base = shards.get(0).phases().get(p);
        List<ComponentData> merged = new ArrayList<>();
        for (ComponentResult c : base.components()) {
            merged.add(c.data().emptyLike());
        }
        long evaluations = 0;
        double seconds = 0;
        Set<Finding> findings = new LinkedHashSet<>();
        for (GradCheckReport r : shards) {
            PhaseResult phase = r.phases().get(p);
            if (!phase.phase().equals(base.phase()) || Double.compare(phase.cost(), base.cost()) != 0
                    || Double.compare(phase.costNoise(), base.costNoise()) != 0
                    || phase.components().size() != merged.size()) {
                throw new GradientCheckException("shard " + r.shard().get() + " checked another model or other "
                        + "parameters in phase " + phase.phase() + " (J = " + phase.cost() + " vs " + base.cost()
                        + ", σ_J = " + phase.costNoise() + " vs " + base.costNoise() + "): every shard must check the "
                        + "same model from the same seed");
            }
            for (int c = 0; c < merged.size(); c++) {
                ComponentData data = phase.components().get(c).data();
                if (!data.block.equals(merged.get(c).block) || data.size() != merged.get(c).size()) {
                    throw new GradientCheckException("shard " + r.shard().get() + " has block " + data.block + " ("
                            + data.rows + "×" + data.cols + ") where shard " + shards.get(0).shard().get() + " has "
                            + merged.get(c).block);
                }
                merged.get(c).takeFrom(data);
            }
            evaluations += phase.evaluations();
            seconds += phase.seconds();
            // A shard's summary described its slice, and its shard line its own coordinates: the merge writes its own.
            for (Finding f : phase.typedFindings()) {
                // A shard's summary and origin speak of its slice only; the merge decides them anew.
                if (f.kind() != Finding.Kind.SHARD && f.kind() != Finding.Kind.SUMMARY
                        && f.kind() != Finding.Kind.ORIGIN) {
                    findings.add(f);
                }
            }
        }
        for (ComponentData data : merged) {
            if (!data.complete()) {
                throw new GradientCheckException("after merging, block " + data.block + " still has unchecked "
                        + "entries: the shards do not cover θ");
            }
        }
        List<Finding> f = new ArrayList<>();
        f.add(new Finding(Finding.Kind.SHARD, "merged from " + shards.size() + " shards"));
        f.addAll(findings);
        PhaseResult decided = PhaseCheck.decide(base.phase(), merged, Noise.of(base.costNoise(), base.cost()),
                settings(settings), null, f, base.cost(), base.parameters());
        return new PhaseResult(base.phase(), decided.ratio(), decided.judgedRatio(), decided.verdict(),
                decided.components(), decided.typedFindings(), evaluations, seconds, base.cost(), base.costNoise(),
                decided.accuracyFloor(), base.parameters());
    }
}
