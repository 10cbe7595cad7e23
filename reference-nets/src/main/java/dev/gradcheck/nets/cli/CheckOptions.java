package dev.gradcheck.nets.cli;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Shard;
import dev.gradcheck.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code check} runs the checker, beyond the network: a shard, fast mode, precise mode, threads. They apply to
 * every phase of the check, the frozen-dropout phases included.
 *
 * @param shard   the slice of θ to check, or {@code null} for all of it
 * @param fast    random directions of fast mode; 0 is off
 * @param precise the five-point stencil
 * @param threads threads for the numerical gradient; 0 leaves the checker's default
 * @param seed    seed of the fast-mode directions
 */
record CheckOptions(Shard shard, int fast, boolean precise, int threads, long seed) {

    CheckOptions {
        if (shard != null && fast > 0) {
            throw new Main.BadOptionException("--fast and --shard do not combine: fast mode looks at all of θ at once "
                    + "along a few directions; shard the full check (drop --fast) or run fast mode unsharded");
        }
    }

    /** The checker with these options. */
    GradientCheck apply(GradientCheck check) {
        GradientCheck c = check;
        if (shard != null) {
            c = c.shard(shard);
        }
        if (fast > 0) {
            c = c.fast(fast).seed(seed);
        }
        if (precise) {
            c = c.precise();
        }
        if (threads > 0) {
            c = c.threads(threads);
            // The structured path (PerturbedForward) takes its threads from this property, not from the core.
            System.setProperty("gradcheck.structured.threads", Integer.toString(threads));
        }
        return c;
    }

    /**
     * The line saying which slice a shard checked: {@code shard 2/4: coordinates [23, 47) of 47 only; ...}; empty
     * when the check is not sharded.
     */
    String shardLine(int parameters) {
        if (shard == null) {
            return "";
        }
        return "shard " + shard + ": coordinates [" + shard.from(parameters) + ", " + shard.to(parameters) + ") of "
                + parameters + " only. The verdict below is PARTIAL: it covers this slice; merge all " + shard.count()
                + " shard reports (gradcheck merge FILE...) for the verdict of the whole check.";
    }

    /** The line saying what fast mode did: enough on its own, or the full check ran where it was not GOOD. */
    String fastLine(GradCheckReport report) {
        if (fast == 0) {
            return "";
        }
        List<String> fellBack = fellBack(report);
        String head = String.format(Locale.ROOT, "fast mode: %d random directions (seed %d)", fast, seed);
        return fellBack.isEmpty() ? head + ": GOOD in every phase, so no full check was needed"
                : head + ": the directional check was not GOOD in " + String.join(", ", fellBack)
                + ", so the full check ran there (below)";
    }

    /** {@code check}'s JSON additions: {@code partial}, {@code shard} and {@code coordinates}, {@code fast}. */
    Map<String, Object> json(GradCheckReport report, int parameters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partial", shard != null);
        if (shard != null) {
            m.put("shard", shard.toString());
            Map<String, Object> coordinates = new LinkedHashMap<>();
            coordinates.put("from", shard.from(parameters));
            coordinates.put("to", shard.to(parameters));
            coordinates.put("of", parameters);
            m.put("coordinates", coordinates);
        }
        if (fast > 0) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("directions", fast);
            f.put("seed", seed);
            f.put("fullCheckIn", fellBack(report));
            m.put("fast", f);
        }
        m.put("precise", precise);
        return m;
    }

    /**
     * The phases where fast mode fell back to the full check, as labelled in the report: {@code "[init]"},
     * {@code "[after 5 steps, dropout 0.8 frozen]"}.
     */
    private static List<String> fellBack(GradCheckReport report) {
        List<String> phases = new ArrayList<>();
        for (PhaseResult p : report.phases()) {
            // A fast-mode phase that passed has no per-component results; one that fell back has them all.
            if (!p.components().isEmpty() || p.verdict() != Verdict.GOOD) {
                phases.add("[" + p.phase().label() + "]");
            }
        }
        return phases;
    }
}
