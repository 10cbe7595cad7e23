package dev.gradcheck;

/**
 * Explains entries whose numerical and analytic values differ by more than J's measured noise allows, under one rule:
 * an explanation never excuses more than it explains. Pure: it reads what was measured ({@link ComponentData}) and
 * the noise ({@link Noise}) and returns a {@link Judged} value.
 *
 * <ul>
 *   <li><b>Kink.</b> The one-sided slopes differ beyond noise, and at twice the step their gap does not double as a
 *       smooth J's does: the smooth reading is rejected beyond noise and the stuck one fits better (or the
 *       central difference moves by a sizeable share of the gap). The entry is then judged against the one-sided slope it
 *       matches (the subgradient the backprop chose), set aside when the analytic value lies between the slopes but
 *       matches neither, and judged as usual (so it is wrong) when it lies outside them.</li>
 *   <li><b>Truncation.</b> The central difference moves between the step and twice the step by more than noise: the
 *       entry is judged against the Richardson extrapolation of the two, with that value's own (larger) noise.</li>
 *   <li><b>Non-generic point.</b> Re-measured a hair away from θ with the same stencil, step and noise bound, the
 *       error falls below the bound and to at most a tenth of its value at θ: set aside.</li>
 * </ul>
 *
 * <p>Every explanation is judged with the noise measured along the entry's own coordinate when it was measured
 * ({@link ComponentData#localSigma}, never below the phase's σ_J): an entry whose difference that noise explains is
 * judged as usual, not explained.
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

    /**
     * An entry more than this many times {@link Noise#BOUND} standard deviations beyond is not re-measured along its
     * coordinate: J's noise along one coordinate was measured at 0.3 to 1.6 times its level along random directions
     * (small tanh, sigmoid and relu nets; {@code RoundOffIsNotAKinkTest} pins it below 2.5), and the phase's σ_J one
     * time in a hundred 35 % low: together far from 10×.
     */
    static final double LOCAL_MAX = 10;

    private Explanations() {
    }

    /** The noise for entry i: the phase's, or the larger one measured along the entry's coordinate. */
    private static Noise local(ComponentData d, int i, Noise noise) {
        double s = d.localSigma[i];
        return Double.isNaN(s) || s <= noise.sigma ? noise : noise.withSigma(s);
    }

    /**
     * Entries to measure J's noise along their own coordinate for, before any explanation: those read as kinks and
     * those beyond noise (the non-generic test's), when there are at most {@link #NEARBY_MAX_ENTRIES} of them, and
     * not beyond by more than {@link #LOCAL_MAX} times the bound (no coordinate's noise explains that).
     */
    static boolean[] needLocal(ComponentData d, Judged j, Noise noise, NumericalGradient.Stencil stencil) {
        int n = d.size();
        boolean[] need = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(d.localSigma[i])) {
                continue;
            }
            Judged.Status s = j.status()[i];
            double h = d.step[i];
            double z;
            if (s == Judged.Status.KINK || s == Judged.Status.KINK_SLOPE) {
                z = Math.abs(d.forward[i] - d.backward[i]) / noise.gap(h);
            } else if (j.beyond()[i]) {
                z = Math.abs(d.analytic[i] - d.central[i]) / noise.of(stencil, h);
            } else {
                continue;
            }
            if (z <= LOCAL_MAX * Noise.BOUND) {
                need[i] = true;
                count++;
            }
        }
        return count > NEARBY_MAX_ENTRIES ? new boolean[n] : need;
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
            boolean candidate = detectKinks && kinkCandidate(d, i, local(d, i, noise), good);
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
            Noise here = local(d, i, noise);
            if (detectKinks && wideMeasured && kinkCandidate(d, i, here, good)) {
                double gap = d.forward[i] - d.backward[i];
                double gapWide = d.wideForward[i] - d.wideBackward[i];
                // Smooth J: the gap is h·J'' and doubles with the step. A kink at θ keeps it ("stuck"); a kink within
                // h/2 of θ lets it grow by less than half. The entry is read as a kink only when the smooth reading is
                // itself rejected beyond noise, and then when the stuck reading fits better, each in units of its
                // own noise. "Stuck fits better" alone reads round-off as kinks: J(θ)'s own rounding e₀ enters
                // gap(h) as −2e₀/h and gap(2h) as −e₀/h, the signature of "stuck", the same for every entry.
                double smooth = Math.abs(gapWide - 2 * gap) / here.smoothResidual(h);
                double stuck = Math.abs(gapWide - gap) / here.stuckResidual(h);
                double moved = Math.max(Noise.BOUND * Math.hypot(here.of(stencil, h), here.of(stencil, 2 * h)),
                        MOVED * Math.abs(gap));
                if (smooth > Noise.BOUND && stuck < smooth || Math.abs(d.central[i] - d.wide[i]) > moved) {
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
            // Beyond the phase's noise and, where it was measured, beyond the noise along the entry's coordinate.
            Noise here = local(d, i, noise);
            double sdHere = here == noise || noise.sigma <= 0 ? sd[i] : sd[i] * (here.sigma / noise.sigma);
            beyond[i] = status[i].judged() && Math.abs(d.analytic[i] - ref[i]) > Noise.BOUND * sdHere;
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
