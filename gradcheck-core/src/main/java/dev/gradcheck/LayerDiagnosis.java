package dev.gradcheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The diagnosis of a failing layer from what a {@link Layered} model says about it: dW[l] and db[l] together, against
 * named causes in dZ[l].
 *
 * <p>For unit i, dW[l][i,·] = (1/m)·Σ_k dZ[i,k]·A[l−1][·,k] and db[l][i] = (1/m)·Σ_k dZ[i,k]: n[l−1] + 1 linear
 * equations on the row dZ[i,·], once for the numerical gradient (the true dZ = dA ∘ D/keep ∘ g'(Z)) and once for the
 * analytic one (the dZ backprop formed). A cause says how backprop formed dZ from the same dA, e.g. dA ∘ D/keep ∘ g(Z)
 * when g' is taken from the value. It explains the layer when one dA per unit solves both sets of equations; the
 * relative residual of that least-squares fit is the evidence, and the cause must fit far better than every other.
 * When the equations are too few for the examples (m large next to n[l−1]), every cause fits and none is named.
 */
final class LayerDiagnosis {
    /** A cause explains a layer when its relative residual is below this (the references carry ~1e-7 noise). */
    static final double FITS = 1e-4;
    /** ... and fits this many times better than the next cause. */
    static final double APART = 100;

    private LayerDiagnosis() {
    }

    /** The facts of a {@link Layered} model, checked against its blocks; empty for any other model. */
    static List<LayerFacts> of(Differentiable model, List<ParameterBlock> blocks) {
        if (!(model instanceof Layered layered)) {
            return List.of();
        }
        List<LayerFacts> facts = layered.layerFacts();
        if (facts == null) {
            throw new GradientCheckException("layerFacts() returned null: return an empty list when the model cannot "
                    + "say what its layers are");
        }
        Map<String, ParameterBlock> byName = new HashMap<>();
        blocks.forEach(b -> byName.put(b.name(), b));
        Set<String> seen = new HashSet<>();
        for (LayerFacts f : facts) {
            checkBlock(f, f.weights(), f.units(), f.inputs(), byName, seen);
            checkBlock(f, f.bias(), f.units(), 1, byName, seen);
        }
        return List.copyOf(facts);
    }

    private static void checkBlock(LayerFacts f, String name, int rows, int cols, Map<String, ParameterBlock> byName,
                                   Set<String> seen) {
        if (name == null) {
            return;
        }
        ParameterBlock b = byName.get(name);
        if (b == null) {
            throw new GradientCheckException("layerFacts() names block '" + name + "' for layer " + f.layer()
                    + ", but the model has no such block (its blocks are " + byName.keySet() + ")");
        }
        if (b.rows() != rows || b.cols() != cols) {
            throw new GradientCheckException("layerFacts() says layer " + f.layer() + "'s block " + name + " is "
                    + rows + "×" + cols + ", but the block is " + b.rows() + "×" + b.cols());
        }
        if (!seen.add(name)) {
            throw new GradientCheckException("layerFacts() names block " + name + " in two layers");
        }
    }

    /** The facts of the layer that owns {@code block}, or null. */
    static LayerFacts layerOf(String block, List<LayerFacts> facts) {
        for (LayerFacts f : facts) {
            if (f.owns(block)) {
                return f;
            }
        }
        return null;
    }

    /** The highest layer with a BUG component, or 0. */
    static int highestFailing(List<ComponentResult> components, List<LayerFacts> facts) {
        int top = 0;
        for (ComponentResult c : components) {
            LayerFacts f = layerOf(c.block(), facts);
            if (f != null && c.verdict() == Verdict.BUG) {
                top = Math.max(top, f.layer());
            }
        }
        return top;
    }

    /**
     * The components with the diagnosis of every BUG component in a described layer made sharper: factors read as m
     * or keep-prob, the layer's cause where one fits, and below the highest failing layer, that the error may be
     * inherited. Components of other layers, and every other finding, are returned as they were.
     */
    static List<ComponentResult> refine(List<ComponentResult> components, List<LayerFacts> facts) {
        if (facts.isEmpty()) {
            return components;
        }
        int top = highestFailing(components, facts);
        Map<String, ComponentResult> byBlock = new HashMap<>();
        components.forEach(c -> byBlock.put(c.block(), c));
        Map<Integer, Fit> causes = new HashMap<>();
        List<ComponentResult> out = new ArrayList<>();
        for (ComponentResult c : components) {
            LayerFacts f = layerOf(c.block(), facts);
            if (f == null || c.verdict() != Verdict.BUG || !c.checked()) {
                out.add(c);
                continue;
            }
            String sentence = Hints.pattern(c.data(), c.judged().ref(), excluded(c), noiseNorm(c), f);
            if (sentence == null && f.layer() == top) {
                Fit fit = causes.computeIfAbsent(f.layer(), l -> cause(f, byBlock.get(f.weights()),
                        byBlock.get(f.bias())));
                sentence = fit == null ? null : fit.sentence;
            }
            if (sentence == null && f.layer() < top) {
                sentence = inherited(c, f, top, byBlock, facts);
            }
            out.add(sentence == null ? c : withDiagnosis(c, sentence));
        }
        return out;
    }

    private static ComponentResult withDiagnosis(ComponentResult c, String sentence) {
        List<Finding> f = new ArrayList<>();
        f.add(new Finding(Finding.Kind.DIAGNOSIS, sentence));
        c.findings().stream().filter(x -> x.kind() != Finding.Kind.DIAGNOSIS).forEach(f::add);
        return new ComponentResult(c.data(), c.judged(), c.sums(), c.judgedSums(), c.verdict(), c.judgedRatio(),
                c.accuracyFloor(), c.worstEntries(), f, c.nonDifferentiable(), c.notCheckedReason().orElse(null));
    }

    static boolean[] excluded(ComponentResult c) {
        Judged.Status[] s = c.judged().status();
        boolean[] x = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            x[i] = !s[i].judged();
        }
        return x;
    }

    /**
     * The entries a layer fit leaves out: those not judged, and those on a kink, whose reference is the one-sided
     * slope nearest the analytic value (a cause says which slope backprop should take, the kink's choice does not).
     */
    private static boolean[] smooth(ComponentResult c) {
        Judged.Status[] s = c.judged().status();
        boolean[] x = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            x[i] = !s[i].judged() || s[i] == Judged.Status.KINK_SLOPE;
        }
        return x;
    }

    private static double noiseNorm(ComponentResult c) {
        double n2 = 0;
        Judged j = c.judged();
        for (int i = 0; i < j.sd().length; i++) {
            if (j.status()[i].judged()) {
                n2 += j.sd()[i] * j.sd()[i];
            }
        }
        return Math.sqrt(n2);
    }

    /** Below the highest failing layer: the sentence that says the error may flow in, with the evidence. */
    private static String inherited(ComponentResult c, LayerFacts f, int top, Map<String, ComponentResult> byBlock,
                                    List<LayerFacts> facts) {
        String own = Hints.unexplained(c.data(), c.judged().ref(), excluded(c));
        String head = (own == null ? c.name() + " is wrong" : own.substring(0, own.indexOf(':')))
                + String.format(Locale.ROOT, "; layer %d lies below the failing layer %d, and backprop hands a wrong "
                + "dA[%d] down to it", f.layer(), top, f.layer());
        if (f.output() || !f.hasValues()) {
            return head + ": fix layer " + top + " first, then check again";
        }
        Fit inherit = fit(f, byBlock.get(f.weights()), byBlock.get(f.bias()), Form.INHERITED);
        if (inherit.dof == 0) {
            return head + ": fix layer " + top + " first, then check again";
        }
        if (inherit.relative <= FITS) {
            return head + String.format(Locale.ROOT, ": dW%1$s and db%1$s are layer %2$d's own correct backprop of "
                    + "some dA[%2$d] (residual %3$.1e over %4$d equations), so fix layer %5$d first, then check again",
                    suffix(f), f.layer(), inherit.relative, inherit.dof, top);
        }
        return head + String.format(Locale.ROOT, ", but no dA[%d] through layer %d's correct backprop explains them "
                + "(residual %.1e): layer %d may have an error of its own as well", f.layer(), f.layer(),
                inherit.relative, f.layer());
    }

    private static String suffix(LayerFacts f) {
        return String.valueOf(f.layer());
    }

    /** How backprop formed dZ from dA in a cause: the weight of dA[i,k] in dZ[i,k]. */
    enum Form {
        /** The correct dZ = dA ∘ D/keep ∘ g'(Z) for both: with separate dA for the two gradients. */
        INHERITED,
        /** dZ = dA ∘ D/keep ∘ g(Z): g' taken as g itself (relu' from A, σ' as σ). */
        SLOPE_FROM_VALUE,
        /** dZ = dA ∘ D/keep: g' left out. */
        SLOPE_DROPPED,
        /** dZ = dA / keep ∘ g'(Z): the mask not applied. */
        MASK_NOT_APPLIED,
        /** dZ = dA ∘ D ∘ g'(Z): not divided by keep-prob. */
        NOT_SCALED
    }

    /** One cause's least-squares fit over a layer: relative residual and the equations beyond the unknowns. */
    record Fit(Form form, double relative, int dof, int entries, String sentence) {
    }

    /** The named cause that explains the layer, or null when none does or several do alike. */
    static Fit cause(LayerFacts f, ComponentResult w, ComponentResult b) {
        if (f.output() || !f.hasValues() || (w == null && b == null)) {
            return null;
        }
        List<Fit> fits = new ArrayList<>();
        fits.add(fit(f, w, b, Form.SLOPE_FROM_VALUE));
        if (!linear(f)) {
            fits.add(fit(f, w, b, Form.SLOPE_DROPPED));
        }
        if (f.dropsSomething()) {
            fits.add(fit(f, w, b, Form.MASK_NOT_APPLIED));
            fits.add(fit(f, w, b, Form.NOT_SCALED));
        }
        fits.removeIf(x -> x.dof == 0);
        if (fits.isEmpty()) {
            return null;
        }
        fits.sort((x, y) -> Double.compare(x.relative, y.relative));
        Fit best = fits.get(0);
        if (!(best.relative <= FITS)) {
            return null;
        }
        double next = fits.size() > 1 ? fits.get(1).relative : Double.NaN;
        if (fits.size() > 1 && !(next > APART * best.relative)) {
            return null;
        }
        String evidence = String.format(Locale.ROOT, ": one dA[%d] per unit explains %d judged entries of dW%d and "
                        + "db%d together (%d units, %d equations more than unknowns) to a relative residual of %.1e",
                f.layer(), best.entries, f.layer(), f.layer(), f.units(), best.dof, best.relative);
        if (fits.size() > 1) {
            evidence += String.format(Locale.ROOT, "; the next cause, %s, leaves %.1e", name(fits.get(1).form, f),
                    next);
        }
        return new Fit(best.form, best.relative, best.dof, best.entries, cause(best.form, f) + evidence);
    }

    private static boolean linear(LayerFacts f) {
        for (double z : new double[] {-1.3, -0.2, 0.4, 1.7}) {
            if (f.slope().applyAsDouble(z) != 1) {
                return false;
            }
        }
        return true;
    }

    private static String name(Form form, LayerFacts f) {
        return switch (form) {
            case SLOPE_FROM_VALUE -> "g'(Z" + f.layer() + ") taken as g(Z" + f.layer() + ")";
            case SLOPE_DROPPED -> "g'(Z" + f.layer() + ") left out";
            case MASK_NOT_APPLIED -> "the mask D" + f.layer() + " not applied";
            case NOT_SCALED -> "dA" + f.layer() + " not divided by keep-prob";
            case INHERITED -> "a wrong dA" + f.layer();
        };
    }

    private static String cause(Form form, LayerFacts f) {
        int l = f.layer();
        String g = f.activation() == null ? "g" : f.activation();
        return switch (form) {
            case SLOPE_FROM_VALUE -> String.format(Locale.ROOT, "dZ%d = dA%d ∘ g(Z%d) instead of dA%d ∘ g'(Z%d): "
                    + "the %s derivative taken as g(Z%d) itself, the layer's value A%d%s", l, l, l, l, l, g, l, l,
                    valueExample(g));
            case SLOPE_DROPPED -> String.format(Locale.ROOT, "dZ%d = dA%d: g'(Z%d) left out (the %s derivative "
                    + "taken as 1 everywhere); multiply by it, dZ%d = dA%d ∘ g'(Z%d)", l, l, l, g, l, l, l);
            case MASK_NOT_APPLIED -> String.format(Locale.ROOT, "the dropout mask D%d not applied in backprop: dA%d "
                    + "is divided by keep-prob %.2f but not multiplied by D%d, so units dropped in the forward pass "
                    + "still get a gradient", l, l, f.keepProb(), l);
            case NOT_SCALED -> String.format(Locale.ROOT, "dA%d multiplied by the mask D%d but not divided by "
                    + "keep-prob %.2f", l, l, f.keepProb());
            case INHERITED -> "a wrong dA" + l + " from above";
        };
    }

    private static String valueExample(String g) {
        return switch (g) {
            case "relu", "leaky-relu" -> " (relu'(z) taken from A instead of Z: 1{Z > 0} is the derivative)";
            case "sigmoid" -> " (σ'(z) taken as σ(z) instead of σ(z)(1 − σ(z)))";
            case "tanh" -> " (tanh'(z) taken as tanh(z) instead of 1 − tanh²(z))";
            default -> "";
        };
    }

    /** The weights t (numerical) and u (analytic) of dA[i,k] in dZ[i,k] under a cause. */
    private static void weights(Form form, LayerFacts f, int i, double[] t, double[] u) {
        int m = f.m();
        for (int k = 0; k < m; k++) {
            int e = i * m + k;
            double z = f.z()[e];
            double d = f.mask() == null ? 1 : f.mask()[e];
            double keep = f.keepProb();
            double slope = f.slope().applyAsDouble(z);
            t[k] = d / keep * slope;
            u[k] = switch (form) {
                case INHERITED -> t[k];
                case SLOPE_FROM_VALUE -> d / keep * f.g().applyAsDouble(z);
                case SLOPE_DROPPED -> d / keep;
                case MASK_NOT_APPLIED -> slope / keep;
                case NOT_SCALED -> d * slope;
            };
        }
    }

    /** The least-squares fit of one cause over every unit of the layer. */
    static Fit fit(LayerFacts f, ComponentResult w, ComponentResult b, Form form) {
        int m = f.m();
        int p = f.inputs();
        double res2 = 0;
        double norm2 = 0;
        int dof = 0;
        int entries = 0;
        double[] t = new double[m];
        double[] u = new double[m];
        boolean kinked = f.slope().applyAsDouble(-1e-12) != f.slope().applyAsDouble(1e-12);
        boolean[] wx = w == null ? null : smooth(w);
        boolean[] bx = b == null ? null : smooth(b);
        for (int i = 0; i < f.units(); i++) {
            // The rows of the equations for unit i: one per judged entry of dW[i,·] and db[i].
            List<double[]> rows = new ArrayList<>();
            List<Double> ref = new ArrayList<>();
            List<Double> ana = new ArrayList<>();
            // An example whose Z sits exactly on g's kink: an entry that moves it is judged against a one-sided
            // slope or the mean of both, neither of which the cause's g'(Z) says. Leave such equations out.
            List<Integer> onKink = new ArrayList<>();
            for (int k = 0; k < m && kinked; k++) {
                if (f.z()[i * m + k] == 0) {
                    onKink.add(k);
                }
            }
            for (int j = 0; j < p && w != null; j++) {
                int e = i * p + j;
                boolean moves = false;
                for (int k : onKink) {
                    moves |= f.input()[j * m + k] != 0;
                }
                if (!wx[e] && !moves) {
                    double[] row = new double[m];
                    for (int k = 0; k < m; k++) {
                        row[k] = f.input()[j * m + k] / m;
                    }
                    rows.add(row);
                    ref.add(w.judged().ref()[e]);
                    ana.add(w.data().analytic[e]);
                }
            }
            if (b != null && !bx[i] && onKink.isEmpty()) {
                double[] row = new double[m];
                java.util.Arrays.fill(row, 1.0 / m);
                rows.add(row);
                ref.add(b.judged().ref()[i]);
                ana.add(b.data().analytic[i]);
            }
            int q = rows.size();
            if (q == 0) {
                continue;
            }
            weights(form, f, i, t, u);
            double[] rhsR = new double[q];
            double[] rhsA = new double[q];
            for (int e = 0; e < q; e++) {
                rhsR[e] = ref.get(e);
                rhsA[e] = ana.get(e);
            }
            double unit2 = dot(rhsR, rhsR) + dot(rhsA, rhsA);
            if (unit2 == 0) {
                continue;
            }
            Projection proj;
            double r2;
            int rank;
            if (form == Form.INHERITED) {
                // Two separate dA: the numerical and the analytic rows each in the span of the layer's own backprop.
                proj = new Projection(q);
                for (int k = 0; k < m; k++) {
                    proj.add(column(rows, k, t[k], 0, q, false));
                }
                r2 = proj.residual2(rhsR) + proj.residual2(rhsA);
                rank = 2 * proj.rank();
                dof += 2 * q - rank;
            } else {
                proj = new Projection(2 * q);
                for (int k = 0; k < m; k++) {
                    proj.add(column(rows, k, t[k], u[k], q, true));
                }
                double[] rhs = new double[2 * q];
                System.arraycopy(rhsR, 0, rhs, 0, q);
                System.arraycopy(rhsA, 0, rhs, q, q);
                r2 = proj.residual2(rhs);
                rank = proj.rank();
                dof += 2 * q - rank;
            }
            if (2 * q > rank) {
                res2 += r2;
                norm2 += unit2;
                entries += q;
            }
        }
        double rel = norm2 == 0 ? Double.NaN : Math.sqrt(res2 / norm2);
        return new Fit(form, rel, dof, entries, null);
    }

    private static double[] column(List<double[]> rows, int k, double t, double u, int q, boolean stacked) {
        double[] c = new double[stacked ? 2 * q : q];
        for (int e = 0; e < q; e++) {
            c[e] = rows.get(e)[k] * t;
            if (stacked) {
                c[q + e] = rows.get(e)[k] * u;
            }
        }
        return c;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** An orthonormal basis grown by modified Gram–Schmidt (twice), and the residual of a vector against it. */
    static final class Projection {
        private final int n;
        private final List<double[]> basis = new ArrayList<>();

        Projection(int n) {
            this.n = n;
        }

        void add(double[] c) {
            double before = Math.sqrt(dot(c, c));
            if (before == 0 || basis.size() == n) {
                return;
            }
            double[] v = c.clone();
            reduce(v);
            reduce(v);
            double after = Math.sqrt(dot(v, v));
            if (after > 1e-9 * before) {
                for (int i = 0; i < n; i++) {
                    v[i] /= after;
                }
                basis.add(v);
            }
        }

        private void reduce(double[] v) {
            for (double[] q : basis) {
                double s = dot(q, v);
                for (int i = 0; i < n; i++) {
                    v[i] -= s * q[i];
                }
            }
        }

        int rank() {
            return basis.size();
        }

        double residual2(double[] b) {
            double[] v = b.clone();
            reduce(v);
            reduce(v);
            return dot(v, v);
        }
    }
}
