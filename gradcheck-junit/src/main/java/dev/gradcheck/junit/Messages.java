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

/**
 * Every text the extension and the assertions show, one factory per text: node names, failure messages, report
 * entries, the printed report and summary line, expected/actual values.
 *
 * <p>Node names are <b>stable</b>: model, phase and component only ({@code [init] dW2 (3×5)}), never a computed
 * number, because a ratio differs between JDKs and code changes and CI servers track tests by name. The numbers go
 * in the messages.
 */
final class Messages {
    /** Above this many entries expected/actual list the worst entries only, not the whole block. */
    static final int MAX_DIFF_ENTRIES = 2000;

    private Messages() {
    }

    // ------------------------------------------------------------------------------------------------ node names

    /** {@code [init] dW2 (3×5)}; in a shard of a split check {@code [init] dW2 (3×5) · shard 2/4}. */
    static String componentNode(GradCheckReport r, PhaseResult p, ComponentResult c) {
        return phase(p) + " " + c.name() + " (" + c.shape() + ")" + shardSuffix(r.shard());
    }

    /** {@code [init] θ}: the whole phase, when no component node carries its verdict. */
    static String phaseNode(GradCheckReport r, PhaseResult p) {
        return phase(p) + " θ" + shardSuffix(r.shard());
    }

    /** {@code [init, dropout 0.8 frozen] not checked}: a phase the checker could not run. */
    static String phaseNotCheckedNode(PhaseResult p) {
        return phase(p) + " not checked";
    }

    /** {@code [report]}, which runs the method's body; in a shard {@code [report] · shard 2/4 (partial)}. */
    static String reportNode(GradCheckReport r) {
        return "[report]" + r.shard().map(s -> " · shard " + s + " (partial)").orElse("");
    }

    /** {@code [error] the check could not run}. */
    static String errorNode() {
        return "[error] the check could not run";
    }

    private static String phase(PhaseResult p) {
        return "[" + p.phase().label() + "]";
    }

    private static String shardSuffix(Optional<Shard> shard) {
        return shard.map(s -> " · shard " + s).orElse("");
    }

    // ------------------------------------------------------------------------------------------------- messages

    /**
     * A component node's failure: {@code net 3-4-1 [init] dW2 (1×4) BUG: ratio 3.33e-01, ...} (model and phase first,
     * so that Surefire's one-line console summary says which model, phase and component), then the component's
     * report and what the phase as a whole found.
     */
    static String componentFailure(String model, PhaseResult p, ComponentResult c, boolean strict) {
        StringBuilder s = new StringBuilder();
        s.append(model).append(' ').append(phase(p)).append(' ').append(c.toString().stripTrailing()).append('\n');
        if (c.verdict() == Verdict.INSPECT && strict) {
            s.append("INSPECT fails this node because the check is strict (@GradCheck(strict = true) or "
                    + "gradcheck.strict=true)\n");
        }
        phaseSummary(s, model, p);
        return s.toString().stripTrailing();
    }

    /** A phase node's failure: the phase's verdict, findings and component lines. */
    static String phaseFailure(String model, PhaseResult p) {
        StringBuilder s = new StringBuilder();
        phaseSummary(s, model, p);
        for (ComponentResult c : p.components()) {
            s.append(c.toString().stripTrailing()).append('\n');
        }
        return s.toString().stripTrailing();
    }

    /** Why a component has an aborted node in this run: its entries all lie in other shards. */
    static String outsideShard(GradCheckReport r, ComponentResult c) {
        return c.name() + " (" + c.shape() + ") has no entry in shard " + r.shard().orElseThrow()
                + ": another CI job's shard checks it";
    }

    /** The report entry of a component node: its numbers, e.g. {@code dW1 (5×4) GOOD, ratio 3.2e-09}. */
    static String componentEntry(GradCheckReport r, ComponentResult c) {
        String entries = r.shard().isPresent() && c.checkedEntries() != c.size()
                ? ", " + c.checkedEntries() + " of " + c.size() + " entries in this shard" : "";
        String setAside = c.setAsideEntries() > 0 ? ", " + c.setAsideEntries() + " set aside" : "";
        String only = !c.checked() && c.checkedEntries() == 0 && r.shard().isEmpty()
                ? " (" + c.notCheckedReason().orElse("") + ")" : "";
        return String.format(Locale.ROOT, "%s (%s) %s, ratio %.2e, judged %.2e%s%s%s", c.name(), c.shape(),
                c.verdict(), c.ratio(), c.judgedRatio(), setAside, entries, only);
    }

    /** The report entry of the {@code [report]} node, e.g. {@code net 3-4-1: GOOD, ratio 3.2e-09}. */
    static String reportEntry(String model, GradCheckReport r) {
        return String.format(Locale.ROOT, "%s: %s, ratio %.2e, judged %.2e", model, r.verdict(), r.ratio(),
                r.judgedRatio());
    }

    private static void phaseSummary(StringBuilder s, String model, PhaseResult p) {
        s.append(String.format(Locale.ROOT, "gradient check of %s %s: %s, ratio %.2e over θ%n", model,
                p.phase().description(), p.verdict(), p.ratio()));
        for (String f : p.findings()) {
            s.append("  ").append(f).append('\n');
        }
    }

