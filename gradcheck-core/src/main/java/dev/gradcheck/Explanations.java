package dev.gradcheck;

/**
 * Explains entries whose numerical and analytic values differ by more than J's measured noise allows, under one rule:
 * an explanation never excuses more than it explains. Pure: it reads what was measured ({@link ComponentData}) and
 * the noise ({@link Noise}) and returns a {@link Judged} value.
 *
 * <ul>
 *   <li><b>Kink.</b> The one-sided slopes differ beyond noise, and at half the step their gap does not halve as a
 *       smooth J's does. The entry is then judged against the one-sided slope it matches (the subgradient the backprop
 *       chose), set aside when the analytic value lies between the slopes but matches neither, and judged as usual
 *       (so it is wrong) when it lies outside them.</li>
 *   <li><b>Truncation.</b> The central difference moves between the step and half the step by more than noise: the
 *       entry is judged against the Richardson extrapolation of the two, with that value's own (larger) noise.</li>
 *   <li><b>Non-generic point.</b> Re-measured a hair away from θ with the same stencil, step and noise bound, the
 *       error falls below the bound and to at most a tenth of its value at θ: set aside.</li>
 * </ul>
 */
final class Explanations {
    /** More wrong entries than this in one component is a pattern, not a few coincidences at exact zeros. */
    static final int NEARBY_MAX_ENTRIES = 256;
    /** At the nearby point the error must fall to at most this fraction of its value at θ. */
    static final double NEARBY_FALL = 0.1;
    /**
     * A smooth J's slope gap halves with the step up to (h²/16)·|J''''/J''| of itself; a kink at distance d moves it
     * by |h − 3d|/(h − d), of order 1. A quarter separates the two for any step at which J is smooth on its scale.
     */
    static final double HALVING = 0.25;
    /**
     * A smooth J's central difference moves between h and h/2 by h²·J'''/8, a fraction h·|J'''/J''|/8 of the slope
     * gap; a kink's moves it by a sizeable share of the gap (a quarter for a kink at h/3, where the halving test is
     * blind). A twentieth separates the two.
     */
    static final double MOVED = 0.05;

    private Explanations() {
    }

    /** Entries that need the half-step measurement: a kink candidate, or an error beyond noise. */
    static boolean[] needHalf(ComponentData d, Noise noise, NumericalGradient.Stencil stencil, boolean detectKinks,
                              double good) {
        boolean[] need = new boolean[d.size()];
        for (int i = 0; i < d.size(); i++) {
            if (!d.selected[i]) {
                continue;
            }
            double h = d.step[i];
            boolean candidate = detectKinks && kinkCandidate(d, i, noise, good);
            need[i] = candidate || Math.abs(d.analytic[i] - d.central[i]) > Noise.BOUND * noise.of(stencil, h);
        }
        return need;
    }

    /**
     * The one-sided slopes differ beyond noise, and by more than the GOOD threshold of their size: a smaller kink
     * cannot move the central difference (by at most half the gap) enough to matter to any ratio.
     */
    private static boolean kinkCandidate(ComponentData d, int i, Noise noise, double good) {
        double gap = Math.abs(d.forward[i] - d.backward[i]);
        return gap > Noise.BOUND * noise.gap(d.step[i]) && gap > good * (Math.abs(d.forward[i])
                + Math.abs(d.backward[i]));
    }

    /** Entries to re-measure at the nearby point: those still beyond noise, when there are few enough of them. */
    static boolean[] needNearby(Judged j) {
        return j.beyondCount() > NEARBY_MAX_ENTRIES ? new boolean[j.status().length] : j.beyond().clone();
    }

    static Judged judge(ComponentData d, Noise noise, NumericalGradient.Stencil stencil, boolean detectKinks,
                        double good) {
        int n = d.size();
        Judged.Status[] status = new Judged.Status[n];
        double[] ref = new double[n];
        double[] sd = new double[n];
        int order = stencil == NumericalGradient.Stencil.CENTRAL ? 2 : 4;
        double gain = Math.pow(2, order);
        for (int i = 0; i < n; i++) {
            if (!d.selected[i]) {
                status[i] = Judged.Status.NOT_SELECTED;
                continue;
            }
            double a = d.analytic[i];
            double h = d.step[i];
            boolean halfMeasured = !Double.isNaN(d.half[i]);
            status[i] = Judged.Status.JUDGED;
            ref[i] = d.central[i];
            sd[i] = noise.of(stencil, h);
            if (detectKinks && halfMeasured && kinkCandidate(d, i, noise, good)) {
                double gap = Math.abs(d.forward[i] - d.backward[i]);
                double gapHalf = Math.abs(d.halfForward[i] - d.halfBackward[i]);
                // Smooth J: the gap is h·J'' and halves with the step; a kink within the step does not follow that.
                double halving = Math.max(Noise.BOUND * Math.hypot(noise.gap(h / 2), noise.gap(h) / 2),
                        HALVING * gap / 2);
                double moved = Math.max(Noise.BOUND * Math.hypot(sd[i], noise.of(stencil, h / 2)), MOVED * gap);
                if (Math.abs(gapHalf - gap / 2) > halving || Math.abs(d.central[i] - d.half[i]) > moved) {
                    double slopeTolerance = Noise.BOUND * noise.slope(h);
                    double lo = Math.min(d.forward[i], d.backward[i]) - slopeTolerance;
                    double hi = Math.max(d.forward[i], d.backward[i]) + slopeTolerance;
                    if (a >= lo && a <= hi) {
                        if (Math.abs(a - d.forward[i]) <= slopeTolerance) {
                            status[i] = Judged.Status.KINK_SLOPE;
                            ref[i] = d.forward[i];
                            sd[i] = noise.slope(h);
                        } else if (Math.abs(a - d.backward[i]) <= slopeTolerance) {
                            status[i] = Judged.Status.KINK_SLOPE;
                            ref[i] = d.backward[i];
                            sd[i] = noise.slope(h);
                        } else {
                            status[i] = Judged.Status.KINK;
                        }
                    }
                    continue;
                }
            }
            if (halfMeasured && Math.abs(a - ref[i]) > Noise.BOUND * sd[i]) {
                double sdHalf = noise.of(stencil, h / 2);
                double moved = d.central[i] - d.half[i];
                if (Math.abs(moved) > Noise.BOUND * Math.hypot(sd[i], sdHalf)) {
                    status[i] = Judged.Status.RICHARDSON;
                    ref[i] = (gain * d.half[i] - d.central[i]) / (gain - 1);
                    sd[i] = Math.hypot(gain * sdHalf, sd[i]) / (gain - 1);
                }
            }
        }
        boolean[] beyond = new boolean[n];
        int beyondCount = 0;
        for (int i = 0; i < n; i++) {
            beyond[i] = status[i].judged() && Math.abs(d.analytic[i] - ref[i]) > Noise.BOUND * sd[i];
            beyondCount += beyond[i] ? 1 : 0;
        }
        if (beyondCount <= NEARBY_MAX_ENTRIES) {
            for (int i = 0; i < n; i++) {
                double err = Math.abs(d.analytic[i] - ref[i]);
                if (beyond[i] && !Double.isNaN(d.nearbyError[i])
                        && d.nearbyError[i] <= Noise.BOUND * d.nearbySd[i] && d.nearbyError[i] <= NEARBY_FALL * err) {
                    status[i] = Judged.Status.NON_GENERIC;
                }
            }
        }
        return new Judged(status, ref, sd, beyond, beyondCount);
    }
}
