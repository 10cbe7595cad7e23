package dev.gradcheck.junit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Shard;
import dev.gradcheck.Verdict;

/** Texts shared by the test nodes and the assertions: node names, failure messages, expected/actual values. */
final class Messages {
    /** Above this many entries expected/actual list the worst entries only, not the whole block. */
    static final int MAX_DIFF_ENTRIES = 2000;

    private Messages() {
    }

    /** {@code 3.2e-09}: the ratio as node names show it. */
    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.1e", r);
    }

    /** {@code [init] dW1 · 3.2e-09 GOOD}. */
    static String componentNode(PhaseResult p, ComponentResult c) {
        return "[" + p.phase().label() + "] " + c.name() + " · " + ratio(c.ratio()) + " " + c.verdict();
    }

    /**
     * {@code [init] dW1 · 3.2e-09 GOOD}, and in a shard of a split check
     * {@code [init] dW2 · 3.3e-01 BUG · shard 2/4, 12 of 15 entries}.
     */
    static String componentNode(GradCheckReport r, PhaseResult p, ComponentResult c) {
        String node = componentNode(p, c);
        if (r.shard().isEmpty()) {
            return node;
        }
        return node + " · shard " + r.shard().get() + (c.checkedEntries() == c.size() ? ""
                : ", " + c.checkedEntries() + " of " + c.size() + " entries");
    }

    /** True for a block that lies entirely in other shards: its node belongs to another CI job. */
    static boolean outsideShard(GradCheckReport r, ComponentResult c) {
        return r.shard().isPresent() && c.checkedEntries() == 0 && c.size() > 0;
    }

    /** {@code " · shard 2/4"}, or "" for an unsplit check. */
    static String shardSuffix(Optional<Shard> shard) {
        return shard.map(s -> " · shard " + s).orElse("");
    }

    /** {@code [init] θ · 3.2e-09 GOOD}: the whole phase, when no component node carries its verdict. */
    static String phaseNode(PhaseResult p) {
        return "[" + p.phase().label() + "] θ · " + ratio(p.ratio()) + " " + p.verdict();
    }

    /** {@code [report] 3.2e-09 GOOD}; in a shard {@code [report] 3.2e-09 GOOD · shard 2/4 (partial)}. */
    static String reportNode(GradCheckReport r) {
        return "[report] " + ratio(r.ratio()) + " " + r.verdict() + (r.shard().isPresent() ? shardSuffix(r.shard())
                + " (partial)" : "");
    }

    /** The failure message of a component node: its report, then what the phase as a whole found. */
    static String componentFailure(String model, PhaseResult p, ComponentResult c, boolean strict) {
        StringBuilder s = new StringBuilder();
        s.append(c.toString().stripTrailing()).append('\n');
        if (c.verdict() == Verdict.INSPECT && strict) {
            s.append("INSPECT fails this node because the check is strict (@GradCheck(strict = true) or "
                    + "gradcheck.strict=true)\n");
        }
        phaseSummary(s, model, p);
        return s.toString().stripTrailing();
    }

    /** The failure message of a phase node: the phase's verdict, findings and component lines. */
    static String phaseFailure(String model, PhaseResult p) {
        StringBuilder s = new StringBuilder();
        phaseSummary(s, model, p);
        for (ComponentResult c : p.components()) {
            s.append(c.toString().stripTrailing()).append('\n');
        }
        return s.toString().stripTrailing();
    }

    private static void phaseSummary(StringBuilder s, String model, PhaseResult p) {
        s.append(String.format(Locale.ROOT, "gradient check of %s %s: %s, ratio %.2e over θ%n", model,
                p.phase().description(), p.verdict(), p.ratio()));
        for (String f : p.findings()) {
            s.append("  ").append(f).append('\n');
        }
    }

    /** The numerical gradient of {@code c} as a readable matrix (expected value of a failing node). */
    static String numerical(ComponentResult c) {
        return matrix(c, c.numerical(), true);
    }

    /** The analytic gradient of {@code c} as a readable matrix (actual value of a failing node). */
    static String analytic(ComponentResult c) {
        return matrix(c, c.analytic(), false);
    }

    /**
     * One line per row, {@code %.6e} per entry, headed identically on both sides so that an IDE's diff shows only
     * the entries that differ. Large blocks show their worst entries only.
     */
    private static String matrix(ComponentResult c, double[] values, boolean numerical) {
        StringBuilder s = new StringBuilder();
        if (values.length > MAX_DIFF_ENTRIES) {
            s.append(c.name()).append(" (").append(c.shape()).append("), worst entries:\n");
            for (EntryResult e : c.worstEntries()) {
                s.append(String.format(Locale.ROOT, "(%d, %d) %14.6e%n", e.row(), e.column(),
                        numerical ? e.numerical() : e.analytic()));
            }
            return s.toString();
        }
        s.append(c.name()).append(" (").append(c.shape()).append("):\n");
        int cols = c.cols();
        for (int r = 0; r < c.rows(); r++) {
            s.append('[');
            for (int k = 0; k < cols; k++) {
                s.append(String.format(Locale.ROOT, "%14.6e", values[r * cols + k]));
                s.append(k + 1 < cols ? "," : " ");
            }
            s.append("]\n");
        }
        return s.toString();
    }
}
