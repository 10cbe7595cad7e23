package dev.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares dθ with dθ_approx: the ratio over θ and per block, the verdict with its drill-down, kinks, worst entries.
 */
final class Comparison {
    /** Unit round-off of double. */
    static final double U = 0x1p-53;
    /**
     * How many unit round-offs of |J| one evaluation of J is taken to be off by: sums over a batch and matrix
     * products of positive terms lose a few ulps to a few tens of ulps for the sizes this toolkit sees.
     */
    static final double COST_ROUNDING_ULPS = 64;

    private Comparison() {
    }

    /** Round-off of a central difference with half-step {@code h}: 2·|δJ| / 2h with δJ the error of one J. */
    static double noisePerEntry(double j0, double h) {
        return COST_ROUNDING_ULPS * U * Math.max(Math.abs(j0), Double.MIN_NORMAL) / h;
    }

    static final class Sums {
        double diff2;
        double analytic2;
        double numerical2;
        double noise2;

        double ratio() {
            double denom = Math.sqrt(analytic2) + Math.sqrt(numerical2);
            return denom == 0 ? 0 : Math.sqrt(diff2) / denom;
        }

        void add(Sums o) {
            diff2 += o.diff2;
            analytic2 += o.analytic2;
            numerical2 += o.numerical2;
            noise2 += o.noise2;
        }

        /** The ratio that round-off alone would give: the accuracy floor of this check. */
        double floor() {
            double denom = Math.sqrt(analytic2) + Math.sqrt(numerical2);
            return denom == 0 ? 0 : Math.sqrt(noise2) / denom;
        }
    }

    static ComponentResult component(ComponentData data, double j0, double epsilon, Thresholds t, int worstCount,
                                     boolean detectKinks, Sums into) {
        double[] a = data.analytic;
        double[] n = data.numerical;
        int size = data.size();
        Sums s = new Sums();
        List<EntryResult> kinks = new ArrayList<>();
        boolean[] excluded = new boolean[size];
        double noise = 0;
        int checked = 0;
        List<EntryResult> pointSpecific = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (!data.selected[i]) {
                excluded[i] = true;
                continue;
            }
            checked++;
            if (data.pointSpecific[i]) {
                excluded[i] = true;
                pointSpecific.add(entry(data.cols, i, a[i], n[i]));
                continue;
            }
            double entryNoise = noisePerEntry(j0, data.step[i]);
            noise += entryNoise * entryNoise;
            if (detectKinks && data.kink[i] && validOneSided(a[i], data.forward[i], data.backward[i], entryNoise)) {
                excluded[i] = true;
                kinks.add(entry(data.cols, i, a[i], n[i]));
                continue;
            }
            double d = n[i] - a[i];
            s.diff2 += d * d;
            s.analytic2 += a[i] * a[i];
            s.numerical2 += n[i] * n[i];
        }
        s.noise2 = noise;
        into.add(s);
        double noiseNorm = Math.sqrt(noise);
        double ratio = s.ratio();
        double aNorm = Math.sqrt(s.analytic2);
        double nNorm = Math.sqrt(s.numerical2);
        double dNorm = Math.sqrt(s.diff2);
        String name = data.block;
        Verdict v = t.verdictOf(ratio);
        List<String> hints = new ArrayList<>();
        boolean roundOff = dNorm <= noiseNorm;
        if (aNorm == 0 && nNorm > noiseNorm) {
            v = Verdict.BUG;
        } else if (v != Verdict.GOOD && roundOff) {
            // Both gradients are so small that finite differences cannot resolve them: the ratio is noise.
            hints.add(String.format(java.util.Locale.ROOT, "d%s is at round-off level (‖difference‖ %.1e ≤ noise "
                    + "%.1e of the central difference at ε = %.0e), so its ratio %.1e says nothing; counted as GOOD",
                    name, dNorm, noiseNorm, epsilon, ratio));
            v = Verdict.GOOD;
        }
        if (v != Verdict.GOOD) {
            hints.addAll(Hints.of(data, excluded, noiseNorm));
        }
        if (!kinks.isEmpty()) {
            hints.add(kinks.size() + " of " + checked + " entries of d" + name + " sit on a kink of J (not "
                    + "differentiable within ±ε, e.g. a ReLU input at 0): left out of the ratio");
        }
        if (!pointSpecific.isEmpty()) {
            hints.add(pointSpecific.size() + " of " + checked + " entries of d" + name + " disagree at this θ only: "
                    + "at a point " + NearbyPoint.DESCRIPTION + " analytic and numerical agree. θ is a non-generic "
                    + "point: some unit's input is exactly 0 on an example in stacked layers (b = 0 with every input "
                    + "of the layer below dead or dropped), where the chain rule's g'(0) is not J's derivative. "
                    + "Not a bug of the backprop; left out of the ratio");
        }
        return new ComponentResult(data, ratio, v, aNorm, nNorm, dNorm, s, checked,
                worst(data.cols, a, n, excluded, worstCount), hints, kinks);
    }

    /**
     * At a kink of J within ±ε the entry is set aside only when the analytic value lies between the two one-sided
     * slopes (a valid one-sided derivative); outside that interval it is wrong whatever the kink. Stacked kinks at
     * exact zeros, where the chain rule's value is neither slope, are told from bugs by {@link NearbyPoint}.
     */
    static boolean validOneSided(double analytic, double forward, double backward, double noise) {
        double lo = Math.min(forward, backward) - 10 * noise;
        double hi = Math.max(forward, backward) + 10 * noise;
        return analytic >= lo && analytic <= hi;
    }

    static EntryResult entry(int cols, int i, double a, double n) {
        return new EntryResult(i, i / cols, i % cols, a, n);
    }

    static List<EntryResult> worst(int cols, double[] a, double[] n, boolean[] excluded, int count) {
        if (count <= 0) {
            return List.of();
        }
        // Partial selection: keep the `count` largest |a − n| without sorting the whole block.
        int[] best = new int[Math.min(count, a.length)];
        double[] bestDiff = new double[best.length];
        Arrays.fill(bestDiff, -1);
        for (int i = 0; i < a.length; i++) {
            if (excluded[i]) {
                continue;
            }
            double d = Math.abs(a[i] - n[i]);
            if (d <= bestDiff[best.length - 1]) {
                continue;
            }
            int pos = best.length - 1;
            while (pos > 0 && bestDiff[pos - 1] < d) {
                bestDiff[pos] = bestDiff[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
            }
            bestDiff[pos] = d;
            best[pos] = i;
        }
        List<EntryResult> out = new ArrayList<>();
        for (int k = 0; k < best.length && bestDiff[k] >= 0; k++) {
            out.add(entry(cols, best[k], a[best[k]], n[best[k]]));
        }
        return out;
    }
}