    // --------------------------------------------------------------------------------------- the printed report

    /** The whole report as printed to the test's output: where it comes from, the report, the files. */
    static String printedReport(String model, String test, GradCheckReport report, String files) {
        StringBuilder out = new StringBuilder();
        out.append("gradient check of ").append(model).append(" (").append(test).append(")");
        report.shard().ifPresent(sh -> out.append(": shard ").append(sh).append(" only, a partial verdict; merge "
                + "the JSON reports of all ").append(sh.count()).append(" shards for the whole check"));
        out.append('\n').append(report.toString().stripTrailing()).append('\n').append(files).append('\n');
        return out.toString();
    }

    /**
     * One line for a check that passed: {@code gradcheck: net 3-4-1 (NetTest.net) GOOD, ratio 3.2e-09, 2 phases,
     * 21 parameters, 0.05 s; report: target/gradcheck/...html}.
     */
    static String summaryLine(String model, String test, GradCheckReport r, String files) {
        List<PhaseResult> phases = r.phases();
        return String.format(Locale.ROOT, "gradcheck: %s (%s) %s, ratio %.2e, %d phase%s, %d parameters, %.2f s%s; %s%n",
                model, test, r.verdict(), r.ratio(), phases.size(), phases.size() == 1 ? "" : "s", r.parameters(),
                r.seconds(), r.shard().map(s -> ", shard " + s + " (partial)").orElse(""), files);
    }

    /** The files line: {@code report: /abs/target/gradcheck/...html}, or why they could not be written. */
    static String filesLine(java.nio.file.Path html, java.nio.file.Path dir, Exception error) {
        return error == null ? "report: " + html.toAbsolutePath().normalize()
                : "(the report files could not be written to " + dir + ": " + error + ")";
    }

    /** Printed when the checker refused the model; the {@code [error]} node fails with the exception itself. */
    static String couldNotRun(String model, Throwable e) {
        return "gradient check of " + model + " could not run: " + e;
    }

    // ------------------------------------------------------------------------------------- AssertJ assertions

    /** {@code Expected the gradient check of net 3-4-1 to pass, but it was BUG with ratio 3.2e-01:} and the report. */
    static String shouldPass(String subject, GradCheckReport r) {
        return String.format(Locale.ROOT, "Expected %s to pass, but it was %s with ratio %.1e%s:%n%s", subject,
                r.verdict(), r.ratio(), r.verdict() == Verdict.INSPECT ? " (INSPECT fails a strict check)" : "", r);
    }

    static String shouldFail(String subject, GradCheckReport r) {
        return String.format(Locale.ROOT, "Expected %s to fail, but it was %s with ratio %.1e:%n%s", subject,
                r.verdict(), r.ratio(), r);
    }

    static String shouldHaveVerdict(String subject, Verdict expected, GradCheckReport r) {
        return String.format(Locale.ROOT, "Expected %s to be %s, but it was %s with ratio %.1e:%n%s", subject,
                expected, r.verdict(), r.ratio(), r);
    }

    static String shouldHaveRatioBelow(String subject, double max, GradCheckReport r) {
        return String.format(Locale.ROOT, "Expected %s to have a ratio below %.1e, but it was %.2e (%s):%n%s",
                subject, max, r.ratio(), r.verdict(), r);
    }

    static String shouldHaveComponent(String subject, String name, String names) {
        return "Expected " + subject + " to have a component " + name + ", but its components are "
                + (names.isEmpty() ? "none (fast mode checks θ as a whole)" : names);
    }

    static String componentShouldBeBug(String name, String subject, ComponentResult c) {
        return String.format(Locale.ROOT, "Expected %s in %s to be a BUG, but it was %s with ratio %.1e:%n%s", name,
                subject, c.verdict(), c.ratio(), c.toString().stripTrailing());
    }

    static String componentShouldHaveVerdict(String name, String subject, Verdict expected, ComponentResult c) {
        return String.format(Locale.ROOT, "Expected %s in %s to be %s, but it was %s with ratio %.1e:%n%s", name,
                subject, expected, c.verdict(), c.ratio(), c.toString().stripTrailing());
    }

    static String componentShouldHaveHint(String name, String subject, String text, ComponentResult c) {
        return String.format(Locale.ROOT, "Expected a hint about %s in %s to contain \"%s\", but its hints are %s:%n%s",
                name, subject, text, c.hints(), c.toString().stripTrailing());
    }

    /** {@code Expected dW2 in the gradient check of net 3-4-1 to be GOOD, but it was BUG with ratio 3.3e-01 after ...}. */
    static String componentShould(String name, String subject, String expectation, PhaseResult p, ComponentResult c) {
        return String.format(Locale.ROOT, "Expected %s in %s %s, but it was %s with ratio %.1e %s:%n%s", name, subject,
                expectation, c.verdict(), c.ratio(), p.phase().description(), c.toString().stripTrailing());
    }

    // -------------------------------------------------------------------------------------------- expected/actual

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
