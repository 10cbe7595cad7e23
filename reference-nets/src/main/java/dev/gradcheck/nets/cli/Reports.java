package dev.gradcheck.nets.cli;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.Verdict;

import java.io.PrintWriter;
import java.util.List;

/** Printing the check of a network for a person. */
final class Reports {
    private Reports() {
    }

    /** The report of every phase (with dropout, the frozen-dropout phases among them), after a blank line. */
    static void print(PrintWriter out, GradCheckReport report) {
        out.println();
        out.print(report);
    }

    /** The components a report calls BUG, in block order. */
    static List<String> flagged(GradCheckReport r) {
        return r.components().stream().filter(c -> c.verdict() == Verdict.BUG).map(ComponentResult::name).toList();
    }

    /** The first hint on {@code component}, or on the first BUG component, or "". */
    static String hint(GradCheckReport r, String component) {
        for (ComponentResult c : r.components()) {
            if (c.name().equals(component) && !c.hints().isEmpty()) {
                return c.hints().get(0);
            }
        }
        for (ComponentResult c : r.components()) {
            if (c.verdict() == Verdict.BUG && !c.hints().isEmpty()) {
                return c.hints().get(0);
            }
        }
        return "";
    }
}
