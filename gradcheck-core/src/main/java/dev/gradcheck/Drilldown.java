package dev.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The course says "≈1e-5: take a careful look". This is that look: an overall INSPECT becomes BUG when a component
 * stands out, and a GOOD overall ratio does not hide a block that is wrong on its own (a small db drowned by a
 * large dW).
 */
final class Drilldown {
    private Drilldown() {
    }

    static Verdict verdict(double ratio, List<ComponentResult> components, Thresholds t, List<String> findings,
                           Comparison.Sums total, boolean sweptGood) {
        Verdict overall = t.verdictOf(ratio);
        // Beyond the round-off floor: a dead network's numerical gradient of 1e-8 is J's rounding, not a signal.
        if (total.analytic2 == 0 && total.numerical2 > total.noise2) {
            findings.add("the analytic gradient is zero everywhere while the numerical one is not: backprop "
                    + "returns zeros (never written, or written into a copy)");
            return Verdict.BUG;
        }
        if (total.analytic2 == 0 && total.numerical2 == 0) {
            findings.add("both gradients are exactly zero everywhere: J does not depend on θ here, so this check "
                    + "proves nothing about backprop");
        }
        List<ComponentResult> bugs = new ArrayList<>();
        for (ComponentResult c : components) {
            if (c.verdict() == Verdict.BUG) {
                bugs.add(c);
            }
        }
        if (overall != Verdict.GOOD && components.stream().allMatch(c -> c.verdict() == Verdict.GOOD)) {
            findings.add(String.format(Locale.ROOT, "the ratio %.1e is finite-difference error, not a bug: every "
                    + "component is GOOD once round-off%s is accounted for (see the hints); GOOD", ratio,
                    sweptGood ? " and the ε sweep" : ""));
            return Verdict.GOOD;
        }
        if (overall == Verdict.BUG) {
            if (!bugs.isEmpty()) {
                findings.add("wrong: " + names(bugs));
            }
            return Verdict.BUG;
        }
        if (!bugs.isEmpty()) {
            findings.add(String.format(Locale.ROOT, "the ratio over θ is %s (%.1e) but %s %s wrong on %s own: BUG",
                    overall, ratio, names(bugs), bugs.size() == 1 ? "is" : "are", bugs.size() == 1 ? "its" : "their"));
            return Verdict.BUG;
        }
        if (overall == Verdict.INSPECT) {
            ComponentResult standout = standOut(components, t);
            if (standout != null) {
                findings.add(String.format(Locale.ROOT, "INSPECT drilled down: %s (ratio %.1e) is at least %.0f× "
                        + "worse than every other component: BUG in %s", standout.name(), standout.ratio(),
                        t.standOut(), standout.name()));
                return Verdict.BUG;
            }
            double floor = total.floor();
            if (floor > 0 && ratio > 100 * floor) {
                // Far above what finite differences can produce here (precise mode gets here: it has no sweep).
                findings.add(String.format(Locale.ROOT, "INSPECT: no component stands out (all within %d× of each "
                        + "other), but the ratio %.1e is %.0f× this check's accuracy floor %.0e, which finite-"
                        + "difference error cannot reach: a small error spread over θ (every component off by a "
                        + "similar relative amount), or a cost that is not smooth at this scale", (int) t.standOut(),
                        ratio, ratio / floor, floor));
            } else {
                findings.add("INSPECT: no component stands out (all within " + (int) t.standOut() + "× of each "
                        + "other); this is finite-difference error spread over θ more often than a bug: try another ε");
            }
        }
        return overall;
    }

    private static ComponentResult standOut(List<ComponentResult> components, Thresholds t) {
        if (components.size() < 2) {
            return null;
        }
        ComponentResult worst = null;
        double second = 0;
        for (ComponentResult c : components) {
            if (worst == null || c.ratio() > worst.ratio()) {
                if (worst != null) {
                    second = Math.max(second, worst.ratio());
                }
                worst = c;
            } else {
                second = Math.max(second, c.ratio());
            }
        }
        if (worst.verdict() != Verdict.GOOD && worst.ratio() >= t.standOut() * second) {
            return worst;
        }
        return null;
    }

    private static String names(List<ComponentResult> cs) {
        List<String> s = new ArrayList<>();
        cs.forEach(c -> s.add(c.name()));
        return String.join(", ", s);
    }
}
