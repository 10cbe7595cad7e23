package dev.gradcheck.bench;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Blas;
import dev.gradcheck.nets.Matrix;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.NetworkCheck;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-process measurements of {@code src/bench/compare/run.sh}, one JSON line each on stdout (the format of
 * {@code pytorch_gradcheck.py}), quicker to run than JMH and with the numbers the comparison table needs:
 *
 * <pre>
 * java -cp benchmarks.jar dev.gradcheck.bench.Measure machine
 * java -cp benchmarks.jar dev.gradcheck.bench.Measure check [--activation G] [--fast [D]] [--budget S] [--max-runs N] LAYERS...
 * java -cp benchmarks.jar dev.gradcheck.bench.Measure dgemm [--budget S] [--threads T] RxKxC...
 * java -Xmx256m -cp benchmarks.jar dev.gradcheck.bench.Measure heap LAYERS
 * java -cp benchmarks.jar dev.gradcheck.bench.Measure user [--budget-evaluations N] [--max-seconds S] none|all|BUG...
 * </pre>
 *
 * <p>{@code user} checks the 50,803-parameter {@link UserModel} (a user's model: every perturbation one whole
 * cost()) with the default four phases and the default per-phase budget (or {@code --budget-evaluations N}, 0 for
 * the full check), once per planted bug of the catalogue ({@code all}) or without one ({@code none}), and prints the
 * time, the verdict, the BUG components and the component the catalogue expects (what the full check finds).
 *
 * <p>{@code check} times the full check exactly as the CLI runs it ({@link NetworkCheck#run}), or with
 * {@code --fast} fast mode with D directions (default 8). The first run is cold; when it took under 2 s the check
 * runs again until the budget (default 10 s) or the run cap is reached, the first half of the runs counts as
 * warm-up, and "seconds" is the median of the second half ("best" its minimum). A single run reports itself.
 *
 * <p>{@code heap} runs one full check after a GC and reports the peak heap use, the sum over the heap pools of
 * each pool's peak since the reset (an upper bound on the true simultaneous peak); run it under {@code -Xmx} to
 * show the check fits.
 */
public final class Measure {
    /** Where the JSON lines go (a test swaps it). */
    static PrintStream out = System.out;

    private Measure() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: Measure machine | check [--activation G] [--fast [D]] [--budget S] [--max-runs N] LAYERS... | "
                    + "dgemm [--budget S] [--threads T] RxKxC... | heap LAYERS");
            System.exit(2);
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        switch (args[0]) {
            case "machine" -> machine();
            case "check" -> check(rest);
            case "dgemm" -> dgemm(rest);
            case "heap" -> heap(rest);
            case "user" -> user(rest);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    static void machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024.0 * 1024));
        m.put("gc", String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList()));
        m.put("openblas", Blas.version());
        m.put("openblasCoretype", System.getenv().getOrDefault("OPENBLAS_CORETYPE", ""));
        m.put("openblasNumThreads", System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", ""));
        m.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.println(json(m));
    }

    static void user(List<String> args) {
        long budget = -1;
        double maxSeconds = 0;
        List<dev.gradcheck.nets.bugs.Bug> bugs = new ArrayList<>();
        boolean none = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--budget-evaluations" -> budget = Long.parseLong(args.get(++i));
                case "--max-seconds" -> maxSeconds = Double.parseDouble(args.get(++i));
                case "none" -> none = true;
                case "all" -> bugs.addAll(Arrays.asList(dev.gradcheck.nets.bugs.Bug.values()));
                default -> bugs.add(dev.gradcheck.nets.bugs.Bug.fromName(args.get(i)));
            }
        }
        List<dev.gradcheck.nets.bugs.Bug> runs = new ArrayList<>();
        if (none || bugs.isEmpty()) {
            runs.add(null);
        }
        runs.addAll(bugs);
        for (dev.gradcheck.nets.bugs.Bug bug : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tool", "gradcheck");
            m.put("model", "user 150-151-151-33-1");
            m.put("parameters", Flops.parameters(UserModel.LAYERS));
            m.put("bug", bug == null ? "none" : bug.name());
            String skip = bug == null ? null : UserModel.notApplicable(bug);
            if (skip != null) {
                m.put("skipped", skip);
                out.println(json(m));
                continue;
            }
            UserModel model = new UserModel(bug);
            long perPhase = budget;
            AtomicReference<GradCheckReport> report = new AtomicReference<>();
            long start = System.nanoTime();
            boolean finished = withinLimit(maxSeconds, () -> {
                GradientCheck c = GradientCheck.of(model).afterTraining(100).progress(false);
                report.set((perPhase >= 0 ? c.budget(perPhase) : c).run());
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            m.put("seconds", seconds);
            if (!finished || report.get() == null) {
                m.put("stopped", true);
                m.put("limit", maxSeconds);
                out.println(json(m));
                out.flush();
                System.exit(0);
            }
            GradCheckReport r = report.get();
            m.put("verdict", r.verdict().name());
            m.put("phases", r.phases().size());
            m.put("evaluations", r.evaluations());
            m.put("method", r.method());
            List<String> wrong = new ArrayList<>();
            List<String> phaseVerdicts = new ArrayList<>();
            for (dev.gradcheck.PhaseResult p : r.phases()) {
                phaseVerdicts.add(p.phase().label() + " " + p.verdict());
                for (dev.gradcheck.ComponentResult c : p.components()) {
                    if (c.verdict() == dev.gradcheck.Verdict.BUG && !wrong.contains(c.name())) {
                        wrong.add(c.name());
                    }
                }
            }
            m.put("phaseVerdicts", phaseVerdicts);
            m.put("bugComponents", wrong);
            if (bug != null) {
                m.put("expectedComponent", bug.expectedComponent(UserModel.LAYERS));
            }
            out.println(json(m));
            out.flush();
        }
    }

    static void check(List<String> args) {
        int fast = 0;
        double budget = 10;
        int maxRuns = 2000;
        double maxSeconds = 0;
        Activation hidden = Activation.RELU;
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--activation" -> hidden = Activation.fromLabel(args.get(++i));
                case "--fast" -> {
                    fast = 8;
                    if (i + 1 < args.size() && args.get(i + 1).matches("\\d+")) {
                        fast = Integer.parseInt(args.get(++i));
                    }
                }
                case "--budget" -> budget = Double.parseDouble(args.get(++i));
                case "--max-runs" -> maxRuns = Integer.parseInt(args.get(++i));
                case "--max-seconds" -> maxSeconds = Double.parseDouble(args.get(++i));
                default -> specs.add(args.get(i));
            }
        }
        for (String spec : specs) {
            int[] n = Networks.parse(spec);
            Network net = Networks.build(n, hidden);
            int directions = fast;
            double runBudget = budget;
            int runCap = maxRuns;
            resetPeaks();
            List<Double> times = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<Outcome> last = new AtomicReference<>();
            boolean finished = withinLimit(maxSeconds, () -> {
                double total = 0;
                do {
                    long start = System.nanoTime();
                    last.set(directions > 0 ? fast(net, directions) : full(net));
                    double s = (System.nanoTime() - start) / 1e9;
                    times.add(s);
                    total += s;
                } while (times.get(0) < 2 && total < runBudget && times.size() < runCap);
            });
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tool", "gradcheck");
            m.put("layers", Networks.commas(n));
            m.put("parameters", Flops.parameters(n));
            m.put("mode", fast > 0 ? "fast" : "full");
            if (fast > 0) {
                m.put("directions", fast);
            }
            List<Double> done;
            synchronized (times) {
                done = new ArrayList<>(times);
            }
            if (done.isEmpty()) {
                // Stopped during the first run: only a lower bound.
                m.put("seconds", null);
                m.put("stopped", true);
                m.put("limit", maxSeconds);
                m.put("threads", Runtime.getRuntime().availableProcessors());
                m.put("peakHeapMB", peakHeapMB());
                out.println(json(m));
                out.flush();
                System.exit(0);
            }
            List<Double> measured = new ArrayList<>(done.size() == 1 ? done : done.subList(done.size() / 2,
                    done.size()));
            measured.sort(null);
            double median = measured.get(measured.size() / 2);
            Outcome o = last.get();
            m.put("seconds", median);
            m.put("best", measured.get(0));
            m.put("first", done.get(0));
            m.put("runs", done.size());
            m.put("verdict", o.verdict);
            m.put("ratio", o.ratio);
            m.put("evaluations", o.evaluations);
            m.put("method", o.method);
            m.put("activation", hidden.label());
            if (!o.note.isEmpty()) {
                m.put("note", o.note);
            }
            m.put("threads", Runtime.getRuntime().availableProcessors());
            m.put("peakHeapMB", peakHeapMB());
            if (fast == 0) {
                m.put("effectiveGflops", Flops.plainCheck(n, Networks.BATCH) / median / 1e9);
                m.put("structuredGflops", Flops.structuredCheck(n, Networks.BATCH) / median / 1e9);
            }
            out.println(json(m));
            out.flush();
            if (!finished) {
                System.exit(0); // the check still runs on its worker: leave with what was measured
            }
        }
    }

    /**
     * Runs {@code work} on a daemon thread and waits for it at most {@code maxSeconds} (0: no limit). False when
     * the limit came first; the work is then left running and the caller should exit.
     */
    private static boolean withinLimit(double maxSeconds, Runnable work) {
        Thread worker = new Thread(work, "measure");
        worker.setDaemon(true);
        Throwable[] failure = new Throwable[1];
        worker.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
        worker.start();
        try {
            worker.join(maxSeconds > 0 ? Math.max(1, (long) (maxSeconds * 1000)) : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (worker.isAlive()) {
            return false;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("the measured check failed", failure[0]);
        }
        return true;
    }

    /** One check's result; {@code note} is fast mode's own finding ("fast check: directional ratio ..."). */
    private record Outcome(String verdict, double ratio, long evaluations, String method, String note) {
    }

    private static Outcome full(Network net) {
        GradCheckReport r = NetworkCheck.run(net, GradientCheck.DEFAULT_EPSILON, 0);
        return new Outcome(r.verdict().name(), r.ratio(), r.evaluations(), r.method(), "");
    }

    private static Outcome fast(Network net, int directions) {
        GradCheckReport r = GradientCheck.of(net).fast(directions).progress(false).run();
        String note = r.phases().stream().flatMap(p -> p.findings().stream())
                .filter(f -> f.startsWith("fast check:")).findFirst().orElse("");
        return new Outcome(r.verdict().name(), r.ratio(), r.evaluations(), r.method(), note);
    }

    static void dgemm(List<String> args) {
        double budget = 0.5;
        int threads = 0;
        List<String> shapes = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--budget" -> budget = Double.parseDouble(args.get(++i));
                case "--threads" -> threads = Integer.parseInt(args.get(++i));
                default -> shapes.add(args.get(i));
            }
        }
        if (threads > 0) {
            Blas.threads(threads);
        }
        Random rnd = new Random(1);
        for (String shape : shapes) {
            int[] s = Networks.parse(shape);
            Matrix a = DgemmBenchmark.random(s[0], s[1], rnd);
            Matrix b = DgemmBenchmark.random(s[1], s[2], rnd);
            Matrix c = new Matrix(s[0], s[2]);
            double flops = Flops.gemm(s[0], s[1], s[2]);
            // Warm-up for a third of the budget, then the best of several timed batches.
            int reps = 1;
            long warmEnd = System.nanoTime() + (long) (budget / 3 * 1e9);
            while (System.nanoTime() < warmEnd) {
                Blas.gemm(1.0, a, false, b, false, 0.0, c);
            }
            double best = Double.POSITIVE_INFINITY;
            long end = System.nanoTime() + (long) (budget * 2 / 3 * 1e9);
            int batches = 0;
            while (batches < 3 || System.nanoTime() < end) {
                long start = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    Blas.gemm(1.0, a, false, b, false, 0.0, c);
                }
                double per = (System.nanoTime() - start) / 1e9 / reps;
                best = Math.min(best, per);
                if (per * reps < 0.01) {
                    reps *= 2; // batches of at least ~10 ms, so the clock's resolution does not matter
                }
                batches++;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tool", "dgemm");
            m.put("shape", shape);
            m.put("threads", threads > 0 ? Integer.toString(threads) : "default");
            m.put("seconds", best);
            m.put("gflops", flops / best / 1e9);
            out.println(json(m));
            out.flush();
        }
    }

    static void heap(List<String> args) {
        double maxSeconds = 0;
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--max-seconds")) {
                maxSeconds = Double.parseDouble(args.get(++i));
            } else {
                specs.add(args.get(i));
            }
        }
        if (specs.size() != 1) {
            System.err.println("usage: Measure heap [--max-seconds S] LAYERS");
            System.exit(2);
        }
        int[] n = Networks.parse(specs.get(0));
        Network net = Networks.build(n);
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        AtomicReference<Outcome> o = new AtomicReference<>();
        boolean finished = withinLimit(maxSeconds, () -> o.set(full(net)));
        double s = (System.nanoTime() - start) / 1e9;
        long gcs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "gradcheck-heap");
        m.put("layers", Networks.commas(n));
        m.put("parameters", Flops.parameters(n));
        m.put("mode", "full");
        m.put("seconds", s);
        if (finished) {
            m.put("verdict", o.get().verdict);
        } else {
            m.put("stopped", true);
            m.put("limit", maxSeconds);
        }
        m.put("peakHeapMB", peakHeapMB());
        m.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024.0 * 1024));
        m.put("gcCount", gcs);
        out.println(json(m));
        out.flush();
        if (!finished) {
            System.exit(0);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Σ over the heap pools of each pool's peak use since the last reset, in MiB. */
    private static double peakHeapMB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024);
    }

    /** A flat JSON object; numbers as numbers, everything else as strings. */
    static String json(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Double d) {
                sb.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "null");
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else {
                sb.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }
}
