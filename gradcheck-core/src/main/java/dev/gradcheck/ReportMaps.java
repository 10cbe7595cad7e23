package dev.gradcheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as nested maps and lists, and back. A shard's report also carries its raw data (the block values, dθ and
 * its slice of dθ_approx), so that shards written as JSON by separate CI jobs can be read back and merged exactly.
 */
final class ReportMaps {
    private ReportMaps() {
    }

    static Map<String, Object> toMap(GradCheckReport r) {
        Map<String, Object> m = r.summaryMap();
        GradCheckReport.Settings s = r.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("epsilon", s.epsilon());
        settings.put("good", s.thresholds().good());
        settings.put("bug", s.thresholds().bug());
        settings.put("standOut", s.thresholds().standOut());
        settings.put("worstEntries", s.worstEntries());
        settings.put("detectKinks", s.detectKinks());
        settings.put("precise", s.precise());
        m.put("settings", settings);
        if (s.shard() == null) {
            return m;
        }
        m.put("shard", s.shard().toString());
        List<?> phases = (List<?>) m.get("phases");
        for (int p = 0; p < phases.size(); p++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> pm = (Map<String, Object>) phases.get(p);
            PhaseResult phase = r.phases().get(p);
            pm.put("keepProb", phase.phase().keepProb());
            List<Object> typed = new ArrayList<>();
            for (Finding f : phase.typedFindings()) {
                typed.add(Map.of("kind", f.kind().name(), "sentence", f.sentence()));
            }
            pm.put("typedFindings", typed);
            List<?> cs = (List<?>) pm.get("components");
            for (int c = 0; c < cs.size(); c++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> cm = (Map<String, Object>) cs.get(c);
                cm.put("data", data(phase.components().get(c).data()));
            }
        }
        return m;
    }

