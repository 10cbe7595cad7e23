package dev.gradcheck.adapt;

import java.util.List;
import java.util.function.DoubleConsumer;

import dev.gradcheck.GradientCheckException;
import dev.gradcheck.ParameterBlock;

/**
 * Recovers the gradient an update-only backprop applies. From θ₀ it runs the model's own {@code step(lr)} three
 * times, each from θ₀ with the optimizer state reset: at lr, at lr again, and at 2·lr. Each step's Δ = θ₀ − θ₁ is
 * read and θ₀ written back bit for bit (also when the step throws). A plain {@code W -= lr·dW} gives the same Δ
 * twice and twice the Δ at 2·lr, up to round-off; anything else is refused with what it looks like, because the
 * recovered −Δθ/lr would then not be dθ.
 *
 * <p>Accuracy: θ₁ = fl(θ₀ − lr·g) is rounded to θ₁'s ulp, so the recovered Δ/lr carries an error up to
 * u·(|θ₀| + |θ₁|)/lr + u·|g| per entry (u = 2⁻⁵³). With a power-of-two lr the product lr·g is exact; with lr = 1
 * the error is below 1e-15·max(|θ|, |g|) (docs/adapting.md has the measurements), while a typical training
 * lr of 1e-3 loses three more digits, which is why the adapter steps with its own lr rather than the model's.
 */
public final class StepProbe {
    private static final double U = 0x1p-53;
    /** Round-off allowance per comparison, in units of u times the magnitudes involved. */
    private static final double SLACK = 16;

    private final List<ParameterBlock> blocks;
    private final DoubleConsumer step;
    private final Runnable reset;
    private final double lr;
    private double[][] theta0;

    private StepProbe(List<ParameterBlock> blocks, DoubleConsumer step, Runnable reset, double lr) {
        this.blocks = blocks;
        this.step = step;
        this.reset = reset;
        this.lr = lr;
    }

    /**
     * dθ (one row-major array per block) as −Δθ/lr of the model's step. θ is left bit-identical to how it was.
     *
     * @param reset puts the optimizer state back to the start of training (zero momentum) before every step
     * @throws GradientCheckException when the step throws, changes nothing, is not repeatable from the same θ, is
     *                                not linear in lr, moves every parameter by the same amount (Adam, sign-SGD), or
     *                                leaves a non-finite θ
     */
    public static double[][] gradient(List<ParameterBlock> blocks, DoubleConsumer step, Runnable reset, double lr) {
        return new StepProbe(blocks, step, reset, lr).run();
    }

    private double[][] run() {
        theta0 = new double[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            theta0[b] = blocks.get(b).toArray();
        }
        double[][] d1;
        double[][] d2;
        double[][] d3;
        try {
            d1 = probe(lr);
            d2 = probe(lr);
            d3 = probe(2 * lr);
        } finally {
            restore();
        }
        checkRestored();
        checkMoved(d1);
        checkRepeatable(d1, d2);
        new Linearity(d1, d3).check();
        checkNotSignLike(d1);
        double[][] g = new double[d1.length][];
        for (int b = 0; b < d1.length; b++) {
            g[b] = new double[d1[b].length];
            for (int i = 0; i < g[b].length; i++) {
                g[b][i] = d1[b][i] / lr;
            }
        }
        return g;
    }

    private double[][] probe(double rate) {
        reset.run();
        try {
            step.accept(rate);
        } catch (RuntimeException e) {
            throw new GradientCheckException("the model's step(" + rate + ") threw " + e + " (θ has been restored)", e);
        }
        double[][] d = new double[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            double[] theta1 = blocks.get(b).toArray();
            d[b] = new double[theta1.length];
            for (int i = 0; i < theta1.length; i++) {
                if (!Double.isFinite(theta1[i])) {
                    throw new GradientCheckException("the model's step(" + rate + ") left " + entry(b, i) + " = "
                            + theta1[i] + " (it was " + theta0[b][i] + "): the update overflowed or backprop produced "
                            + "a non-finite gradient; θ has been restored");
                }
                d[b][i] = theta0[b][i] - theta1[i];
            }
        }
        restore();
        return d;
    }

