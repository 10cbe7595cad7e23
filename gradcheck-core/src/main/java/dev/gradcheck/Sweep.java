package dev.gradcheck;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The careful look the course asks for at "≈1e-5": re-evaluate a suspicious component over ε = 1e-3 … 1e-9 and read
 * the curve. A real bug's ratio stays flat (the analytic gradient is off by a fixed amount); round-off grows like
 * 1/ε as ε shrinks; truncation shrinks like ε² as ε does. Only a sample of entries is re-evaluated (the worst ones,
 * where a bug must show, and an even spread of the rest), so the sweep costs at most 2·7·48 evaluations a component.
 */
final class Sweep {
    static final double[] EPSILONS = {1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3};
    static final int WORST = 24;
    static final int SPREAD = 24;

    /** What the sweep concluded for one component. */
    record Outcome(Verdict verdict, String sentence, double[] ratios) {
    }

    private final Differentiable model;
    private long evaluations;

    Sweep(Differentiable model) {
        this.model = model;
    }

    long evaluations() {
        return evaluations;
    }

    Outcome classify(ParameterBlock block, double[] analytic, ComponentResult c, double epsilon, Thresholds t,
                     boolean[] kink, double j0) {
        int[] sample = sample(block.size(), c, kink);
        double[] ratios = new double[EPSILONS.length];
        double atEpsilon = Double.NaN;
        for (int k = 0; k < EPSILONS.length; k++) {
            ratios[k] = ratio(block, analytic, sample, EPSILONS[k]);
            if (Math.abs(EPSILONS[k] - epsilon) <= 1e-3 * epsilon) {
                atEpsilon = ratios[k];
            }
        }
        if (Double.isNaN(atEpsilon)) {
            atEpsilon = ratio(block, analytic, sample, epsilon);
        }
        double sampleNorm = 0;
        for (int i : sample) {
            sampleNorm += analytic[i] * analytic[i];
        }
        sampleNorm = Math.sqrt(sampleNorm);
        int best = 0;
        for (int k = 1; k < ratios.length; k++) {
            if (ratios[k] < ratios[best]) {
                best = k;
            }
        }
        String d = c.name();
        double here = c.ratio();
        if (ratios[best] < t.good()) {
            double bestEps = EPSILONS[best];
            String kind;
            if (epsilon < bestEps) {
                kind = String.format(Locale.ROOT, "round-off at ε = %.0e (the ratio falls like ε^%.1f as ε grows)",
                        epsilon, slope(ratios, epsilon, here, epsilon, Math.min(bestEps, epsilon * 1e3)));
            } else if (epsilon > bestEps) {
                kind = String.format(Locale.ROOT, "truncation at ε = %.0e (the ratio shrinks like ε^%.1f as ε does)",
                        epsilon, slope(ratios, epsilon, here, Math.max(bestEps, epsilon / 1e3), epsilon));
            } else {
                kind = String.format(Locale.ROOT, "finite-difference error at ε = %.0e", epsilon);
            }
            return new Outcome(Verdict.GOOD, String.format(Locale.ROOT, "%s: %s, GOOD at ε = %.0e (ratio %.1e): "
                    + "not a bug", d, kind, bestEps, ratios[best]), ratios);
        }
        // A floor: flat (within 3×) over three consecutive steps, two decades. Finite-difference error cannot do
        // that: it is V-shaped in log-log, falling like 1/ε on the round-off side and rising like ε² on the
        // truncation side, so any two decades around its minimum span a factor of 30 or more.
        // Two more conditions keep a floor honest. A bug's error is in every ratio, so its floor cannot lie above
        // the ratio at the check's own ε (a floor there is kinks crossed by large steps). And the sampled gradient
        // must stand above the round-off of every step in the floor: entries of 1e-12 against a J that cannot
        // resolve them give a "flat" ratio of about 1 at any small ε.
        for (int k = 0; k + 2 < ratios.length; k++) {
            double lo = Math.min(ratios[k], Math.min(ratios[k + 1], ratios[k + 2]));
            double hi = Math.max(ratios[k], Math.max(ratios[k + 1], ratios[k + 2]));
            boolean resolvable = sampleNorm > 10 * Comparison.noisePerEntry(j0, EPSILONS[k]) * Math.sqrt(sample.length);
            if (lo >= t.good() && hi <= 3 * lo && lo <= 3 * atEpsilon && resolvable) {
                return new Outcome(Verdict.BUG, String.format(Locale.ROOT, "%s: the ratio stays at %.1e for every "
                        + "ε from %.0e to %.0e (ratio %.1e at ε = %.0e): a real error in backprop, not "
                        + "finite-difference error", d, Math.sqrt(lo * hi), EPSILONS[k], EPSILONS[k + 2], here,
                        epsilon), ratios);
            }
        }
        return new Outcome(c.verdict(), String.format(Locale.ROOT, "%s: the ratio changes with ε but never gets "
                + "below %.1e (best at ε = %.0e): partly finite-difference error, partly unexplained", d, ratios[best],
                EPSILONS[best]), ratios);
    }

