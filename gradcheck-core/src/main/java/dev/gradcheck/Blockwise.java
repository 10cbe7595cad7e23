package dev.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fast mode and the budget: a directional check per block gives each block's verdict; the entries of the blocks
 * that are not GOOD then go through the full check's own pipeline (the same measurement, explanations and decision),
 * up to a number of coordinates. Beyond it the error is first narrowed down by directional checks of halves, then
 * sampled, and the report says how many entries of each block it measured. Never a silent full check of all of θ.
 *
 * <p>Why halves: a directional check of a piece costs 2·d evaluations whatever its size, so an error in a few entries
 * (a wrong bias entry, an off-by-one row) is found in about 4·d·log₂(n/budget) evaluations, where a random sample of
 * the budget's size would miss it. An error spread over the block (a factor, a transpose) makes both halves fail;
 * halving stops there and a sample finds it, since every entry shows it.
 */
final class Blockwise {
    /** Directions per block when the budget, not {@code fast(d)}, turned blockwise checking on. */
    static final int DEFAULT_DIRECTIONS = 8;
    /** The fewest entries of a suspicious piece that are measured, budget or not. */
    static final int MIN_SAMPLE = 64;
    /** Halving never goes below pieces of this size: measuring them outright is as cheap as halving them further. */
    static final int MIN_PIECE = 2 * MIN_SAMPLE;

    /**
     * A phase's budget: cost evaluations, or seconds (converted to evaluations with the time one evaluation took
     * while J's noise was measured); 0 for none. {@code explicit}: set by the user rather than the default, which
     * does not apply to a {@link StructuredCost} model (its perturbed costs come in bulk, not one cost() each).
     */
    record Budget(long evaluations, double seconds, boolean explicit) {
        static final Budget NONE = new Budget(0, 0, true);

        /** The evaluations allowed, 0 for no limit. */
        long allowed(double secondsPerEvaluation) {
            if (evaluations > 0) {
                return evaluations;
            }
            if (seconds > 0) {
                return Math.max(1, (long) Math.min(Long.MAX_VALUE / 4.0, seconds / Math.max(secondsPerEvaluation,
                        1e-9)));
            }
            return 0;
        }

        String describe() {
            return evaluations > 0 ? String.format(Locale.ROOT, "%,d cost evaluations per phase", evaluations)
                    : String.format(Locale.ROOT, "%s s per phase", seconds);
        }
    }

    private final List<ParameterBlock> blocks;
    private final Directional directional;
    private final double[][] analytic;
    private final double j0;
    private final int directions;
    private final Noise noise;
    private final Thresholds t;
    private final long seed;

    Blockwise(Differentiable model, List<ParameterBlock> blocks, double epsilon, long seed, int directions,
              double[][] analytic, double j0, Noise noise, Thresholds t) {
        this.blocks = blocks;
        this.directional = new Directional(model, blocks, epsilon, seed);
        this.analytic = analytic;
        this.j0 = j0;
        this.directions = directions;
        this.noise = noise;
        this.t = t;
        this.seed = seed;
    }

    /** Cost evaluations of every directional check so far. */
    long evaluations() {
        return directional.evaluations();
    }