    private void restore() {
        for (int b = 0; b < blocks.size(); b++) {
            blocks.get(b).copyFrom(theta0[b]);
        }
    }

    private void checkRestored() {
        for (int b = 0; b < blocks.size(); b++) {
            double[] now = blocks.get(b).toArray();
            for (int i = 0; i < now.length; i++) {
                if (Double.doubleToLongBits(now[i]) != Double.doubleToLongBits(theta0[b][i])) {
                    throw new GradientCheckException("could not restore " + entry(b, i) + " after the model's step: "
                            + "wrote " + theta0[b][i] + " back, reads " + now[i] + " (does the block's storage keep "
                            + "a double exactly?)");
                }
            }
        }
    }

    private void checkMoved(double[][] d1) {
        for (double[] d : d1) {
            for (double v : d) {
                if (v != 0) {
                    return;
                }
            }
        }
        throw new GradientCheckException("the model's step(" + lr + ") changed no parameter in " + names() + ". "
                + "Does it update the arrays behind parameters() in place? A step that assigns new arrays or "
                + "matrices (W = W.subtract(...)) leaves the blocks looking at the old ones: update in place, or "
                + "make the blocks with ParameterBlock.of(name, () -> W). (Or dθ is exactly zero everywhere, which "
                + "nothing can check.)");
    }

    private void checkRepeatable(double[][] d1, double[][] d2) {
        int[] worst = worst(d1, lr, d2, lr);
        if (worst != null) {
            int b = worst[0];
            int i = worst[1];
            throw new GradientCheckException("the model's step(lr) is not repeatable: from the same θ (restored bit "
                    + "for bit) and after the reset hook, one step moved " + entry(b, i) + " by " + d1[b][i]
                    + " and the next by " + d2[b][i] + " (lr = " + lr + "). The step keeps state from one call to "
                    + "the next, so −Δθ/lr is not dθ: momentum or Adam moments not reset (give "
                    + "UpdateOnly.optimizerState(vW, vb) or resetOptimizer(...)), a step counter or learning-rate "
                    + "schedule, or dropout with fresh masks (turn it off for the check)");
        }
    }

    private void checkNotSignLike(double[][] d1) {
        int nonzero = 0;
        double[] mags = new double[count(d1)];
        for (double[] d : d1) {
            for (double v : d) {
                if (v != 0) {
                    mags[nonzero++] = Math.abs(v);
                }
            }
        }
        if (nonzero < 4) {
            return;
        }
        double[] sorted = java.util.Arrays.copyOf(mags, nonzero);
        java.util.Arrays.sort(sorted);
        double median = sorted[nonzero / 2];
        int same = 0;
        for (int k = 0; k < nonzero; k++) {
            if (Math.abs(sorted[k] - median) <= 1e-3 * median) {
                same++;
            }
        }
        if (same >= 0.9 * nonzero) {
            throw new GradientCheckException("the model's step(" + lr + ") moved " + same + " of the " + nonzero
                    + " parameters it changed by the same amount, " + median + " (±" + median / lr + "·lr): that "
                    + "is what Adam, RMSprop or sign-SGD do on a first step from reset moments, and such a step is "
                    + "not proportional to the gradient, so −Δθ/lr is not dθ. Give UpdateOnly a plain gradient "
                    + "descent step (W -= lr·dW, momentum allowed when reset). (If dθ really has entries of one "
                    + "magnitude, the parameters are at a symmetric point: break the symmetry first.)");
        }
    }

