package dev.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;

/**
 * dθ_approx one coordinate at a time, writing θᵢ ± h into the model's live blocks and always writing the original
 * double back (bit-exact), also when cost() throws.
 *
 * <p>Two stencils. {@link Stencil#CENTRAL} is the course's (J(θ+ε) − J(θ−ε)) / 2ε, except that the divisor is the
 * step actually taken, (θᵢ+ε) − (θᵢ−ε), which differs from 2ε by the rounding of θᵢ ± ε (for |θᵢ| ~ 1 and ε = 1e-7
 * dividing by 2ε adds a relative error up to ~1e-9 that has nothing to do with the model).
 * {@link Stencil#PRECISE} is the fourth-order five-point stencil (8(J₊₁ − J₋₁) − (J₊₂ − J₋₂)) / 12h with a step per
 * coordinate h = 2⁻¹³·max(1, |θᵢ|) rounded to a power of two, so θᵢ ± h and θᵢ ± 2h are exact: truncation is
 * O(h⁴) ≈ 1e-16 and round-off ≈ u·|J|/h ≈ 1e-12, an accuracy the central difference cannot reach at any ε.
 *
 * <p>Kinks are recognised from J alone: the two one-sided slopes (central stencil) or the h and 2h central
 * differences (precise stencil) disagree by far more than curvature and round-off explain.
 */
final class NumericalGradient {

    enum Stencil { CENTRAL, PRECISE }

    /** Step of the precise stencil for |θ| ≤ 1: 2⁻¹³ ≈ 1.2e-4. */
    static final double PRECISE_STEP = 0x1p-13;

    /** One-sided slopes that differ by more than this fraction of their size make an entry a kink candidate. */
    static final double KINK_CANDIDATE_RELATIVE = 1e-6;

    /** Per block and entry: the numerical derivative, the one-sided slopes, the step, and whether J has a kink. */
    static final class Result {
        final double[][] central;
        final double[][] forward;
        final double[][] backward;
        final double[][] step;
        final boolean[][] kink;
        final boolean[][] exactKink;
        /** Perturbed costs that are exactly representable as float, and how many costs were looked at. */
        long floatLike;
        long looked;

        Result(List<ParameterBlock> blocks) {
            int n = blocks.size();
            central = new double[n][];
            forward = new double[n][];
            backward = new double[n][];
            step = new double[n][];
            kink = new boolean[n][];
            exactKink = new boolean[n][];
            for (int b = 0; b < n; b++) {
                int size = blocks.get(b).size();
                central[b] = new double[size];
                forward[b] = new double[size];
                backward[b] = new double[size];
                step[b] = new double[size];
                kink[b] = new boolean[size];
                exactKink[b] = new boolean[size];
            }
        }
    }

    private final Differentiable model;
    private final DoubleSupplier cost;
    private final List<ParameterBlock> blocks;
    private final double epsilon;
    private final double j0;
    private final EntrySelection selection;
    private final Stencil stencil;
    private final int threads;
    private final Progress progress;
    private long evaluations;

    /**
     * @param cost the J to differentiate: normally {@code model::cost}; the regularization split passes the penalty
     * @param threads more than 1 evaluates on replicas of a {@link Replicable} model
     */
    NumericalGradient(Differentiable model, DoubleSupplier cost, List<ParameterBlock> blocks, double epsilon, double j0,
                      EntrySelection selection, Stencil stencil, int threads, Progress progress) {
        this.model = model;
        this.cost = cost;
        this.blocks = blocks;
        this.epsilon = epsilon;
        this.j0 = j0;
        this.selection = selection;
        this.stencil = stencil;
        this.threads = threads;
        this.progress = progress;
    }

    long evaluations() {
        return evaluations;
    }

    Result compute() {
        Result r = new Result(blocks);
        boolean plainCost = cost == null;
        if (plainCost && stencil == Stencil.CENTRAL && model instanceof StructuredCost s) {
            for (int b = 0; b < blocks.size(); b++) {
                structuredBlock(s, b, blocks.get(b), r);
            }
        } else if (plainCost && threads > 1 && model instanceof Replicable rep) {
            parallel(rep, r);
        } else {
            DoubleSupplier j = plainCost ? model::cost : cost;
            evaluations += range(j, blocks, 0, totalSize(), r);
        }
        progress.done();
        return r;
    }

    private int totalSize() {
        int n = 0;
        for (ParameterBlock b : blocks) {
            n += b.size();
        }
        return n;
    }

    /** Evaluates the coordinates with global indices [from, to) on the given blocks (the model's or a replica's). */
    private long range(DoubleSupplier j, List<ParameterBlock> on, int from, int to, Result r) {
        long count = 0;
        int base = 0;
        for (int b = 0; b < on.size(); b++) {
            ParameterBlock block = on.get(b);
            int lo = Math.max(from - base, 0);
            int hi = Math.min(to - base, block.size());
            for (int i = lo; i < hi; i++) {
                if (selection.includes(b, i)) {
                    count += stencil == Stencil.CENTRAL ? central(j, b, block, i, r) : precise(j, b, block, i, r);
                    progress.advance(1);
                }
            }
            base += block.size();
        }
        return count;
    }

