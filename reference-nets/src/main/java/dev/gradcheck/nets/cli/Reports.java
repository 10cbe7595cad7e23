package dev.gradcheck.nets.cli;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.Verdict;
import dev.gradcheck.nets.NetworkCheck;

import java.io.PrintWriter;
import java.util.List;

/** Printing the checks of a network for a person. */
final class Reports {
    private Reports() {
    }

    /** Each report with a title saying what it checks, then the verdict. */
    static void print(PrintWriter out, NetworkCheck.Result result, double keepProb) {
        if (result.masksFrozen() == null) {
            out.println();
            out.print(result.dropoutOff());
            return;
        }
        out.println();
        out.println("check 1 of 2: the gradient check (it forces keep-prob to 1.0, then restores it)");
        out.print(result.dropoutOff());
        out.println();
        out.println("check 2 of 2: dropout's own backprop, with the masks frozen at keep-prob " + keepProb
                + " (the same masks in every evaluation)");
        out.print(result.masksFrozen());
        out.println();
        out.println("verdict: " + result.verdict() + (result.decidedByFrozenMasks() ? " (from the frozen-mask check)"
                : ""));
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
