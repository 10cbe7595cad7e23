package dev.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The ratio sums and the worst-entry selection: the one numerical kernel every ratio in a report goes through. */
final class Comparison {

    private Comparison() {
    }

    /** Σ(n − a)², Σa², Σn² and the noise Σσ² of a set of entries; ratio and floor from them. */
    static final class Sums {
        double diff2;
        double analytic2;
        double numerical2;
        double noise2;

        void add(double analytic, double numerical) {
            double d = numerical - analytic;
            diff2 += d * d;
            analytic2 += analytic * analytic;
            numerical2 += numerical * numerical;
        }

        void add(Sums o) {
            diff2 += o.diff2;
            analytic2 += o.analytic2;
            numerical2 += o.numerical2;
            noise2 += o.noise2;
        }

        /** ‖n − a‖ / (‖a‖ + ‖n‖), 0 when both are 0. */
        double ratio() {
            double denom = Math.sqrt(analytic2) + Math.sqrt(numerical2);
            return denom == 0 ? 0 : Math.sqrt(diff2) / denom;
        }

        /** The ratio that noise alone would give (one standard deviation): the accuracy floor. */
        double floor() {
            double denom = Math.sqrt(analytic2) + Math.sqrt(numerical2);
            return denom == 0 ? 0 : Math.sqrt(noise2) / denom;
        }

        /** Whether the difference exceeds {@link Noise#BOUND} standard deviations of noise. */
        boolean beyondNoise() {
            return diff2 > Noise.BOUND * Noise.BOUND * noise2;
        }
    }

    static EntryResult entry(int cols, int i, double a, double n) {
        return new EntryResult(i, i / cols, i % cols, a, n);
    }

    /** The {@code count} entries with the largest |a − n| among those not excluded, worst first. */
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
