package dev.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Names the kind of bug from the shape of the disagreement in one component, in one sentence each: a constant
 * factor (2, 1/m, m), a sign flip, a transposed block, an all-zero block, a missing or extra multiple of the block's
 * own W (the L2 term λ/m·W) or of sign(W) (the L1 term), or errors confined to a few units.
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
    static List<String> of(ComponentData data, double[] reference, boolean[] excluded, double noiseNorm) {
        double[] a = data.analytic;
        double[] n = reference;
        String name = data.block;
        String d = "d" + name;
        List<String> hints = new ArrayList<>();
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
            hints.add(d + " is all zero while the numerical gradient is not (‖" + d + "_approx‖ = " + fmt(nNorm)
                    + "): backprop never fills this block, or fills a copy that is not returned");
            return hints;
        }
        if (nNorm <= noiseNorm && aNorm > noiseNorm) {
            hints.add("J does not depend on " + name + " (numerical gradient ≈ 0) but " + d
                    + " is not zero (‖" + d + "‖ = " + fmt(aNorm) + "): backprop adds a term the cost does not have");
            return hints;
        }
        if (transposed(data.rows, data.cols, a, n, excluded)) {
            hints.add(d + " is the transpose of the true gradient (" + data.rows + "×" + data.cols
                    + "): compute dW[l] = dZ[l]·A[l−1]ᵀ / m, not its transpose, or check the order of the product");
            return hints;
        }
        if (nn > 0) {
            double k = an / nn;
            // k ≈ 1 is agreement up to noise, not a pattern.
            if (Math.abs(k - 1) > 1e-2 && residual(a, n, k, excluded) <= FIT * aNorm) {
                hints.add(factorSentence(d, k));
                return hints;
            }
        }
        double[] w = data.values;
        String l2 = multipleOf(d, name, a, n, w, excluded, false);
        if (l2 != null) {
            hints.add(l2);
            return hints;
        }
        String l1 = multipleOf(d, name, a, n, sign(w), excluded, true);
        if (l1 != null) {
            hints.add(l1);
            return hints;
        }
        String sparse = sparse(data.rows, data.cols, d, a, n, excluded);
        if (sparse != null) {
            hints.add(sparse);
        }
        return hints;
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
        if (Math.abs(k + 1) < 1e-2) {
            return d + " = −1 × the numerical gradient: a sign flip (e.g. dZ = Y − A instead of A − Y, or a "
                    + "gradient step added where it is subtracted)";
        }
        String base = String.format("%s = %s × the numerical gradient in every entry: a constant factor", d, fmtK(k));
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
                    ? " (rows " + abbreviate(rows) + " only: the units of this layer where the derivative is wrong)"
                    : cols.size() < blockCols && blockCols > 1 ? " (columns " + abbreviate(cols) + " only)" : "";
            return wrong + " of " + counted + " entries of " + d + " are wrong" + where + ", the rest agree: "
                    + "a derivative wrong for some inputs only, e.g. relu'(z) taken from A instead of Z, or at z = 0";
        }
        return wrong + " of " + counted + " entries of " + d + " are wrong with no constant factor: check the "
                + "activation derivative in dZ = dA ∘ g'(Z) of this layer, and the backprop of the layers above it, "
                + "which feeds dA";
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