    /** The directional verdict of each whole block, in declared order. */
    List<Directional.Outcome> blocks() {
        List<Directional.Outcome> out = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            out.add(check(new Directional.Piece(b, 0, blocks.get(b).size())));
        }
        return out;
    }

    private Directional.Outcome check(Directional.Piece piece) {
        return directional.check(piece, analytic, j0, directions, noise, t);
    }

    /** Which entries the full check measures, and per block the sentence that says how they were chosen. */
    record Plan(boolean[][] selected, int[] measured, String[] how) {
        EntrySelection selection() {
            return (b, i) -> selected[b][i];
        }

        long total() {
            long n = 0;
            for (int m : measured) {
                n += m;
            }
            return n;
        }
    }

    /**
     * Plans the full check of the blocks that are not GOOD in {@code outcomes}: all their entries when they fit in
     * {@code coordinates}; else halves checked directionally (for at most {@code narrowing} evaluations) keep the
     * pieces where the error is, and a seeded sample of those pieces fills the coordinates (at least
     * {@link #MIN_SAMPLE} entries of each piece).
     */
    Plan plan(List<Directional.Outcome> outcomes, long coordinates, long narrowing) {
        List<Directional.Outcome> pieces = new ArrayList<>();
        List<Boolean> settled = new ArrayList<>();
        for (Directional.Outcome o : outcomes) {
            if (o.verdict() != Verdict.GOOD) {
                pieces.add(o);
                settled.add(false);
            }
        }
        long start = evaluations();
        int[] halvings = new int[blocks.size()];
        while (size(pieces) > coordinates) {
            List<Directional.Outcome> next = new ArrayList<>();
            List<Boolean> nextSettled = new ArrayList<>();
            boolean halved = false;
            for (int k = 0; k < pieces.size(); k++) {
                Directional.Outcome o = pieces.get(k);
                Directional.Piece p = o.piece();
                if (settled.get(k) || p.size() < 2 * MIN_PIECE
                        || evaluations() - start + 4L * directions > narrowing) {
                    next.add(o);
                    nextSettled.add(true);
                    continue;
                }
                int mid = p.from() + p.size() / 2;
                Directional.Outcome lo = check(new Directional.Piece(p.block(), p.from(), mid));
                Directional.Outcome hi = check(new Directional.Piece(p.block(), mid, p.to()));
                boolean loBad = lo.verdict() != Verdict.GOOD;
                boolean hiBad = hi.verdict() != Verdict.GOOD;
                if (loBad != hiBad) {
                    // The error sits in one half: keep halving there.
                    next.add(loBad ? lo : hi);
                    nextSettled.add(false);
                    halvings[p.block()]++;
                    halved = true;
                } else {
                    // Both halves fail (an error spread over the piece) or neither does (an error each half hides
                    // below the threshold): halving says no more; the piece is measured as it is.
                    next.add(o);
                    nextSettled.add(true);
                }
            }
            pieces = next;
            settled = nextSettled;
            if (!halved) {
                break;
            }
        }
        boolean[][] selected = new boolean[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            selected[b] = new boolean[blocks.get(b).size()];
        }
        long total = size(pieces);
        for (Directional.Outcome o : pieces) {
            Directional.Piece p = o.piece();
            int share = total <= coordinates ? p.size()
                    : (int) Math.min(p.size(), Math.max(MIN_SAMPLE, coordinates * p.size() / total));
            sample(p, share, selected[p.block()]);
        }
        int[] measured = new int[blocks.size()];
        String[] how = new String[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            for (boolean s : selected[b]) {
                measured[b] += s ? 1 : 0;
            }
            if (measured[b] > 0) {
                how[b] = how(b, measured[b], pieces, halvings[b], total > coordinates, coordinates);
            }
        }
        return new Plan(selected, measured, how);
    }

    private String how(int b, int measured, List<Directional.Outcome> pieces, int halvings, boolean sampled,
                       long coordinates) {
        ParameterBlock block = blocks.get(b);
        String d = "d" + block.name();
        List<String> ranges = new ArrayList<>();
        for (Directional.Outcome o : pieces) {
            if (o.piece().block() == b) {
                ranges.add(o.piece().name(blocks));
            }
        }
        if (measured == block.size()) {
            return String.format(Locale.ROOT, "fast check: all %,d entries of %s measured one by one", measured, d);
        }
        String s = String.format(Locale.ROOT, "fast check: %,d of %,d entries of %s measured one by one", measured,
                block.size(), d);
        if (halvings > 0) {
            s += String.format(Locale.ROOT, "; %d directional checks of halves narrowed its error down to %s",
                    halvings, String.join(", ", ranges));
        }
        if (sampled) {
            s += String.format(Locale.ROOT, "; a seeded random sample (seed %d), because the budget leaves %,d "
                    + "coordinates for the full check", seed, coordinates);
        }
        return s + "; its ratio and verdict are those of these entries";
    }

    /** Marks {@code count} entries of the piece, chosen at random but seeded, in {@code into}. */
    private void sample(Directional.Piece p, int count, boolean[] into) {
        if (count >= p.size()) {
            for (int i = p.from(); i < p.to(); i++) {
                into[i] = true;
            }
            return;
        }
        int[] index = new int[p.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = p.from() + i;
        }
        SplittableRandom random = new SplittableRandom(seed * 31 + p.block() * 65_537L + p.from());
        for (int k = 0; k < count; k++) {
            int j = k + random.nextInt(index.length - k);
            int swap = index[k];
            index[k] = index[j];
            index[j] = swap;
            into[index[k]] = true;
        }
    }

    private static long size(List<Directional.Outcome> pieces) {
        long n = 0;
        for (Directional.Outcome o : pieces) {
            n += o.piece().size();
        }
        return n;
    }

    /**
     * The phase after the full check of the planned entries: a block measured in part whose entries are all GOOD
     * although its directional check was not is INSPECT (the error is where the plan did not look); a block that was
     * only checked directionally is reported as such, with its directional ratio, never as a full GOOD.
     */
    PhaseResult finish(PhaseResult decided, List<Directional.Outcome> outcomes, Plan plan, List<Finding> notes) {
        List<ComponentResult> components = new ArrayList<>();
        Comparison.Sums course = new Comparison.Sums();
        for (int b = 0; b < blocks.size(); b++) {
            ComponentResult c = decided.components().get(b);
            Directional.Outcome o = outcomes.get(b);
            if (plan.measured()[b] == 0) {
                components.add(directionalOnly(c, o));
                continue;
            }
            course.add(c.sums());
            List<Finding> f = new ArrayList<>(c.findings());
            f.add(new Finding(Finding.Kind.FAST, plan.how()[b]));
            Verdict v = c.verdict();
            if (v == Verdict.GOOD && c.checked() && plan.measured()[b] < c.size()) {
                v = Verdict.INSPECT;
                f.add(0, new Finding(Finding.Kind.UNRESOLVED, String.format(Locale.ROOT, "unresolved: the "
                        + "directional check of %s is not GOOD (%s), but the %,d of its %,d entries measured are: "
                        + "the error is in entries the budget did not reach. Raise the budget (gradcheck.budget, "
                        + "GradientCheck.budget) or run the full check of this block", c.name(), o.sentence(),
                        plan.measured()[b], c.size())));
            }
            components.add(new ComponentResult(c.data(), c.judged(), c.sums(), c.judgedSums(), v, c.judgedRatio(),
                    c.accuracyFloor(), c.worstEntries(), f, c.nonDifferentiable(), c.notCheckedReason().orElse(null)));
        }
        List<Finding> findings = new ArrayList<>(notes);
        findings.addAll(Decision.summary(components, course));
        // Where the error starts reads the BUG components and the measured layers, which finishing leaves as they
        // were: keep the decision's origin sentence.
        decided.typedFindings().stream().filter(f -> f.kind() == Finding.Kind.ORIGIN).forEach(findings::add);
        return new PhaseResult(decided.phase(), decided.ratio(), decided.judgedRatio(), Decision.phase(components),
                components, findings, 0, 0, decided.cost(), decided.costNoise(), decided.accuracyFloor(),
                decided.parameters());
    }

    /** A component whose block's directional check was GOOD: its directional ratio, nothing judged entry by entry. */
    private ComponentResult directionalOnly(ComponentResult unmeasured, Directional.Outcome o) {
        Comparison.Sums sums = new Comparison.Sums();
        sums.diff2 = o.sums()[0];
        sums.numerical2 = o.sums()[1];
        sums.analytic2 = o.sums()[2];
        String why = "directional check only, GOOD: " + o.sentence() + "; its entries were not checked one by one";
        return new ComponentResult(unmeasured.data(), unmeasured.judged(), sums, new Comparison.Sums(), o.verdict(),
                Double.NaN, 0, List.of(), List.of(), List.of(), why);
    }

    /** The phase's sentences: the blocks that passed the directional check, and the ones the full check measured. */
    List<Finding> summary(List<Directional.Outcome> outcomes, Plan plan) {
        List<Finding> f = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (Directional.Outcome o : outcomes) {
            String d = o.piece().name(blocks);
            if (o.verdict() == Verdict.GOOD) {
                good.add(d + ": " + o.sentence());
            } else {
                int b = o.piece().block();
                f.add(new Finding(Finding.Kind.FAST, String.format(Locale.ROOT, "fast check: %s, so the full check "
                        + "ran to find the component (%s: %,d of %,d entries measured)", o.sentence(), d,
                        plan.measured()[b], blocks.get(b).size())));
            }
        }
        if (!good.isEmpty()) {
            f.add(0, new Finding(Finding.Kind.FAST, "fast check, " + directions + " random directions per block: "
                    + String.join("; ", good) + (plan == null ? " (components are not checked one by one in fast "
                    + "mode)" : "; these blocks were not checked one by one")));
        }
        return f;
    }
}