    private void parallel(Replicable rep, Result r) {
        int total = totalSize();
        int parts = Math.min(threads, Math.max(1, total / 64));
        ExecutorService pool = Executors.newFixedThreadPool(parts, task -> {
            Thread t = new Thread(task, "gradcheck-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            // Every replica is made before any task starts: replicate() copies the model's parameters, and a
            // running task perturbs the original's, so a copy made later could capture θ + εeᵢ.
            List<Differentiable> copies = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                Differentiable copy = p == 0 ? model : rep.replicate();
                if (copy.parameters().size() != blocks.size()) {
                    throw new GradientCheckException("replicate() returned a model with "
                            + copy.parameters().size() + " parameter blocks where the original has " + blocks.size());
                }
                copies.add(copy);
            }
            List<Future<Long>> futures = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int from = (int) ((long) total * p / parts);
                int to = (int) ((long) total * (p + 1) / parts);
                Differentiable copy = copies.get(p);
                List<ParameterBlock> on = p == 0 ? blocks : copy.parameters();
                futures.add(pool.submit(() -> range(copy::cost, on, from, to, r)));
            }
            for (Future<Long> f : futures) {
                evaluations += f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new GradientCheckException("a parallel evaluation failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GradientCheckException("the check was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private int central(DoubleSupplier j, int b, ParameterBlock block, int i, Result r) {
        double old = block.get(i);
        double up = old + epsilon;
        double down = old - epsilon;
        double jPlus;
        double jMinus;
        try {
            block.set(i, up);
            jPlus = j.getAsDouble();
            block.set(i, down);
            jMinus = j.getAsDouble();
        } finally {
            block.set(i, old);
        }
        return 2 + storeCentral(plainHalfStep(j, epsilon), b, block, i, up, down, old, jPlus, jMinus, r);
    }

    /** J at θᵢ ± ε/2 for the kink confirmation: {@code into[0]} = J(θᵢ + ε/2), {@code into[1]} = J(θᵢ − ε/2). */
    @FunctionalInterface
    private interface HalfStep {
        void costs(int b, ParameterBlock block, int i, double[] into);
    }

    private static HalfStep plainHalfStep(DoubleSupplier j, double epsilon) {
        return (b, block, i, into) -> {
            double old = block.get(i);
            try {
                block.set(i, old + epsilon / 2);
                into[0] = j.getAsDouble();
                block.set(i, old - epsilon / 2);
                into[1] = j.getAsDouble();
            } finally {
                block.set(i, old);
            }
        };
    }

    /**
     * Stores one central difference; returns the extra evaluations spent confirming a kink.
     *
     * <p>A kink of J at distance d &lt; ε from θᵢ, with slope jump c, puts c·(ε − |d|)/2ε of error into the central
     * difference, so even a kink far smaller than the slope matters once the rest of the block agrees to 1e-9.
     * Candidates are therefore entries whose one-sided slopes differ beyond the (pessimistic, 64-ulp) round-off estimate
     * and beyond 1e-6 of their
     * size (smooth J: the gap is ε·|J''|), and the candidate is confirmed at ε/2, where smooth J halves the gap
     * and moves the central difference only by ε²·J‴/8: a kink within ε/5 keeps the gap ("stuck"), a kink
     * farther out moves the central difference by c·min(|d|, ε − |d|)/2ε ("moved"), a sizeable share of the
     * error it causes.
     */
    private int storeCentral(HalfStep halfStep, int b, ParameterBlock block, int i, double up, double down,
                             double old, double jPlus, double jMinus, Result r) {
        finite(block, i, old, jPlus, jMinus, epsilon);
        double h = up - down;
        double fwd = (jPlus - j0) / (up - old);
        double bwd = (j0 - jMinus) / (old - down);
        double central = (jPlus - jMinus) / h;
        r.central[b][i] = central;
        r.forward[b][i] = fwd;
        r.backward[b][i] = bwd;
        r.step[b][i] = h / 2;
        countPrecision(r, jPlus, jMinus);
        double noise = Comparison.noisePerEntry(j0, h / 2);
        double gap = Math.abs(fwd - bwd);
        if (!(gap > Math.max(KINK_CANDIDATE_RELATIVE * (Math.abs(fwd) + Math.abs(bwd)), noise))) {
            return 0;
        }
        double[] half = new double[2];
        halfStep.costs(b, block, i, half);
        double halfUp = old + epsilon / 2;
        double halfDown = old - epsilon / 2;
        if (!Double.isFinite(half[0]) || !Double.isFinite(half[1])) {
            return 2;
        }
        double centralHalf = (half[0] - half[1]) / (halfUp - halfDown);
        double gapHalf = Math.abs((half[0] - j0) / (halfUp - old) - (j0 - half[1]) / (old - halfDown));
        double noiseHalf = Comparison.noisePerEntry(j0, epsilon / 2);
        // Smooth J moves the central difference by ε²·J‴/8: negligible at the course's ε, not at ε = 1e-3.
        double movedRelative = Math.max(1e-7, 1e7 * epsilon * epsilon);
        boolean moved = Math.abs(centralHalf - central) > Math.max(movedRelative * (Math.abs(centralHalf)
                + Math.abs(central)), 10 * noiseHalf);
        boolean stuck = gapHalf > 0.75 * gap;
        r.kink[b][i] = moved || stuck;
        // Exact only when the gap is well clear of round-off, so that noise cannot fake a gap that does not shrink.
        r.exactKink[b][i] = stuck && gap > 40 * noise;
        return 2;
    }

    private int precise(DoubleSupplier j, int b, ParameterBlock block, int i, Result r) {
        double old = block.get(i);
        double h = Math.scalb(PRECISE_STEP, Math.max(0, Math.getExponent(old)));
        double j1p;
        double j1m;
        double j2p;
        double j2m;
        try {
            block.set(i, old + h);
            j1p = j.getAsDouble();
            block.set(i, old - h);
            j1m = j.getAsDouble();
            block.set(i, old + 2 * h);
            j2p = j.getAsDouble();
            block.set(i, old - 2 * h);
            j2m = j.getAsDouble();
        } finally {
            block.set(i, old);
        }
        finite(block, i, old, j1p, j1m, h);
        finite(block, i, old, j2p, j2m, 2 * h);
        double d1 = (j1p - j1m) / (2 * h);
        double d2 = (j2p - j2m) / (4 * h);
        r.central[b][i] = (8 * (j1p - j1m) - (j2p - j2m)) / (12 * h);
        r.forward[b][i] = (j1p - j0) / h;
        r.backward[b][i] = (j0 - j1m) / h;
        r.step[b][i] = h;
        // Smooth J: d1 − d2 = −h²·J'''/2 ≈ 1e-8·J'''. A kink within ±2h makes them differ at the size of the jump.
        double noise = Comparison.noisePerEntry(j0, h);
        r.kink[b][i] = Math.abs(d1 - d2) > Math.max(1e-4 * (Math.abs(d1) + Math.abs(d2)), 100 * noise);
        countPrecision(r, j1p, j1m);
        return 4;
    }

    private void structuredBlock(StructuredCost structured, int b, ParameterBlock block, Result r) {
        // Chunks keep the model's scratch memory bounded; the model decides how to batch inside a chunk.
        final int chunk = 4096;
        double[] plus = new double[Math.min(chunk, block.size())];
        double[] minus = new double[plus.length];
        double[] onePlus = new double[1];
        double[] oneMinus = new double[1];
        // Kink confirmations go through the structured path too: a full cost() per candidate would dominate.
        HalfStep halfStep = (bi, blk, i, into) -> {
            structured.perturbedCosts(bi, i, i + 1, epsilon / 2, onePlus, oneMinus);
            into[0] = onePlus[0];
            into[1] = oneMinus[0];
        };
        for (int from = 0; from < block.size(); from += chunk) {
            int to = Math.min(block.size(), from + chunk);
            int lo = from;
            while (lo < to && !selection.includes(b, lo)) {
                lo++;
            }
            int hi = to;
            while (hi > lo && !selection.includes(b, hi - 1)) {
                hi--;
            }
            if (lo >= hi) {
                continue;
            }
            structured.perturbedCosts(b, lo, hi, epsilon, plus, minus);
            for (int i = lo; i < hi; i++) {
                if (selection.includes(b, i)) {
                    double old = block.get(i);
                    evaluations += 2 + storeCentral(halfStep, b, block, i, old + epsilon, old - epsilon, old,
                            plus[i - lo], minus[i - lo], r);
                }
            }
            progress.advance(hi - lo);
        }
    }

    private static void countPrecision(Result r, double a, double b) {
        // Benign data race in parallel mode: these counters only feed a heuristic.
        r.looked += 2;
        if ((double) (float) a == a) {
            r.floatLike++;
        }
        if ((double) (float) b == b) {
            r.floatLike++;
        }
    }

    private void finite(ParameterBlock block, int i, double old, double jPlus, double jMinus, double h) {
        if (!Double.isFinite(jPlus) || !Double.isFinite(jMinus)) {
            throw new GradientCheckException("J is " + (Double.isFinite(jPlus) ? jMinus : jPlus) + " when "
                    + Entries.name(block, i) + " = " + old + " is moved by " + (Double.isFinite(jPlus) ? "−" : "+")
                    + (h == epsilon ? "ε (ε = " + h + ")" : "h (h = " + h + ")") + " (J(θ) = " + j0 + "): the cost overflows or takes log(0) there;"
                    + " clip the activations in the loss or use a smaller ε");
        }
    }
}