    private static Map<String, Object> data(ComponentData d) {
        int from = 0;
        while (from < d.size() && !d.selected[from]) {
            from++;
        }
        int to = from;
        while (to < d.size() && d.selected[to]) {
            to++;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("block", d.block);
        m.put("rows", d.rows);
        m.put("cols", d.cols);
        m.put("transposed", d.transposed);
        m.put("values", list(d.values, 0, d.size()));
        m.put("analytic", list(d.analytic, 0, d.size()));
        m.put("from", from);
        m.put("to", to);
        m.put("numerical", list(d.numerical, from, to));
        m.put("central", list(d.central, from, to));
        m.put("forward", list(d.forward, from, to));
        m.put("backward", list(d.backward, from, to));
        m.put("step", list(d.step, from, to));
        // Sparse: only the entries that were re-measured (JSON has no NaN for "not measured").
        m.put("wide", sparse(d, from, to, d.wide, d.wideForward, d.wideBackward));
        m.put("nearby", sparse(d, from, to, d.nearbyError, d.nearbySd));
        m.put("local", sparse(d, from, to, d.localSigma));
        return m;
    }

    private static List<List<Double>> sparse(ComponentData d, int from, int to, double[]... arrays) {
        List<List<Double>> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(arrays[0][i])) {
                List<Double> row = new ArrayList<>();
                row.add((double) i);
                for (double[] a : arrays) {
                    row.add(a[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void unsparse(List<?> rows, double[]... arrays) {
        for (Object o : rows) {
            List<?> row = (List<?>) o;
            int i = (int) num(row.get(0));
            for (int k = 0; k < arrays.length; k++) {
                arrays[k][i] = num(row.get(k + 1));
            }
        }
    }

    private static List<Double> list(double[] a, int from, int to) {
        List<Double> l = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            l.add(a[i]);
        }
        return l;
    }

    static GradCheckReport fromMap(Map<String, Object> m) {
        try {
            Map<?, ?> s = (Map<?, ?>) m.get("settings");
            if (s == null || m.get("shard") == null) {
                throw new GradientCheckException("only the report of a shard (run with shard(k/n)) carries the data "
                        + "to be read back; this map has no 'shard' or 'settings'");
            }
            Thresholds t = new Thresholds(num(s.get("good")), num(s.get("bug")), num(s.get("standOut")));
            GradCheckReport.Settings settings = new GradCheckReport.Settings(num(s.get("epsilon")), t,
                    (int) num(s.get("worstEntries")), (Boolean) s.get("detectKinks"),
                    Shard.parse((String) m.get("shard")), Boolean.TRUE.equals(s.get("precise")));
            List<PhaseResult> phases = new ArrayList<>();
            for (Object po : (List<?>) m.get("phases")) {
                Map<?, ?> pm = (Map<?, ?>) po;
                Phase phase = new Phase((int) num(pm.get("steps")), num(pm.get("keepProb")));
                double j0 = num(pm.get("cost"));
                List<ComponentData> data = new ArrayList<>();
                for (Object co : (List<?>) pm.get("components")) {
                    data.add(data((Map<?, ?>) ((Map<?, ?>) co).get("data")));
                }
                List<Finding> findings = new ArrayList<>();
                if (pm.get("typedFindings") instanceof List<?> typed) {
                    for (Object f : typed) {
                        Map<?, ?> fm = (Map<?, ?>) f;
                        findings.add(new Finding(Finding.Kind.valueOf((String) fm.get("kind")),
                                (String) fm.get("sentence")));
                    }
                }
                Noise noise = Noise.of(num(pm.get("costNoise")), j0);
                PhaseResult p = PhaseCheck.decide(phase, data, noise, ShardMerge.settings(settings), null,
                        findings.stream().filter(f -> f.kind() != Finding.Kind.SUMMARY
                                && f.kind() != Finding.Kind.ORIGIN).toList(), j0,
                        (int) num(m.get("parameters")));
                phases.add(new PhaseResult(phase, p.ratio(), p.judgedRatio(), p.verdict(), p.components(),
                        p.typedFindings(), (long) num(pm.get("evaluations")), num(pm.get("seconds")), j0,
                        noise.sigma, p.accuracyFloor(), p.parameters()));
            }
            return new GradCheckReport(phases, settings, (String) m.get("method"));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new GradientCheckException("not a gradcheck shard report: " + e.getMessage(), e);
        }
    }

    private static ComponentData data(Map<?, ?> m) {
        int rows = (int) num(m.get("rows"));
        int cols = (int) num(m.get("cols"));
        int size = rows * cols;
        int from = (int) num(m.get("from"));
        int to = (int) num(m.get("to"));
        double[] numerical = new double[size];
        double[] central = new double[size];
        double[] forward = new double[size];
        double[] backward = new double[size];
        double[] step = new double[size];
        boolean[] selected = new boolean[size];
        fill(numerical, from, (List<?>) m.get("numerical"));
        fill(central, from, (List<?>) m.get("central"));
        fill(forward, from, (List<?>) m.get("forward"));
        fill(backward, from, (List<?>) m.get("backward"));
        fill(step, from, (List<?>) m.get("step"));
        for (int i = from; i < to; i++) {
            selected[i] = true;
        }
        double[] values = new double[size];
        double[] analytic = new double[size];
        fill(values, 0, (List<?>) m.get("values"));
        fill(analytic, 0, (List<?>) m.get("analytic"));
        ComponentData d = new ComponentData((String) m.get("block"), rows, cols, values, analytic, numerical, central,
                forward, backward, step, selected);
        d.transposed = Boolean.TRUE.equals(m.get("transposed"));
        unsparse((List<?>) m.get("wide"), d.wide, d.wideForward, d.wideBackward);
        unsparse((List<?>) m.get("nearby"), d.nearbyError, d.nearbySd);
        if (m.get("local") != null) {
            unsparse((List<?>) m.get("local"), d.localSigma);
        }
        return d;
    }

    private static void fill(double[] into, int from, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            into[from + i] = num(values.get(i));
        }
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