    /**
     * Log-log slope of the ratio over [from, to], fitted to the sweep points in that interval and the check's own
     * (ε, ratio); the interval stays within three decades of ε, where one kind of error dominates.
     */
    private static double slope(double[] ratios, double epsilon, double ratioAtEpsilon, double from, double to) {
        SimpleRegression fit = new SimpleRegression();
        if (ratioAtEpsilon > 0) {
            fit.addData(Math.log10(epsilon), Math.log10(ratioAtEpsilon));
        }
        for (int k = 0; k < EPSILONS.length; k++) {
            boolean same = Math.abs(EPSILONS[k] - epsilon) <= 1e-3 * epsilon;
            if (!same && EPSILONS[k] >= from * 0.99 && EPSILONS[k] <= to * 1.01 && ratios[k] > 0) {
                fit.addData(Math.log10(EPSILONS[k]), Math.log10(ratios[k]));
            }
        }
        return fit.getN() >= 2 ? fit.getSlope() : Double.NaN;
    }

    private static int[] sample(int size, ComponentResult c, boolean[] kink) {
        Set<Integer> chosen = new LinkedHashSet<>();
        // The reported worst entries come first; recompute a longer list of them from the component's arrays.
        double[] a = c.analytic();
        double[] n = c.numerical();
        List<Integer> order = new ArrayList<>();
        boolean[] pointSpecific = c.data().pointSpecific;
        boolean[] selected = c.data().selected;
        for (int i = 0; i < size; i++) {
            if (!kink[i] && !pointSpecific[i] && selected[i]) {
                order.add(i);
            }
        }
        order.sort((x, y) -> Double.compare(Math.abs(a[y] - n[y]), Math.abs(a[x] - n[x])));
        for (int k = 0; k < Math.min(WORST, order.size()); k++) {
            chosen.add(order.get(k));
        }
        int stride = Math.max(1, order.size() / SPREAD);
        for (int k = 0; k < order.size() && chosen.size() < WORST + SPREAD; k += stride) {
            chosen.add(order.get(k));
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private double ratio(ParameterBlock block, double[] analytic, int[] sample, double eps) {
        double d2 = 0;
        double a2 = 0;
        double n2 = 0;
        for (int i : sample) {
            double num = central(model, block, i, eps);
            evaluations += 2;
            if (!Double.isFinite(num)) {
                return Double.POSITIVE_INFINITY;
            }
            d2 += (num - analytic[i]) * (num - analytic[i]);
            a2 += analytic[i] * analytic[i];
            n2 += num * num;
        }
        double denom = Math.sqrt(a2) + Math.sqrt(n2);
        return denom == 0 ? 0 : Math.sqrt(d2) / denom;
    }

    /** (J(θ + h·eᵢ) − J(θ − h·eᵢ)) / 2h on the plain cost, 2 evaluations; θᵢ is restored bit-exactly. */
    static double central(Differentiable model, ParameterBlock block, int i, double h) {
        double old = block.get(i);
        double up = old + h;
        double down = old - h;
        try {
            block.set(i, up);
            double jPlus = model.cost();
            block.set(i, down);
            double jMinus = model.cost();
            return (jPlus - jMinus) / (up - down);
        } finally {
            block.set(i, old);
        }
    }
}
