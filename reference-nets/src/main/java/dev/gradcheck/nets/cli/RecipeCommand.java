package dev.gradcheck.nets.cli;

import dev.gradcheck.Verdict;
import dev.gradcheck.nets.Glyphs;
import dev.gradcheck.nets.practice.BiasVariance.Diagnosis;
import dev.gradcheck.nets.practice.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code recipe}: the basic recipe of the notes on the glyph image task ({@link Recipe}), printed as a table of runs
 * (technique, train error, dev error, diagnosis, epochs) and the gradient check of the network the recipe keeps.
 * Exit 0 when that check passes (GOOD or INSPECT), 1 on BUG.
 */
@Command(name = "recipe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The course's basic recipe on a 16×16 glyph image task made from the seed: train/dev/test "
                + "split, input normalization, a diagnosed baseline, then L2, dropout, data augmentation and early "
                + "stopping, and a gradient check of the network kept.",
                "Exit code 0 when that check passes (GOOD or INSPECT), 1 for BUG, 2 for bad options."})
final class RecipeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the runs and the check as JSON.")
    boolean json;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the data, split, weights and augmentation "
            + "(default 1).")
    long seed = 1;

    @Option(names = "--split", paramLabel = "T/D/T", description = "Train/dev/test percentages (default 60/20/20; "
            + "the notes' big-data ratios are 98/1/1).")
    String split = "60/20/20";

    /** The configuration, for tests to make smaller; the command's own is {@link Recipe.Config#standard}. */
    Recipe.Config config;

    @Override
    public Integer call() {
        double[] shares = shares(split);
        Recipe.Config c = (config != null ? config : Recipe.Config.standard(seed))
                .split(shares[0], shares[1], shares[2]);
        long start = System.nanoTime();
        Recipe.Result r;
        try {
            r = Recipe.run(c, progress());
        } catch (IllegalArgumentException e) {
            throw new Main.BadOptionException(e.getMessage());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? json(r, seconds) : text(r, seconds));
        out.flush();
        return r.check().verdict() == Verdict.BUG ? Main.BUG : 0;
    }

    /** "60/20/20" → {0.6, 0.2, 0.2}. */
    static double[] shares(String split) {
        String[] parts = split.split("/", -1);
        if (parts.length != 3) {
            throw new Main.BadOptionException("--split is three percentages train/dev/test, e.g. 60/20/20 or 98/1/1, "
                    + "got '" + split + "'");
        }
        double[] p = new double[3];
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            try {
                p[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new Main.BadOptionException("'" + parts[i].trim() + "' in --split '" + split + "' is not a "
                        + "number (percentages train/dev/test, e.g. 60/20/20)");
            }
            if (!(p[i] > 0) || !Double.isFinite(p[i])) {
                throw new Main.BadOptionException("every share of --split must be > 0 (the recipe needs train, dev "
                        + "and test examples), got '" + split + "'");
            }
            sum += p[i];
        }
        if (Math.abs(sum - 100) > 1e-9) {
            throw new Main.BadOptionException("--split percentages must sum to 100, got " + split + " = "
                    + String.format(Locale.ROOT, "%s", sum));
        }
        return new double[] {p[0] / 100, p[1] / 100, p[2] / 100};
    }

    /** A progress line on the terminal's error stream when one is attached (never in --json or a pipe). */
    private Recipe.Progress progress() {
        if (json || System.console() == null) {
            return Recipe.Progress.NONE;
        }
        PrintWriter err = spec.commandLine().getErr();
        return (run, epoch, of) -> {
            if (epoch % 20 == 0 || epoch == of) {
                err.printf(Locale.ROOT, "\r  training %-15s epoch %4d of %d", run, epoch, of);
                if (epoch == of) {
                    err.print("\r" + " ".repeat(50) + "\r");
                }
                err.flush();
            }
        };
    }

    static String text(Recipe.Result r, double seconds) {
        StringBuilder s = new StringBuilder();
        Recipe.Config c = r.config();
        int[] n = r.sizes();
        s.append(String.format(Locale.ROOT, "gradcheck recipe: the course's basic recipe on %d glyph images "
                        + "(%s, %d classes), seed %d%n", c.examples(), Glyphs.SHAPE, Glyphs.classes(), c.seed()));
        s.append(String.format(Locale.ROOT, "split %s/%s/%s: %d train, %d dev, %d test; inputs normalized with the "
                        + "training set's μ and σ² per pixel%n", pct(c.trainShare()), pct(c.devShare()),
                pct(c.testShare()), n[0], n[1], n[2]));
        s.append(String.format(Locale.ROOT, "Bayes-error estimate %.1f%% (a person reads every glyph)%n",
                100 * Glyphs.bayesError()));
        s.append(String.format(Locale.ROOT, "network %s, relu, softmax-ce, He init, α %s; an epoch is one step of "
                + "batch gradient descent%n%n", layers(c.hidden()), c.learningRate()));
        String row = "  %-15s %-52s %7s %7s  %-27s %6s%n";
        s.append(String.format(Locale.ROOT, row, "run", "technique", "train", "dev", "diagnosis", "epochs"));
        for (Recipe.Run run : r.runs()) {
            s.append(String.format(Locale.ROOT, row, run.name(), run.technique(), percent(run.trainError()),
                    percent(run.devError()), run.diagnosis().kind().label(), run.epochs()));
        }
        s.append(String.format(Locale.ROOT, "%nbaseline: %s%n", r.baseline()));
        Recipe.Run kept = r.chosen();
        s.append(String.format(Locale.ROOT, "kept: %s, the lowest dev error (%s, %s below the baseline's); its test "
                        + "error, measured once: %s%n", kept.name(), percent(kept.devError()),
                points(r.runs().get(0).devError() - kept.devError()), percent(r.testError())));
        s.append(String.format(Locale.ROOT, "%n== gradient check of the kept network (%s), on its training set ==%n",
                kept.name()));
        s.append("network: ").append(r.network().describe()).append(System.lineSeparator());
        s.append(System.lineSeparator()).append(r.check());
        s.append(String.format(Locale.ROOT, "%nrecipe done in %.1f s%n", seconds));
        return s.toString().stripTrailing();
    }

    static String json(Recipe.Result r, double seconds) {
        Map<String, Object> top = new LinkedHashMap<>();
        Recipe.Config c = r.config();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", "glyphs");
        task.put("shape", List.of(Glyphs.SHAPE.height(), Glyphs.SHAPE.width(), Glyphs.SHAPE.channels()));
        task.put("classes", Glyphs.CLASSES);
        task.put("examples", c.examples());
        task.put("seed", c.seed());
        task.put("bayesError", Glyphs.bayesError());
        top.put("task", task);
        top.put("split", Map.of("train", r.sizes()[0], "dev", r.sizes()[1], "test", r.sizes()[2]));
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Recipe.Run run : r.runs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", run.name());
            m.put("technique", run.technique());
            m.put("trainError", run.trainError());
            m.put("devError", run.devError());
            m.put("diagnosis", key(run.diagnosis()));
            m.put("avoidableBias", run.diagnosis().avoidableBias());
            m.put("variance", run.diagnosis().variance());
            m.put("epochs", run.epochs());
            runs.add(m);
        }
        top.put("runs", runs);
        top.put("baselineDiagnosis", key(r.baseline()));
        top.put("kept", r.chosen().name());
        top.put("testError", r.testError());
        Map<String, Object> check = JsonReport.of(r.check());
        check.put("network", r.network().describe());
        top.put("gradientCheck", check);
        top.put("seconds", seconds);
        return JsonReport.text(top);
    }

    /** "high-variance", "high-bias", "high-bias-and-variance", "low-bias-and-variance". */
    static String key(Diagnosis d) {
        return d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String layers(int[] hidden) {
        StringBuilder s = new StringBuilder().append(Glyphs.SHAPE.size());
        for (int h : hidden) {
            s.append("-").append(h);
        }
        return s.append("-").append(Glyphs.classes()).toString();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static String points(double fraction) {
        return String.format(Locale.ROOT, "%.1f points", 100 * fraction);
    }

    private static String pct(double share) {
        double p = 100 * share;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