    /** The entry where Δa/ra and Δb/rb disagree beyond round-off by the most, or null. */
    private int[] worst(double[][] da, double ra, double[][] db, double rb) {
        int[] worst = null;
        double most = 1;
        for (int b = 0; b < da.length; b++) {
            for (int i = 0; i < da[b].length; i++) {
                double excess = Math.abs(da[b][i] / ra - db[b][i] / rb)
                        / (tolerance(theta0[b][i], da[b][i], ra) + tolerance(theta0[b][i], db[b][i], rb));
                if (excess > most || Double.isNaN(excess)) {
                    most = excess;
                    worst = new int[] {b, i};
                }
            }
        }
        return worst;
    }

    /** Round-off in Δ/rate: θ₁ rounded to its ulp, the product rate·g and the difference θ₀ − θ₁, with slack. */
    private static double tolerance(double theta0, double delta, double rate) {
        double theta1 = theta0 - delta;
        return SLACK * U * (Math.abs(theta0) + Math.abs(theta1) + Math.abs(delta)) / rate + Double.MIN_NORMAL;
    }

    /** Classifies a step that is not linear in lr: compares Δ(lr) = a with Δ(2·lr) = b. */
    private final class Linearity {
        private final double[][] a;
        private final double[][] b;

        Linearity(double[][] a, double[][] b) {
            this.a = a;
            this.b = b;
        }

        void check() {
            int[] worst = worst(a, lr, b, 2 * lr);
            if (worst == null) {
                return;
            }
            int wb = worst[0];
            int wi = worst[1];
            String where = entry(wb, wi) + ": −Δθ/lr is " + a[wb][wi] / lr + " at lr = " + lr + " but "
                    + b[wb][wi] / (2 * lr) + " at lr = " + 2 * lr;
            String refuse = " UpdateOnly refuses to report a gradient that depends on the learning rate.";
            if (ignoresLr()) {
                throw new GradientCheckException("the model's step does not scale with lr: it moved θ by the same "
                        + "amount at lr = " + lr + " and at " + 2 * lr + " (" + where + "). Does step(lr) pass lr on "
                        + "to the update, or use its own learning rate? Or is the update clipped to a norm it "
                        + "reaches at both rates?" + refuse);
            }
            double lambda = decay();
            if (!Double.isNaN(lambda)) {
                throw new GradientCheckException("the model's step shrinks θ by a factor (1 − " + String.format(java.util.Locale.ROOT, "%.4g", lambda) + ") that "
                        + "does not scale with lr (" + where + "): weight decay applied apart from the gradient "
                        + "step. J does not contain it, so −Δθ/lr is not dθ: put λ/m·W into dW and λ/2m·‖W‖² into J, "
                        + "or turn the decay off for the check." + refuse);
            }
            double k = commonFactor();
            if (!Double.isNaN(k)) {
                throw new GradientCheckException("the model's step grew by a factor " + String.format(java.util.Locale.ROOT, "%.4g", k) + " instead of 2 when lr "
                        + "doubled, in every entry (" + where + "): the update's norm is clipped or its size "
                        + "capped. Turn clipping off for the check." + refuse);
            }
            double clip = clipValue();
            if (!Double.isNaN(clip)) {
                throw new GradientCheckException("the model's step is clipped entry by entry at ±" + clip + " ("
                        + where + "): the entries that hit the limit move by the same amount at both learning "
                        + "rates. Turn clipping off for the check." + refuse);
            }
            throw new GradientCheckException("the model's step is not linear in lr (" + where + "; " + byBlock()
                    + "): the update "
                    + "applies something beyond −lr·dW. Common causes: a layer's W updated before the gradient of "
                    + "the layer below is computed from it (apply the updates after all of backprop), clipping, "
                    + "weight decay apart from the gradient, a learning-rate schedule." + refuse);
        }

        /** "not linear in W1, b1; linear in W2, b2": which blocks double with lr. */
        private String byBlock() {
            StringBuilder bad = new StringBuilder();
            StringBuilder good = new StringBuilder();
            for (int p = 0; p < a.length; p++) {
                boolean linear = true;
                for (int i = 0; i < a[p].length && linear; i++) {
                    linear = close(2 * a[p][i], b[p][i], theta0[p][i]);
                }
                StringBuilder to = linear ? good : bad;
                to.append(to.length() == 0 ? "" : ", ").append(blocks.get(p).name());
            }
            return "not linear in " + bad + (good.length() == 0 ? "" : "; linear in " + good);
        }

