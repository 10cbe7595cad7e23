package dev.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides a component from how its entries were judged, and a phase from its components. Pure but for the
 * {@link Resolver}, which re-measures a component at a larger step when J's noise hides its gradient at ε.
 *
 * <p>The rule: a judged ratio below the GOOD threshold is GOOD. Above it, a difference beyond {@link Noise#BOUND}
 * standard deviations of J's measured noise is a real error, so BUG (also in the course's INSPECT band: the careful
 * look the course asks for is this comparison). A difference within noise says nothing: the gradient is re-measured
 * where noise does not hide it, and when no step serves the component is INSPECT, with the step that would resolve it.
 */
final class Decision {
    /** Noise beyond this many ulp of J is not double round-off: sums of a few thousand terms stay far below it. */
    static final double LOW_PRECISION_ULPS = 1e6;
    /** The largest step at which a re-measurement may confirm a gradient hidden by noise (never condemn one). */
    static final double CONFIRM_MAX = 0.1;
    /** A resolving step must put the accuracy floor this far below the GOOD threshold. */
    static final double RESOLVE_MARGIN = 3;

    /** Re-measures a component at a larger step; null when it cannot (a shard, a merge, the option turned off). */
    interface Resolver {
        ComponentResult resolve(ComponentData data, Judged judged, double step);
    }

    private Decision() {
    }

