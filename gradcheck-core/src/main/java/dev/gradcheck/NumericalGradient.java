package dev.gradcheck;

import java.util.List;

/**
 * dθ_approx by two-sided differences, one coordinate at a time, writing θᵢ ± ε into the model's live blocks and
 * always writing the original double back (bit-exact), also when cost() throws.
 *
 * <p>The divisor is the step actually taken, (θᵢ+ε) − (θᵢ−ε), which differs from 2ε by the rounding of θᵢ ± ε:
 * for |θᵢ| ~ 1 and ε = 1e-7 dividing by 2ε would add a relative error up to ~1e-9 that has nothing to do with the
 * model. Besides the central difference it keeps the one-sided slopes, from which {@link Comparison} recognises
 * kinks.
 */
final class NumericalGradient {

    /** Per block: central difference, forward slope, backward slope, and J(θ±ε) magnitude for the noise floor. */
    static final class Result {
        final double[][] central;
        final double[][] forward;
        final double[][] backward;
        final double[][] step;

        Result(List<ParameterBlock> blocks) {
            int n = blocks.size();
            central = new double[n][];
            forward = new double[n][];
            backward = new double[n][];
            step = new double[n][];
            for (int b = 0; b < n; b++) {
                int size = blocks.get(b).size();
                central[b] = new double[size];
                forward[b] = new double[size];
                backward[b] = new double[size];
                step[b] = new double[size];
            }
        }
    }

    private final Differentiable model;
    private final List<ParameterBlock> blocks;
    private final double epsilon;
    private final double j0;
    private final EntrySelection selection;
    private long evaluations;

    NumericalGradient(Differentiable model, List<ParameterBlock> blocks, double epsilon, double j0,
                      EntrySelection selection) {
        this.model = model;
        this.blocks = blocks;
        this.epsilon = epsilon;
        this.j0 = j0;
        this.selection = selection;
    }

    long evaluations() {
        return evaluations;
    }

    Result compute() {
        Result r = new Result(blocks);
        StructuredCost structured = model instanceof StructuredCost s ? s : null;
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            if (structured != null) {
                structuredBlock(structured, b, block, r);
            } else {
                for (int i = 0; i < block.size(); i++) {
                    if (selection.includes(b, i)) {
                        plainEntry(b, block, i, r);
                    }
                }
            }
        }
        return r;
    }

    private void plainEntry(int b, ParameterBlock block, int i, Result r) {
        double old = block.get(i);
        double up = old + epsilon;
        double down = old - epsilon;
        double jPlus;
        double jMinus;
        try {
            block.set(i, up);
            jPlus = model.cost();
            block.set(i, down);
            jMinus = model.cost();
        } finally {
            block.set(i, old);
        }
        evaluations += 2;
        store(b, block, i, up, down, old, jPlus, jMinus, r);
    }

    private void structuredBlock(StructuredCost structured, int b, ParameterBlock block, Result r) {
        // Chunks keep the model's scratch memory bounded; the model decides how to batch inside a chunk.
        final int chunk = 4096;
        double[] plus = new double[Math.min(chunk, block.size())];
        double[] minus = new double[plus.length];
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
                if (!selection.includes(b, i)) {
                    continue;
                }
                double old = block.get(i);
                evaluations += 2;
                store(b, block, i, old + epsilon, old - epsilon, old, plus[i - lo], minus[i - lo], r);
            }
        }
    }

    private void store(int b, ParameterBlock block, int i, double up, double down, double old, double jPlus,
                       double jMinus, Result r) {
        if (!Double.isFinite(jPlus) || !Double.isFinite(jMinus)) {
            throw new GradientCheckException("J is " + (Double.isFinite(jPlus) ? jMinus : jPlus) + " when "
                    + Entries.name(block, i) + " = " + old + " is moved by " + (Double.isFinite(jPlus) ? "−" : "+")
                    + "ε (ε = " + epsilon + ", J(θ) = " + j0 + "): the cost overflows or takes log(0) there;"
                    + " clip the activations in the loss or use a smaller ε");
        }
        double h = up - down;
        r.central[b][i] = (jPlus - jMinus) / h;
        r.forward[b][i] = (jPlus - j0) / (up - old);
        r.backward[b][i] = (j0 - jMinus) / (old - down);
        r.step[b][i] = h;
    }
}
