package dev.gradcheck;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Refuses what cannot be checked, with a message that names the block, the shape and the value. */
final class Validation {
    private Validation() {
    }

    static List<ParameterBlock> blocks(Differentiable model) {
        List<ParameterBlock> blocks = model.parameters();
        if (blocks == null || blocks.isEmpty()) {
            throw new GradientCheckException(model.getClass().getSimpleName() + ".parameters() is empty: there is "
                    + "nothing to check; return the model's W and b blocks as ParameterBlock.of(...)");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            ParameterBlock b = blocks.get(i);
            if (b == null) {
                throw new GradientCheckException("parameters() has null at position " + i);
            }
            if (!seen.add(b.name())) {
                throw new GradientCheckException("two parameter blocks are named '" + b.name() + "' (positions "
                        + indexOf(blocks, b.name()) + " and " + i + "): block names must be unique, they key the "
                        + "gradients");
            }
        }
        return List.copyOf(blocks);
    }

    private static int indexOf(List<ParameterBlock> blocks, String name) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static void finiteParameters(List<ParameterBlock> blocks, Phase phase) {
        for (ParameterBlock b : blocks) {
            for (int i = 0; i < b.size(); i++) {
                double v = b.get(i);
                if (!Double.isFinite(v)) {
                    throw new GradientCheckException("parameter " + Entries.name(b, i) + " is " + v + " "
                            + phase.description() + ": θ must be finite before it can be checked"
                            + (phase.isInitial() ? "" : " (training diverged: lower the learning rate)"));
                }
            }
        }
    }

    /**
     * parameters() must return live views: a value written through one call's block is seen through the next call's.
     * A model that hands out fresh copies would be perturbed in the copies while its cost reads the originals.
     */
    static void live(Differentiable model, List<ParameterBlock> blocks) {
        // Every block, not only the first: a model may hand out its W live and its b as copies.
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            if (block.size() == 0) {
                continue;
            }
            double old = block.get(0);
            double probe = old == 0 ? 1 : -old;
            try {
                block.set(0, probe);
                List<ParameterBlock> again = model.parameters();
                double seen = again == null || again.size() <= b || again.get(b).size() == 0 ? Double.NaN
                        : again.get(b).get(0);
                if (Double.compare(seen, probe) != 0) {
                    throw new GradientCheckException(model.getClass().getSimpleName() + ".parameters() returns "
                            + (b == 0 ? "copies" : "a copy of " + block.name()) + ": " + Entries.name(block, 0)
                            + " was set to " + probe + " through one call's block and the next call's block reads "
                            + seen + ". The checker moves θ through these blocks, so they must be live views of the "
                            + "arrays cost() reads: return ParameterBlock.of(name, rows, cols, " + block.name()
                            + ") over the model's own array, not over a clone()");
                }
            } finally {
                block.set(0, old);
            }
        }
    }

    /** J(θ) twice: equal, finite, and θ left as it was. */
    static double deterministicCost(Differentiable model, List<ParameterBlock> blocks, Phase phase) {
        double[][] before = new double[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            before[b] = blocks.get(b).toArray();
        }
        double j1 = model.cost();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            for (int i = 0; i < block.size(); i++) {
                if (Double.compare(block.get(i), before[b][i]) != 0) {
                    double changed = block.get(i);
                    block.copyFrom(before[b]);
                    throw new GradientCheckException("cost() changed the parameters: " + Entries.name(block, i)
                            + " was " + before[b][i] + " before the call and " + changed + " after it " + phase
                            .description() + ". J must be a pure function of θ (no training step, no weight update "
                            + "or normalization of W inside cost()); the checker restored the value");
                }
            }
        }
        if (!Double.isFinite(j1)) {
            throw new GradientCheckException("J(θ) is " + j1 + " " + phase.description() + ": the cost must be "
                    + "finite at the checked parameters (log(0) in cross-entropy? overflow?)");
        }
        double j2 = model.cost();
        if (Double.compare(j1, j2) != 0) {
            String dropout = model instanceof Stochastic
                    ? "Is dropout still on? The checker set keep-prob to 1.0, yet J still changes: some other "
                    + "randomness (noise, sampling, a mask drawn regardless of keep-prob) is left"
                    : "Is dropout (or any randomness) still on? Turn it off for the check, or implement "
                    + "dev.gradcheck.Stochastic so the checker can set keep-prob to 1.0";
            throw new GradientCheckException("cost() returned " + j1 + " and then " + j2 + " for the same θ "
                    + phase.description() + " (difference " + (j2 - j1) + "): J is random, and a random J cannot "
                    + "be differentiated numerically. " + dropout);
        }
        return j1;
    }

    static double[][] gradients(Gradients g, List<ParameterBlock> blocks, Phase phase) {
        if (g == null) {
            throw new GradientCheckException("gradients() returned null");
        }
        Set<String> names = GradientCheck.names(blocks);
        List<String> extra = new ArrayList<>();
        for (String n : g.names()) {
            if (!names.contains(n)) {
                extra.add(n);
            }
        }
        if (!extra.isEmpty()) {
            throw new GradientCheckException("gradients() has " + extra + " which " + (extra.size() == 1 ? "is" : "are")
                    + " not among the parameter blocks " + blockList(blocks) + ": gradients are keyed by the block's "
                    + "name (\"W1\", not \"dW1\")");
        }
        double[][] out = new double[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            double[] d = g.get(block.name());
            if (d == null) {
                throw new GradientCheckException("gradients() has no entry for block '" + block.name() + "' ("
                        + block.shape() + "); it has " + g.names() + ". Put d" + block.name() + " with "
                        + "Gradients.builder().put(\"" + block.name() + "\", d" + block.name() + ")");
            }
            if (d.length != block.size()) {
                throw new GradientCheckException("d" + block.name() + " has " + d.length + " values but block "
                        + block.name() + " is " + block.shape() + " = " + block.size() + " entries: the gradient must "
                        + "have the block's shape, row-major"
                        + (d.length > 0 && block.size() % d.length == 0 ? " (summed over the wrong axis?)" : ""));
            }
            for (int i = 0; i < d.length; i++) {
                if (!Double.isFinite(d[i])) {
                    throw new GradientCheckException("d" + Entries.name(block, i) + " is " + d[i] + " "
                            + phase.description() + ": backprop produced a non-finite gradient (0/0, log(0), "
                            + "overflow?)");
                }
            }
            out[b] = d.clone();
        }
        return out;
    }

    private static String blockList(List<ParameterBlock> blocks) {
        List<String> s = new ArrayList<>();
        blocks.forEach(b -> s.add(b.name()));
        return s.toString();
    }
}
