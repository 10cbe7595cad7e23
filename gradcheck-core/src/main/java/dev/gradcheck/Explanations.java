package dev.gradcheck;

/**
 * Explains entries whose numerical and analytic values differ by more than J's measured noise allows, under one rule:
 * an explanation never excuses more than it explains. Pure: it reads what was measured ({@link ComponentData}) and
 * the noise ({@link Noise}) and returns a {@link Judged} value.
 *
 * <ul>
 *   <li><b>Kink.</b> The one-sided slopes differ beyond noise, and at twice the step their gap does not double as a
 *       smooth J's does (or the central difference moves by a sizeable share of the gap). The entry is then judged against the one-sided slope it matches (the subgradient the backprop
 *       chose), set aside when the analytic value lies between the slopes but matches neither, and judged as usual
 *       (so it is wrong) when it lies outside them.</li>
 *   <li><b>Truncation.</b> The central difference moves between the step and twice the step by more than noise: the
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
     * A smooth J's central difference moves between h and 2h by h²·J'''/2, a fraction h·|J'''/J''|/2 of the slope
     * gap; a kink within the step moves it by a sizeable share of the gap (a quarter for a kink at h/2, where the
     * doubling test is ambiguous). A twentieth separates the two.
     */
    static final double MOVED = 0.05;

    private Explanations() {
    }

    /** Entries that need the double-step measurement: a kink candidate, or an error beyond noise. */
    static boolean[] needWide(ComponentData d, Noise noise, NumericalGradient.Stencil stencil, boolean detectKinks,
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
            boolean wideMeasured = !Double.isNaN(d.wide[i]);
            status[i] = Judged.Status.JUDGED;
            ref[i] = d.central[i];
            sd[i] = noise.of(stencil, h);
            double sdWide = noise.of(stencil, 2 * h);
            if (detectKinks && wideMeasured && kinkCandidate(d, i, noise, good)) {
                double gap = Math.abs(d.forward[i] - d.backward[i]);
                double gapWide = Math.abs(d.wideForward[i] - d.wideBackward[i]);
                // Smooth J: the gap is h·J'' and doubles with the step. A kink at θ keeps it ("stuck"); the entry is
                // read as a kink when the stuck reading fits the two gaps better, in units of their noise.
                double stuck = Math.abs(gapWide - gap) / Math.hypot(noise.gap(2 * h), noise.gap(h));
                double smooth = Math.abs(gapWide - 2 * gap) / Math.hypot(noise.gap(2 * h), 2 * noise.gap(h));
                double moved = Math.max(Noise.BOUND * Math.hypot(sd[i], sdWide), MOVED * gap);
                if (stuck < smooth || Math.abs(d.central[i] - d.wide[i]) > moved) {
                    // The one-sided slopes carry h·J''/2 of truncation; extrapolated from h and 2h (2·s(h) − s(2h))
                    // they do not, so the analytic value is matched against both, each with its own noise.
                    double s1 = noise.slope(h);
                    double sR = Math.hypot(2 * s1, noise.slope(2 * h));
                    double[] slopes = {d.forward[i], d.backward[i], 2 * d.forward[i] - d.wideForward[i],
                        2 * d.backward[i] - d.wideBackward[i]};
                    double[] sds = {s1, s1, sR, sR};
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < slopes.length; k++) {
                        lo = Math.min(lo, slopes[k] - Noise.BOUND * sds[k]);
                        hi = Math.max(hi, slopes[k] + Noise.BOUND * sds[k]);
                    }
                    if (a >= lo && a <= hi) {
                        status[i] = Judged.Status.KINK;
                        for (int k = 0; k < slopes.length; k++) {
                            if (Math.abs(a - slopes[k]) <= Noise.BOUND * sds[k]) {
                                status[i] = Judged.Status.KINK_SLOPE;
                                ref[i] = slopes[k];
                                sd[i] = sds[k];
                                break;
                            }
                        }
                    }
                    continue;
                }
            }
            if (wideMeasured && Math.abs(a - ref[i]) > Noise.BOUND * sd[i]) {
                double moved = d.wide[i] - d.central[i];
                if (Math.abs(moved) > Noise.BOUND * Math.hypot(sd[i], sdWide)) {
                    status[i] = Judged.Status.RICHARDSON;
                    ref[i] = (gain * d.central[i] - d.wide[i]) / (gain - 1);
                    sd[i] = Math.hypot(gain * sd[i], sdWide) / (gain - 1);
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
