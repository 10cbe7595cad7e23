package dev.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;

/**
 * dθ_approx one coordinate at a time at one step, writing θᵢ ± h into the model's live blocks and always writing the
 * original double back (bit-exact), also when cost() throws. A pure measurement: what the numbers mean is decided
 * by {@link Explanations} and {@link Decision}.
 *
 * <p>Per entry it keeps the course's quotient (J₊ − J₋) / 2ε (the headline's, exactly as numpy computes it), the same
 * difference over the step actually taken, (θᵢ+ε) − (θᵢ−ε) (the judgement's: it carries no error from the rounding
 * of θᵢ ± ε), and the two one-sided slopes (for kinks).
 *
 * <p>Two stencils. {@link Stencil#CENTRAL} is the course's. {@link Stencil#PRECISE} is the fourth-order five-point
 * stencil (8(J₊₁ − J₋₁) − (J₊₂ − J₋₂)) / 12h with a step per coordinate h = step·max(1, 2^⌊log₂|θᵢ|⌋), so θᵢ ± h and
 * θᵢ ± 2h are exact: truncation O(h⁴), round-off ≈ σ_J/h.
 */
final class NumericalGradient {

    enum Stencil { CENTRAL, PRECISE }

    /** Base step of the precise stencil for |θ| ≤ 1: 2⁻¹³ ≈ 1.2e-4. */
    static final double PRECISE_STEP = 0x1p-13;

    /** Per block and entry: the course's quotient, the judgement's quotient, the one-sided slopes and the step. */
    static final class Result {
        /** (J₊ − J₋) / 2ε: the course's dθ_approx (precise stencil: its own value). */
        final double[][] course;
        /** (J₊ − J₋) / ((θᵢ+ε) − (θᵢ−ε)): the difference over the step actually taken. */
        final double[][] central;
        final double[][] forward;
        final double[][] backward;
        /** Half the step actually taken (ε up to the rounding of θᵢ ± ε; h for the precise stencil). */
        final double[][] step;

        Result(List<ParameterBlock> blocks) {
            int n = blocks.size();
            course = new double[n][];
            central = new double[n][];
            forward = new double[n][];
            backward = new double[n][];
            step = new double[n][];
            for (int b = 0; b < n; b++) {
                int size = blocks.get(b).size();
                course[b] = new double[size];
                central[b] = new double[size];
                forward[b] = new double[size];
                backward[b] = new double[size];
                step[b] = new double[size];
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
     * @param cost    the J to differentiate: normally {@code null} for {@code model::cost} (which may take the
     *                structured or parallel path); the regularization split passes the penalty
     * @param epsilon the step: ε for the central stencil, the base step (before scaling by |θᵢ|) for the precise one
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
        store(b, block, i, up, down, old, jPlus, jMinus, r);
        return 2;
    }

    private void store(int b, ParameterBlock block, int i, double up, double down, double old, double jPlus,
                       double jMinus, Result r) {
        finite(block, i, old, jPlus, jMinus, epsilon);
        r.course[b][i] = (jPlus - jMinus) / (2 * epsilon);
        r.central[b][i] = (jPlus - jMinus) / (up - down);
        r.forward[b][i] = (jPlus - j0) / (up - old);
        r.backward[b][i] = (j0 - jMinus) / (old - down);
        r.step[b][i] = (up - down) / 2;
    }

    private int precise(DoubleSupplier j, int b, ParameterBlock block, int i, Result r) {
        double old = block.get(i);
        double h = preciseStep(old, epsilon);
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
        double d = (8 * (j1p - j1m) - (j2p - j2m)) / (12 * h);
        r.course[b][i] = d;
        r.central[b][i] = d;
        r.forward[b][i] = (j1p - j0) / h;
        r.backward[b][i] = (j0 - j1m) / h;
        r.step[b][i] = h;
        return 4;
    }

    /** The precise stencil's step for θᵢ = {@code value}: a power of two, so θᵢ ± h and θᵢ ± 2h are exact. */
    static double preciseStep(double value, double base) {
        return Math.scalb(base, Math.max(0, Math.getExponent(value)));
    }

    private void structuredBlock(StructuredCost structured, int b, ParameterBlock block, Result r) {
        // Chunks keep the model's scratch memory bounded; the model decides how to batch inside a chunk. Only runs of
        // selected entries are asked for: a sample spread over a block (a re-measurement at a larger step takes every
        // 196th entry of a 100,352-entry W1) would otherwise cost the whole block's perturbations.
        final int chunk = 4096;
        double[] plus = new double[Math.min(chunk, block.size())];
        double[] minus = new double[plus.length];
        int lo = 0;
        while (lo < block.size()) {
            while (lo < block.size() && !selection.includes(b, lo)) {
                lo++;
            }
            int hi = lo;
            while (hi < block.size() && hi - lo < chunk && selection.includes(b, hi)) {
                hi++;
            }
            if (lo >= hi) {
                break;
            }
            structured.perturbedCosts(b, lo, hi, epsilon, plus, minus);
            for (int i = lo; i < hi; i++) {
                double old = block.get(i);
                store(b, block, i, old + epsilon, old - epsilon, old, plus[i - lo], minus[i - lo], r);
                evaluations += 2;
            }
            progress.advance(hi - lo);
            lo = hi;
        }
    }

    private void finite(ParameterBlock block, int i, double old, double jPlus, double jMinus, double h) {
        if (!Double.isFinite(jPlus) || !Double.isFinite(jMinus)) {
            throw new GradientCheckException("J is " + (Double.isFinite(jPlus) ? jMinus : jPlus) + " when "
                    + Entries.name(block, i) + " = " + old + " is moved by " + (Double.isFinite(jPlus) ? "−" : "+")
                    + (h == epsilon ? "ε (ε = " + h + ")" : "h (h = " + h + ")") + " (J(θ) = " + j0 + "): the cost "
                    + "overflows or takes log(0) there; clip the activations in the loss or use a smaller ε");
        }
    }
}
