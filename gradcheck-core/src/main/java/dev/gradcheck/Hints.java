package dev.gradcheck;

import java.util.Locale;
import java.util.TreeSet;

/**
 * Names the kind of bug from the shape of the disagreement in one component, in one sentence with its evidence in
 * numbers: an all-zero block, a gradient of a parameter J does not depend on, a transposed block, the same value in
 * every entry (a db summed over all axes), a constant factor (2, m, 1/m, m/(m−1), keep-prob; read as m or keep-prob
 * only when a {@link Layered} model says what they are), a sign flip, a missing or extra multiple of the block's own W
 * (the L2 term λ/m·W) or of sign(W) (the L1 term), or errors confined to a few entries. Patterns are tried from the
 * most specific to the least, and the first that fits is the one voice of the component.
 */
final class Hints {
    /** A pattern "fits" when it explains the analytic gradient to within this relative residual. */
    static final double FIT = 1e-3;

    private Hints() {
    }

    /**
     * @param reference the numerical value each entry was judged against
     * @param excluded  entries not judged
     * @param noiseNorm the root-sum-square noise of the judged references
     */
    static String of(ComponentData data, double[] reference, boolean[] excluded, double noiseNorm) {
        String p = pattern(data, reference, excluded, noiseNorm, null);
        return p != null ? p : unexplained(data, reference, excluded);
    }

    /**
     * The block-level pattern that explains the disagreement, with what a {@link Layered} model says about the block's
     * layer (null when it says nothing); null when no pattern fits.
     */
    static String pattern(ComponentData data, double[] reference, boolean[] excluded, double noiseNorm,
                          LayerFacts facts) {
        double[] a = data.analytic;
        double[] n = reference;
        String name = data.block;
        String d = "d" + name;
        int judged = 0;
        for (boolean x : excluded) {
            judged += x ? 0 : 1;
        }
        double aa = 0;
        double nn = 0;
        double an = 0;
        for (int i = 0; i < a.length; i++) {
            if (excluded[i]) {
                continue;
            }
            aa += a[i] * a[i];
            nn += n[i] * n[i];
            an += a[i] * n[i];
        }
        double aNorm = Math.sqrt(aa);
        double nNorm = Math.sqrt(nn);
        if (aNorm == 0 && nNorm > 0) {
            return d + " is all zero in its " + judged + " judged entries while the numerical gradient is not (‖" + d
                    + "_approx‖ = " + fmt(nNorm) + "): backprop never fills this block, or fills a copy that is not "
                    + "returned";
        }
        if (nNorm <= noiseNorm && aNorm > noiseNorm) {
            return "J does not depend on " + name + " (‖" + d + "_approx‖ = " + fmt(nNorm) + ", within the noise "
                    + fmt(noiseNorm) + ") but " + d + " is not zero (‖" + d + "‖ = " + fmt(aNorm) + "): backprop adds "
                    + "a term the cost does not have (a unit the forward pass drops or never uses), or the block "
                    + name + " views a copy of the array cost() reads";
        }
        if (transposed(data.rows, data.cols, a, n, excluded)) {
            return d + " is the transpose of the true gradient (" + data.rows + "×" + data.cols + ": " + d + "[r][c] = "
                    + d + "_approx[c][r] in all " + judged + " judged entries to " + fmt(FIT) + "): compute dW[l] = "
                    + "dZ[l]·A[l−1]ᵀ / m, not its transpose, or check the order of the product";
        }
        String same = sameEverywhere(data, d, a, n, excluded, judged);
        if (same != null) {
            return same;
        }
        if (nn > 0 && judged >= 1) {
            double k = an / nn;
            // k ≈ 1 is agreement up to noise, not a pattern. One entry fits any factor, so there only a value that
            // names a cause by itself counts: −1, 2, ½, or the m or keep-prob the model reports.
            boolean evidence = judged >= 2 || Math.abs(k + 1) < 1e-6 || Math.abs(k - 2) < 1e-6
                    || Math.abs(k - 0.5) < 1e-6 || (facts != null && namedFactor(k, facts) != null);
            if (evidence && Math.abs(k - 1) > 1e-2 && residual(a, n, k, excluded) <= FIT * aNorm) {
                return factorSentence(d, k, judged, facts);
            }
        }
        if (judged < 2) {
            return null;
        }
        double[] w = data.values;
        String l2 = multipleOf(d, name, a, n, w, excluded, false);
        if (l2 != null) {
            return l2;
        }
        return multipleOf(d, name, a, n, sign(w), excluded, true);
    }

