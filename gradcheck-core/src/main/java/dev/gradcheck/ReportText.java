package dev.gradcheck;

import java.util.Locale;

/** The human report: aligned, plain text, readable in a terminal and in an IDE's failure pane. */
final class ReportText {
    private ReportText() {
    }

    static String report(GradCheckReport r) {
        StringBuilder s = new StringBuilder();
        // Fast mode and a check over the budget measure some coordinates only: their ratio estimates the course's
        // number, which needs every coordinate, and the header says so where the number is.
        boolean partial = r.phases().stream().anyMatch(p -> p.typedFindings().stream()
                .anyMatch(f -> f.kind() == Finding.Kind.FAST || f.kind() == Finding.Kind.BUDGET));
        s.append(String.format(Locale.ROOT, "gradient check %s: ratio %s%s, judged %s (ε %.0e, %s; %d parameters, %d "
                        + "cost evaluations, %.3f s)%n", r.verdict(), sci(r.ratio()),
                partial ? " (estimated from the coordinates measured, not the course's ratio over every coordinate)"
                        : "", sci(r.judgedRatio()), r.epsilon(),
                r.method(), r.parameters(), r.evaluations(), r.seconds()));
        for (PhaseResult p : r.phases()) {
            phase(s, p);
        }
        return s.toString();
    }

    static void phase(StringBuilder s, PhaseResult p) {
        s.append(String.format(Locale.ROOT, "%n[%s] %s  ratio %s  judged %s  J = %.6g  (%d evaluations, %.3f s%s)%n",
                p.phase().label(), p.verdict(), sci(p.ratio()), sci(p.judgedRatio()), p.cost(), p.evaluations(),
                p.seconds(), p.accuracyFloor() > 0 ? String.format(Locale.ROOT, "; accuracy floor ≈ %.0e",
                        p.accuracyFloor()) : ""));
        if (p.components().isEmpty()) {
            for (String f : p.findings()) {
                s.append("  ").append(f).append(System.lineSeparator());
            }
            return;
        }
        int nameWidth = Math.max(9, p.components().stream().mapToInt(c -> c.name().length()).max().orElse(0));
        int shapeWidth = Math.max(5, p.components().stream().mapToInt(c -> c.shape().length()).max().orElse(0));
        String row = "  %-" + nameWidth + "s  %-" + shapeWidth + "s  %-9s  %-9s  %-7s  %-11s  %-11s  %s%n";
        s.append(String.format(Locale.ROOT, row, "component", "shape", "ratio", "judged", "verdict", "‖dθ‖",
                "‖dθ_approx‖", ""));
        for (ComponentResult c : p.components()) {
            if (c.checkedEntries() == 0 && c.notCheckedReason().filter("not in this shard"::equals).isPresent()) {
                s.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s  %-" + shapeWidth + "s  not in this "
                        + "shard%n", c.name(), c.shape()));
                continue;
            }
            if (!c.checked()) {
                // Never a ratio of 0 as GOOD: say what kept the component from being judged.
                s.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s  %-" + shapeWidth + "s  %-9s  %s%n",
                        c.name(), c.shape(), sci(c.ratio()), c.notCheckedReason().orElse("")));
                continue;
            }
            s.append(String.format(Locale.ROOT, row, c.name(), c.shape(), sci(c.ratio()), sci(c.judgedRatio()),
                    c.verdict(), sci(c.analyticNorm()), sci(c.numericalNorm()),
                    c.setAsideEntries() > 0 ? c.setAsideEntries() + " of " + c.checkedEntries() + " set aside"
                            : c.checkedEntries() < c.size() && !c.data().complete() ? String.format(Locale.ROOT,
                            "%,d of %,d entries measured", c.checkedEntries(), c.size()) : ""));
        }
        for (String f : p.findings()) {
            s.append("  ").append(f).append(System.lineSeparator());
        }
        for (ComponentResult c : p.components()) {
            if (c.verdict() != Verdict.GOOD) {
                entries(s, c);
            }
            for (String h : c.hints()) {
                s.append("  hint ").append(c.name()).append(": ").append(h).append(System.lineSeparator());
            }
        }
    }

    static void entries(StringBuilder s, ComponentResult c) {
        if (c.worstEntries().isEmpty()) {
            return;
        }
        s.append(String.format(Locale.ROOT, "  %s worst entries%s:%n", c.name(), c.transposed()
                ? " (the model stores " + c.block() + " inputs × units: (row, col) here is its [col][row])" : ""));
        String row = "    %-12s  %13s  %13s  %10s  %9s%n";
        s.append(String.format(Locale.ROOT, row, "(row, col)", "analytic", "numerical", "|diff|", "rel.diff"));
        for (EntryResult e : c.worstEntries()) {
            s.append(String.format(Locale.ROOT, row, "(" + e.row() + ", " + e.column() + ")",
                    String.format(Locale.ROOT, "%.6e", e.analytic()), String.format(Locale.ROOT, "%.6e", e.numerical()),
                    sci(e.absoluteDifference()), sci(e.relativeDifference())));
        }
    }

    /** One component's report, for a failing test node. */
    static String component(ComponentResult c) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s (%s) %s: ratio %s, judged %s (accuracy floor %s), ‖%s‖ = %.3e, "
                        + "‖%s_approx‖ = %.3e%n", c.name(), c.shape(), c.verdict(), sci(c.ratio()), sci(c.judgedRatio()),
                sci(c.accuracyFloor()), c.name(), c.analyticNorm(), c.name(), c.numericalNorm()));
        entries(s, c);
        for (String h : c.hints()) {
            s.append("  hint: ").append(h).append(System.lineSeparator());
        }
        return s.toString();
    }

    static String sci(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2e", v);
    }
}