    static ComponentResult component(ComponentData d, Judged j, Noise noise, Thresholds t, int worstCount,
                                     double epsilon, Resolver resolver) {
        String dname = "d" + d.block;
        Comparison.Sums course = new Comparison.Sums();
        Comparison.Sums judged = new Comparison.Sums();
        int n = d.size();
        boolean[] excluded = new boolean[n];
        List<EntryResult> kinkEntries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Judged.Status s = j.status()[i];
            if (s != Judged.Status.NOT_SELECTED) {
                course.add(d.analytic[i], d.numerical[i]);
            }
            if (s.judged()) {
                judged.add(d.analytic[i], j.ref()[i]);
                judged.noise2 += j.sd()[i] * j.sd()[i];
            } else {
                excluded[i] = true;
            }
            if (s == Judged.Status.KINK) {
                kinkEntries.add(Comparison.entry(d.cols, i, d.analytic[i], d.numerical[i]));
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<Finding> explained = explanations(d, j);
        int selected = d.selectedCount();
        int judgedCount = selected - j.count(Judged.Status.KINK) - j.count(Judged.Status.NON_GENERIC);
        if (selected == 0) {
            return new ComponentResult(d, j, course, judged, Verdict.GOOD, Double.NaN, 0, List.of(), List.of(),
                    kinkEntries, "not in this shard");
        }
        if (judgedCount == 0) {
            String why = "not checked: all " + selected + " entries set aside ("
                    + setAside(j) + "), so nothing of " + dname + " could be judged";
            findings.add(new Finding(Finding.Kind.NOT_CHECKED, why));
            findings.addAll(explained);
            return new ComponentResult(d, j, course, judged, Verdict.INSPECT, Double.NaN, 0, List.of(), findings,
                    kinkEntries, why);
        }
        double aNorm = Math.sqrt(judged.analytic2);
        double rNorm = Math.sqrt(judged.numerical2);
        double eNorm = Math.sqrt(judged.diff2);
        double noiseNorm = Math.sqrt(judged.noise2);
        double ratio = judged.ratio();
        double floor = judged.floor();
        List<EntryResult> worst = Comparison.worst(d.cols, d.analytic, j.ref(), excluded, worstCount);
        Verdict v;
        if (rNorm == 0 && aNorm == 0) {
            v = Verdict.GOOD;
            findings.add(new Finding(Finding.Kind.VERDICT, dname + " and its numerical gradient are exactly zero: J "
                    + "does not depend on " + d.block + " here, so this proves nothing about its backprop"));
        } else if (ratio < t.good()) {
            v = Verdict.GOOD;
        } else if (judged.beyondNoise()) {
            v = Verdict.BUG;
            // One voice: at most one diagnosis, first; the other observations follow as findings of their own kinds.
            String diagnosis = Hints.of(d, j.ref(), excluded, noiseNorm);
            if (diagnosis != null) {
                findings.add(new Finding(Finding.Kind.DIAGNOSIS, diagnosis));
            }
            if (t.verdictOf(ratio) != Verdict.BUG || diagnosis == null) {
                findings.add(new Finding(Finding.Kind.BEYOND_NOISE, String.format(Locale.ROOT, "%s is off by %.1e "
                        + "(judged ratio %.1e), %.0f× the %.1e that J's measured noise can cause at this step: a real "
                        + "error in backprop, not finite-difference error", dname, eNorm, ratio, eNorm / noiseNorm,
                        noiseNorm)));
            }
        } else {
            // Within noise: the ratio says nothing yet. Find the step at which the accuracy floor is RESOLVE_MARGIN
            // times below the GOOD threshold (noise falls like 1/step), so that a correct gradient shows GOOD there.
            double step = epsilon * RESOLVE_MARGIN * floor / t.good();
            step = Math.max(step, 10 * epsilon);
            // Beyond the largest step the floor says it cannot resolve; a ratio measured there below GOOD still
            // shows the gradient right (noise adds to a difference, it does not cancel a real one), so try it. Past
            // it, up to CONFIRM_MAX, a step may still confirm a gradient (GOOD, with truncation extrapolated away),
            // but never condemn one: Richardson's own remainder grows like step⁴ there.
            double tried = Math.min(step, GradientCheck.MAX_EPSILON);
            ComponentResult resolved = resolver != null && tried > epsilon ? resolver.resolve(d, j, tried) : null;
            if (resolved != null && resolved.verdict() == Verdict.INSPECT && step > GradientCheck.MAX_EPSILON) {
                tried = Math.min(step, CONFIRM_MAX);
                ComponentResult confirmed = resolver.resolve(d, j, tried);
                boolean good = confirmed != null && confirmed.verdict() == Verdict.GOOD;
                resolved = good ? confirmed : resolved;
                tried = good ? tried : GradientCheck.MAX_EPSILON;
            }
            if (resolved != null && resolved.checked() && resolved.verdict() != Verdict.INSPECT) {
                String how = String.format(Locale.ROOT, "J's noise (floor %.1e at ε = %.0e) hides %s at the check's "
                                + "step; re-measured at step %.1e on %d entries: judged ratio %.1e, %s", floor, epsilon,
                        dname, tried, resolved.judgedEntries(), resolved.judgedRatio(),
                        resolved.verdict() == Verdict.GOOD ? "GOOD" : "a real error");
                List<Finding> f = new ArrayList<>();
                f.addAll(resolved.findings().stream().filter(x -> x.kind() == Finding.Kind.DIAGNOSIS).limit(1)
                        .toList());
                f.add(new Finding(Finding.Kind.UNRESOLVED, how));
                f.addAll(explained);
                return new ComponentResult(d, j, course, resolved.judgedSums(), resolved.verdict(),
                        resolved.judgedRatio(), resolved.accuracyFloor(), resolved.worstEntries(), f, kinkEntries,
                        null);
            }
            v = Verdict.INSPECT;
            String sentence = step <= GradientCheck.MAX_EPSILON
                    ? String.format(Locale.ROOT, "unresolved: J's noise (σ_J = %.1e, accuracy floor %.1e) hides %s "
                    + "at ε = %.0e (its difference %.1e is within the noise %.1e); a step of %.1e would resolve it%s",
                    noise.sigma, floor, dname, epsilon, eNorm, noiseNorm, step,
                    resolved == null ? " (not re-measured: a shard or a merge, re-measurement turned off, or its entries sit on kinks of J, which a larger step would cross more of)"
                            : ", but there it is still within noise")
                    : String.format(Locale.ROOT, "unresolved: J's noise (σ_J = %.1e, accuracy floor %.1e) hides %s "
                    + "at ε = %.0e, and only a step of %.1e would resolve it, beyond %.0e where truncation dominates%s: "
                    + "check a cost with less round-off (a mean instead of a sum, no large constant term)",
                    noise.sigma, floor, dname, epsilon, step, GradientCheck.MAX_EPSILON,
                    resolved == null ? "" : String.format(Locale.ROOT, " (at %.0e it is still within noise, and a "
                            + "step up to %.0e did not confirm it)", GradientCheck.MAX_EPSILON, CONFIRM_MAX));
            if (noise.sigma > LOW_PRECISION_ULPS * Math.ulp(noise.j0)) {
                sentence += String.format(Locale.ROOT, ". σ_J is %.1e ulp of J: J is computed with far less than "
                        + "double precision (float somewhere, rounding, a table, an iterative solver)",
                        noise.sigma / Math.ulp(noise.j0));
            }
            findings.add(new Finding(Finding.Kind.UNRESOLVED, sentence));
        }
        findings.addAll(explained);
        return new ComponentResult(d, j, course, judged, v, ratio, floor, worst, findings, kinkEntries, null);
    }

    private static String setAside(Judged j) {
        List<String> parts = new ArrayList<>();
        int kinks = j.count(Judged.Status.KINK);
        int nonGeneric = j.count(Judged.Status.NON_GENERIC);
        if (kinks > 0) {
            parts.add(kinks + " as kinks with the analytic value between the one-sided slopes");
        }
        if (nonGeneric > 0) {
            parts.add(nonGeneric + " as non-generic points");
        }
        return String.join(", ", parts);
    }

    /** The sentences for entries judged against another reference or set aside, with their counts. */
    private static List<Finding> explanations(ComponentData d, Judged j) {
        List<Finding> f = new ArrayList<>();
        String dname = "d" + d.block;
        int selected = d.selectedCount();
        int slope = j.count(Judged.Status.KINK_SLOPE);
        int kink = j.count(Judged.Status.KINK);
        int richardson = j.count(Judged.Status.RICHARDSON);
        int nonGeneric = j.count(Judged.Status.NON_GENERIC);
        if (slope + kink > 0) {
            String s = (slope + kink) + " of " + selected + " entries of " + dname + " sit on a kink of J (the "
                    + "one-sided slopes differ beyond noise and their gap does not grow with the step, e.g. a ReLU "
                    + "input at 0)";
            if (slope > 0) {
                s += "; " + slope + " judged against the one-sided slope the backprop chose";
            }
            if (kink > 0) {
                s += "; " + kink + " set aside: the analytic value lies between the slopes but matches neither";
            }
            f.add(new Finding(Finding.Kind.KINKS, s));
        }
        if (richardson > 0) {
            f.add(new Finding(Finding.Kind.TRUNCATION, richardson + " of " + selected + " entries of " + dname
                    + " judged against the Richardson extrapolation of the step and twice the step: their central "
                    + "difference moved beyond noise between the two (truncation error)"));
        }
        if (nonGeneric > 0) {
            f.add(new Finding(Finding.Kind.NON_GENERIC, nonGeneric + " of " + selected + " entries of " + dname
                    + " disagree at this θ only: " + NearbyPoint.DESCRIPTION + " their error falls below J's noise and "
                    + "to a tenth or less. θ is a non-generic point (some unit's input exactly 0 in stacked layers, where "
                    + "the chain rule's g'(0) is not J's derivative); set aside"));
        }
        return f;
    }

    /**
     * A phase's verdict: the worst of its checked components. A component not in this shard says nothing either way.
     * A component of this shard whose every entry was set aside (J has no derivative there) is not known to be right:
     * its backprop may be wrong by any amount (a dropped data term of a block sitting wholly on L1's kinks at W = 0
     * was once reported GOOD), so the phase is at least INSPECT, never GOOD. A phase in which nothing at all could be
     * checked is INSPECT.
     */
    static Verdict phase(List<ComponentResult> components) {
        Verdict v = Verdict.GOOD;
        boolean any = false;
        boolean setAside = false;
        for (ComponentResult c : components) {
            if (c.checked()) {
                any = true;
                v = c.verdict().compareTo(v) > 0 ? c.verdict() : v;
            } else if (c.checkedEntries() > 0) {
                setAside = true;
            }
        }
        if (!any || (setAside && v == Verdict.GOOD)) {
            return Verdict.INSPECT;
        }
        return v;
    }

    /** The phase's summary findings: which components are wrong, which are unresolved. */
    static List<Finding> summary(List<ComponentResult> components, Comparison.Sums course) {
        List<Finding> f = new ArrayList<>();
        double a2 = 0;
        double n2 = 0;
        for (ComponentResult c : components) {
            a2 += c.analyticSquared();
            n2 += c.numericalSquared();
        }
        if (a2 == 0 && n2 > 0 && components.stream().anyMatch(c -> c.verdict() == Verdict.BUG)) {
            f.add(new Finding(Finding.Kind.SUMMARY, "the analytic gradient is zero everywhere while the numerical one "
                    + "is not: backprop returns zeros (never written, or written into a copy)"));
        } else if (a2 == 0 && n2 == 0) {
            f.add(new Finding(Finding.Kind.SUMMARY, "both gradients are exactly zero everywhere: J does not depend on "
                    + "θ here, so this check proves nothing about backprop"));
        }
        List<String> bugs = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        for (ComponentResult c : components) {
            if (!c.checked()) {
                if (c.checkedEntries() > 0) {
                    notChecked.add(c.name());
                }
            } else if (c.verdict() == Verdict.BUG) {
                bugs.add(c.name());
            } else if (c.verdict() == Verdict.INSPECT) {
                unresolved.add(c.name());
            }
        }
        if (!notChecked.isEmpty()) {
            f.add(new Finding(Finding.Kind.NOT_CHECKED, "not checked: " + String.join(", ", notChecked) + " (every "
                    + "entry set aside: see " + (notChecked.size() == 1 ? "its line" : "their lines") + "), so at best "
                    + "INSPECT: nothing says " + (notChecked.size() == 1 ? "its" : "their") + " backprop is right; "
                    + "check " + (notChecked.size() == 1 ? "it" : "them") + " at another θ (e.g. after training)"));
        }
        if (!bugs.isEmpty()) {
            f.add(new Finding(Finding.Kind.SUMMARY, "wrong: " + String.join(", ", bugs)));
        }
        if (!unresolved.isEmpty()) {
            f.add(new Finding(Finding.Kind.SUMMARY, "INSPECT: " + String.join(", ", unresolved) + " could not be "
                    + "judged (see " + (unresolved.size() == 1 ? "its line" : "their lines") + ")"));
        }
        return f;
    }
}