    /** The sentence for errors that fit no pattern: how many entries, and where; null when none differ. */
    static String unexplained(ComponentData data, double[] reference, boolean[] excluded) {
        return sparse(data.rows, data.cols, "d" + data.block, data.analytic, reference, excluded);
    }

    /**
     * Every judged entry holds the same value while the numerical gradient does not: a sum over every axis (np.sum
     * without axis=1 gives Σ over every example and unit), or a mean over the units, broadcast into the block.
     */
    private static String sameEverywhere(ComponentData data, String d, double[] a, double[] n, boolean[] excluded,
                                         int judged) {
        if (judged < 2) {
            return null;
        }
        double first = Double.NaN;
        double spread = 0;
        double nMin = Double.POSITIVE_INFINITY;
        double nMax = Double.NEGATIVE_INFINITY;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            if (excluded[i]) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = a[i];
            }
            spread = Math.max(spread, Math.abs(a[i] - first));
            nMin = Math.min(nMin, n[i]);
            nMax = Math.max(nMax, n[i]);
            scale = Math.max(scale, Math.max(Math.abs(a[i]), Math.abs(n[i])));
        }
        if (scale == 0 || first == 0 || spread > FIT * Math.abs(first) || nMax - nMin <= 1e-2 * scale) {
            return null;
        }
        String head = String.format(Locale.ROOT, "%s has %d judged entries, all equal to %s, while %s_approx ranges "
                + "from %s to %s", d, judged, fmt(first), d, fmt(nMin), fmt(nMax));
        boolean all = judged == a.length;
        double sum = 0;
        for (double v : n) {
            sum += v;
        }
        if (all && Math.abs(first - sum) <= 1e-3 * Math.abs(sum)) {
            return head + String.format(Locale.ROOT, "; %s = Σ of %s_approx over its %d entries: the sum ran over every "
                    + "example and unit (np.sum without axis=1, keepdims=True), not over the examples only", fmt(first),
                    d, a.length);
        }
        if (all && Math.abs(first - sum / a.length) <= 1e-3 * Math.abs(sum / a.length)) {
            return head + String.format(Locale.ROOT, "; %s = the mean of %s_approx over its %d entries: the sum or mean "
                    + "ran over every axis, not over the examples only", fmt(first), d, a.length);
        }
        return head + ": one value broadcast into every entry, a sum or mean over the wrong axis (or over all of "
                + "them), not over the examples only";
    }

    private static double residual(double[] a, double[] n, double k, boolean[] excluded) {
        double r = 0;
        for (int i = 0; i < a.length; i++) {
            if (!excluded[i]) {
                double e = a[i] - k * n[i];
                r += e * e;
            }
        }
        return Math.sqrt(r);
    }

    static String factorSentence(String d, double k) {
        return factorSentence(d, k, 0, null);
    }

    static String factorSentence(String d, double k, int entries, LayerFacts facts) {
        String every = entries == 1 ? "in its one judged entry" : entries > 0 ? "in all " + entries
                + " judged entries" : "in every entry";
        if (Math.abs(k + 1) < 1e-2) {
            return d + " = −1 × the numerical gradient " + every + ": a sign flip (e.g. dZ = Y − A instead of A − Y, "
                    + "or a gradient step added where it is subtracted)";
        }
        String base = String.format(Locale.ROOT, "%s = %s × the numerical gradient %s: a constant factor", d, fmtK(k),
                every);
        if (facts != null) {
            String named = namedFactor(k, facts);
            if (named != null) {
                return base + named;
            }
        }
        long m = Math.round(k);
        long inv = Math.round(1 / k);
        if (Math.abs(k - 2) < 1e-2) {
            return base + ", a stray 2 (a ½ dropped from the cost, e.g. in λ/2m·‖W‖², or 2× in backprop)";
        }
        if (Math.abs(k - 0.5) < 5e-3) {
            return base + ", a stray ½ (the gradient of λ/2m·‖W‖² is λ/m·W, not λ/2m·W)";
        }
        if (k > 2.5 && Math.abs(k - m) < 1e-2 * k) {
            return base + ": the 1/m is missing (a batch of m = " + m + " examples?), or a sum is not averaged";
        }
        if (k < 0.4 && k > 0 && Math.abs(1 / k - inv) < 1e-2 / k) {
            return base + ": divided by m once too often (m = " + inv + "?), e.g. 1/m in dZ and again in dW";
        }
        if (k < 0) {
            return base + " with the wrong sign: a flipped sign and a scale error";
        }
        return base + " (check every scale in this layer's backprop: 1/m, keep-prob, λ)";
    }

    /** A factor read as the batch size or the keep-prob the model reports for this layer. */
    private static String namedFactor(double k, LayerFacts f) {
        int m = f.m();
        double keep = f.keepProb();
        int l = f.layer();
        if (m >= 2 && Math.abs(k - m) < 1e-3 * m) {
            return String.format(Locale.ROOT, " equal to m = %d, the batch size the model reports: the 1/m is missing "
                    + "(a sum over the examples that is not averaged)", m);
        }
        if (m >= 2 && Math.abs(k * m - 1) < 1e-3) {
            return String.format(Locale.ROOT, " equal to 1/m with m = %d: divided by m once too often (1/m in dZ and "
                    + "again in dW or db)", m);
        }
        if (m >= 3 && Math.abs(k - m / (m - 1.0)) < 1e-4) {
            return String.format(Locale.ROOT, " equal to m/(m−1) = %d/%d: a per-example scale divides by m − 1 where "
                    + "the cost averages over m", m, m - 1);
        }
        if (m >= 3 && Math.abs(k - (m - 1.0) / m) < 1e-4) {
            return String.format(Locale.ROOT, " equal to (m−1)/m = %d/%d: a per-example scale divides by m where the "
                    + "cost averages over m − 1 (or one example is left out of a sum)", m - 1, m);
        }
        if (keep < 1 && Math.abs(k - keep) < 1e-4) {
            return String.format(Locale.ROOT, " equal to keep-prob %.2f of layer %d: dA[%d] is multiplied by the mask "
                    + "but not divided by keep-prob (inverted dropout scales in both passes)", keep, l, l);
        }
        if (keep < 1 && Math.abs(k * keep - 1) < 1e-4) {
            return String.format(Locale.ROOT, " equal to 1/keep-prob = 1/%.2f of layer %d: dA[%d] is divided by "
                    + "keep-prob twice, or the forward pass does not divide", keep, l, l);
        }
        return null;
    }

    /** a ≈ nᵀ: the analytic block holds the numerical gradient read in column-major order. */
    private static boolean transposed(int rows, int cols, double[] a, double[] n, boolean[] excluded) {
        if (rows == 1 || cols == 1) {
            return false;
        }
        double diff = 0;
        double norm = 0;
        double asIs = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                if (excluded[i]) {
                    continue;
                }
                // Backprop produced a cols×rows matrix, flattened, where a rows×cols one was expected.
                int tr = i / rows;
                int tc = i % rows;
                double t = n[tc * cols + tr];
                diff += (a[i] - t) * (a[i] - t);
                asIs += (a[i] - n[i]) * (a[i] - n[i]);
                norm += a[i] * a[i];
            }
        }
        return norm > 0 && Math.sqrt(diff) <= FIT * Math.sqrt(norm) && Math.sqrt(asIs) > FIT * Math.sqrt(norm);
    }

    /** a − n ≈ c·v for the block's own values v = W (L2) or sign(W) (L1). */
    private static String multipleOf(String d, String name, double[] a, double[] n, double[] v, boolean[] excluded,
                                     boolean l1) {
        double rv = 0;
        double vv = 0;
        double rr = 0;
        for (int i = 0; i < a.length; i++) {
            if (!excluded[i]) {
                double r = a[i] - n[i];
                rv += r * v[i];
                vv += v[i] * v[i];
                rr += r * r;
            }
        }
        if (vv == 0 || rr == 0) {
            return null;
        }
        double c = rv / vv;
        double res = 0;
        for (int i = 0; i < a.length; i++) {
            if (!excluded[i]) {
                double e = a[i] - n[i] - c * v[i];
                res += e * e;
            }
        }
        if (Math.sqrt(res) > 1e-2 * Math.sqrt(rr)) {
            return null;
        }
        String term = l1 ? "λ/m·sign(" + name + ")" : "λ/m·" + name;
        String cost = l1 ? "λ/m·Σ|" + name + "|" : "λ/2m·‖" + name + "‖²";
        if (c < 0) {
            return String.format("%s − %s_approx = %s·%s: the regularization gradient %s is missing from %s "
                    + "(λ/m ≈ %s), or the cost has %s but backprop does not", d, d, fmtK(c), l1 ? "sign(" + name + ")"
                    : name, term, d, fmt(-c), cost);
        }
        return String.format("%s − %s_approx = +%s·%s: %s is added in backprop but the cost lacks %s (or the "
                + "term is added twice)", d, d, fmtK(c), l1 ? "sign(" + name + ")" : name, term, cost);
    }

    private static double[] sign(double[] w) {
        double[] s = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            s[i] = Math.signum(w[i]);
        }
        return s;
    }

    /** Errors confined to a few entries or a few rows (units) of the block. */
    private static String sparse(int blockRows, int blockCols, String d, double[] a, double[] n, boolean[] excluded) {
        int wrong = 0;
        int counted = 0;
        TreeSet<Integer> rows = new TreeSet<>();
        TreeSet<Integer> cols = new TreeSet<>();
        for (int i = 0; i < a.length; i++) {
            if (excluded[i]) {
                continue;
            }
            counted++;
            double denom = Math.abs(a[i]) + Math.abs(n[i]);
            if (denom > 0 && Math.abs(a[i] - n[i]) / denom > 1e-3) {
                wrong++;
                rows.add(i / blockCols);
                cols.add(i % blockCols);
            }
        }
        if (wrong == 0 || counted == 0) {
            return null;
        }
        if (wrong * 2 <= counted) {
            String where = rows.size() < blockRows && blockRows > 1
                    ? " (rows " + abbreviate(rows) + " only, of " + blockRows + ")"
                    : cols.size() < blockCols && blockCols > 1 ? " (columns " + abbreviate(cols) + " only, of "
                    + blockCols + ")" : "";
            return wrong + " of " + counted + " judged entries of " + d + " are wrong by more than 1e-3 relative"
                    + where + ", the rest agree: an error confined to some units or inputs (a derivative or a mask "
                    + "wrong for some examples only); no single factor or term explains it";
        }
        return wrong + " of " + counted + " judged entries of " + d + " are wrong by more than 1e-3 relative, with no "
                + "constant factor, transpose or L1/L2 term that explains them: the error is in dZ of this layer (its "
                + "activation derivative or dropout) or flows in through dA from the layers above";
    }

    private static String abbreviate(TreeSet<Integer> s) {
        StringBuilder b = new StringBuilder();
        int k = 0;
        for (int v : s) {
            if (k++ == 8) {
                b.append(", …");
                break;
            }
            b.append(k > 1 ? ", " : "").append(v);
        }
        return b.toString();
    }

    static String fmt(double v) {
        return String.format("%.3g", v);
    }

    static String fmtK(double k) {
        return Math.abs(k) >= 0.01 && Math.abs(k) < 1000 ? String.format("%.2f", k) : String.format("%.3g", k);
    }
}