        private boolean ignoresLr() {
            boolean any = false;
            for (int p = 0; p < a.length; p++) {
                for (int i = 0; i < a[p].length; i++) {
                    if (a[p][i] == 0 && b[p][i] == 0) {
                        continue;
                    }
                    any = true;
                    if (!close(a[p][i], b[p][i], theta0[p][i])) {
                        return false;
                    }
                }
            }
            return any;
        }

        /** Δ(lr) = lr·g + λ·θ₀ ⇒ 2Δ(lr) − Δ(2lr) = λ·θ₀: a common λ over the entries where it shows. */
        private double decay() {
            double lambda = Double.NaN;
            for (int p = 0; p < a.length; p++) {
                for (int i = 0; i < a[p].length; i++) {
                    double c = 2 * a[p][i] - b[p][i];
                    double t = theta0[p][i];
                    if (Math.abs(c) <= 1e3 * noise(p, i)) {
                        continue;
                    }
                    if (t == 0) {
                        return Double.NaN;
                    }
                    double l = c / t;
                    if (Double.isNaN(lambda)) {
                        lambda = l;
                    } else if (Math.abs(l - lambda) > 1e-6 * Math.abs(lambda)) {
                        return Double.NaN;
                    }
                }
            }
            return lambda;
        }

        /** Δ(2lr) = k·Δ(lr) with one k ≠ 2 over every well-resolved entry. */
        private double commonFactor() {
            double k = Double.NaN;
            for (int p = 0; p < a.length; p++) {
                for (int i = 0; i < a[p].length; i++) {
                    if (Math.abs(a[p][i]) <= 1e3 * noise(p, i)) {
                        continue;
                    }
                    double r = b[p][i] / a[p][i];
                    if (Double.isNaN(k)) {
                        k = r;
                    } else if (Math.abs(r - k) > 1e-6 * Math.abs(k)) {
                        return Double.NaN;
                    }
                }
            }
            return Math.abs(k - 2) > 1e-6 ? k : Double.NaN;
        }

        /** The entries not doubling all end at the same |Δ(2lr)|: a per-entry clip at that value. */
        private double clipValue() {
            double clip = Double.NaN;
            for (int p = 0; p < a.length; p++) {
                for (int i = 0; i < a[p].length; i++) {
                    if (close(2 * a[p][i], b[p][i], theta0[p][i])) {
                        continue;
                    }
                    double v = Math.abs(b[p][i]);
                    if (Double.isNaN(clip)) {
                        clip = v;
                    } else if (Math.abs(v - clip) > 1e-9 * clip) {
                        return Double.NaN;
                    }
                }
            }
            return clip;
        }

        private double noise(int p, int i) {
            return tolerance(theta0[p][i], a[p][i], 1) + tolerance(theta0[p][i], b[p][i], 1);
        }

        private boolean close(double x, double y, double t) {
            return Math.abs(x - y) <= tolerance(t, x, 1) + tolerance(t, y, 1);
        }
    }

    private String entry(int b, int i) {
        ParameterBlock block = blocks.get(b);
        int r = i / block.cols();
        int c = i % block.cols();
        String s = block.name() + "[" + r + "," + c + "]";
        if (block.transposed()) {
            int[] u = block.userIndex(r, c);
            s += " ([" + u[0] + "][" + u[1] + "] in the model's own inputs × units storage)";
        }
        return s;
    }

    private String names() {
        StringBuilder s = new StringBuilder();
        for (ParameterBlock b : blocks) {
            s.append(s.length() == 0 ? "" : ", ").append(b.name());
        }
        return s.toString();
    }

    private static int count(double[][] d) {
        int n = 0;
        for (double[] x : d) {
            n += x.length;
        }
        return n;
    }
}
