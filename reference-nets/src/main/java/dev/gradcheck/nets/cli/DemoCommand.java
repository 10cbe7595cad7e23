package dev.gradcheck.nets.cli;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.NetworkCheck;
import dev.gradcheck.nets.bugs.Bug;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code demo}: a correct reference network checked at initialization and after training (with L2 and dropout, so
 * the keep-prob forcing shows, and dropout's own backprop checked in the frozen-dropout phases), then every catalogue
 * bug caught and localized, then a summary. Exit 0 when the correct network passes and every bug is caught.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Check a correct reference network, then catch every bug of the catalogue.",
                "Exit code 0 when the correct network passes and every bug is caught."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** One bug's outcome. */
    record Caught(Bug bug, String expected, GradCheckReport report) {
        boolean caught() {
            return report.verdict() == Verdict.BUG && Reports.flagged(report).contains(expected);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        out.println("gradcheck demo: a reference network of the course notes, checked; then every classic backprop "
                + "bug of the catalogue, injected one at a time, caught and localized.");

        Settings correct = Settings.demo();
        Network net = correct.build();
        out.println();
        out.println("== 1. A correct network, at initialization and after " + correct.trainSteps()
                + " steps of gradient descent ==");
        out.println("network: " + net.describe());
        GradCheckReport good = NetworkCheck.run(net, correct.epsilon(), correct.trainSteps());
        Reports.print(out, good);
        boolean correctPasses = good.verdict() != Verdict.BUG;

        Bug[] bugs = Bug.values();
        out.println();
        out.println("== 2. The bug catalogue: " + bugs.length + " classic mistakes, each injected into one layer ==");
        List<Caught> outcomes = new ArrayList<>();
        for (int i = 0; i < bugs.length; i++) {
            Bug bug = bugs[i];
            Network buggy = Settings.forBug(bug).build();
            String expected = buggy.bugComponent();
            out.println();
            out.printf(Locale.ROOT, "-- [%d/%d] %s: %s%n", i + 1, bugs.length, bug.name(), bug.description());
            out.println("network: " + buggy.describe() + "; expected in " + expected);
            GradCheckReport r = NetworkCheck.run(buggy, Settings.forBug(bug).epsilon(), 0);
            String frozenOnly = onlyFrozenDropoutIsBug(r);
            if (!frozenOnly.isEmpty()) {
                out.println("with dropout off (keep-prob forced to 1.0) the check is " + dropoutOffVerdict(r)
                        + ": the mask is all ones, so the bug only shows with the masks frozen at keep-prob "
                        + buggy.keepProb() + ", in " + frozenOnly + ":");
            }
            out.print(r);
            outcomes.add(new Caught(bug, expected, r));
        }

        out.println();
        out.println("== 3. Summary ==");
        out.println("correct network: " + verdicts(good) + (correctPasses ? " — passes" : " — FAILS"));
        String row = "  %-30s %-8s %-9s %-28s %s%n";
        out.printf(Locale.ROOT, row, "bug", "verdict", "expected", "flagged BUG", "caught");
        int caught = 0;
        for (Caught c : outcomes) {
            GradCheckReport d = c.report();
            out.printf(Locale.ROOT, row, c.bug().name(), d.verdict(), c.expected(),
                    abbreviate(Reports.flagged(d)), c.caught() ? "yes" : "NO");
            String hint = Reports.hint(d, c.expected());
            if (!hint.isEmpty()) {
                out.println("      hint: " + hint);
            }
            caught += c.caught() ? 1 : 0;
        }
        boolean ok = correctPasses && caught == outcomes.size();
        out.printf(Locale.ROOT, "%nbugs caught and localized: %d of %d; correct network %s; %.1f s%n", caught,
                outcomes.size(), correctPasses ? "passes" : "FAILS", (System.nanoTime() - start) / 1e9);
        out.flush();
        return ok ? 0 : Main.BUG;
    }

    /** "GOOD (worst phase [after 100 steps, dropout 0.8 frozen], ratio 3.1e-09)". */
    private static String verdicts(GradCheckReport r) {
        return r.verdict() + " (worst phase [" + r.phase().label() + "], ratio "
                + String.format(Locale.ROOT, "%.1e", r.ratio()) + ")";
    }

    /** The worst verdict of the phases with dropout off (keep-prob 1.0). */
    private static Verdict dropoutOffVerdict(GradCheckReport r) {
        return r.phases().stream().filter(p -> p.phase().keepProb() == 1.0).map(PhaseResult::verdict)
                .max(Verdict::compareTo).orElse(Verdict.GOOD);
    }

    /**
     * The BUG phases ("[init, dropout 0.8 frozen]") when every one of them is a frozen-dropout phase (keep-prob
     * &lt; 1), so dropout off would not have caught the bug; else "".
     */
    private static String onlyFrozenDropoutIsBug(GradCheckReport r) {
        List<PhaseResult> bug = r.phases().stream().filter(p -> p.verdict() == Verdict.BUG).toList();
        if (bug.isEmpty() || !bug.stream().allMatch(p -> p.phase().keepProb() < 1)) {
            return "";
        }
        return String.join(", ", bug.stream().map(p -> "[" + p.phase().label() + "]").toList());
    }

    private static String abbreviate(List<String> names) {
        if (names.isEmpty()) {
            return "-";
        }
        String all = String.join(",", names);
        return all.length() <= 28 ? all : names.get(names.size() - 1) + " … (" + names.size() + " components)";
    }
}
