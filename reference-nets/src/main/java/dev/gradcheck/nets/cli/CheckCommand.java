package dev.gradcheck.nets.cli;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Shard;
import dev.gradcheck.Verdict;
import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Init;
import dev.gradcheck.nets.Loss;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.NetworkCheck;
import dev.gradcheck.nets.bugs.Bug;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code check}: one gradient check of one reference network. Options not given take {@code check}'s defaults, or,
 * with {@code --bug}, the values of the network the demo shows that bug on.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One gradient check of one reference network.",
                "Exit code 0 for GOOD or INSPECT, 1 for BUG, 2 for bad options.",
                "With --bug, options not given take the values the demo shows that bug with.",
                "With --shard K/N the verdict covers that slice of θ only; merge the N reports with `merge`."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--layers", paramLabel = "N,N,...",
            description = "Layer sizes, input size first (default 4,5,3,1).")
    Converters.LayerSizes layers;

    @Option(names = "--batch", paramLabel = "M", description = "Examples in the training batch (default 3).")
    Integer batch;

    @Option(names = "--activation", paramLabel = "G",
            description = "Hidden activation: relu, leaky-relu, tanh, sigmoid, linear (default relu).")
    Activation activation;

    @Option(names = "--loss", paramLabel = "LOSS",
            description = "sigmoid-ce, softmax-ce or mse (default sigmoid-ce).")
    Loss loss;

    @Option(names = "--lambda", paramLabel = "λ", description = "L2 strength (default 0.7).")
    Double lambda;

    @Option(names = "--l1", paramLabel = "λ1", description = "L1 strength (default 0).")
    Double l1;

    @Option(names = "--keep-prob", paramLabel = "P",
            description = "Dropout keep-prob of the hidden layers (default 1.0: no dropout).")
    Double keepProb;

    @Option(names = "--init", paramLabel = "INIT",
            description = "he, xavier or glorot (default he).")
    Init init;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, data and masks (default 1).")
    Long seed;

    @Option(names = "--train-steps", paramLabel = "N",
            description = "Check again after N gradient-descent steps (default 0).")
    Integer trainSteps;

    @Option(names = "--epsilon", paramLabel = "ε", description = "Finite-difference step (default 1e-7).")
    Double epsilon;

    @Option(names = "--bug", paramLabel = "NAME",
            description = "Inject a catalogue bug (see the demo).")
    Bug bug;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Check only shard K of N of θ's coordinates (1-based, e.g. 2/4); the verdict is partial. "
                    + "Write each shard with --out and combine them with `merge`.")
    Shard shard;

    @Option(names = "--fast", paramLabel = "D",
            description = "Fast mode: compare directional derivatives along D random directions (seeded by --seed) "
                    + "first; the full check runs in every phase where that is not GOOD.")
    Integer fast;

    @Option(names = "--precise", description = "Precise mode: five-point stencil with a step per coordinate "
            + "(correct code reaches ratios near 1e-10; 4 cost evaluations per parameter).")
    boolean precise;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the numerical gradient, in every phase (default: all cores from 4096 "
                    + "parameters on, else 1).")
    Integer threads;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also write the JSON report to FILE (atomically), whatever is printed.")
    Path out;

    @Override
    public Integer call() {
        Settings s = settings();
        CheckOptions options = options(s);
        Network net;
        try {
            net = s.build();
        } catch (IllegalArgumentException e) {
            throw new Main.BadOptionException(e.getMessage());
        }
        GradCheckReport report = NetworkCheck.run(net, s.epsilon(), s.trainSteps(), options::apply);
        PrintWriter printer = spec.commandLine().getOut();
        String text = json || this.out != null ? json(net, report, options) : null;
        if (json) {
            printer.println(text);
        } else {
            printer.println("network: " + net.describe());
            for (String line : new String[] {options.shardLine(report.parameters()), options.fastLine(report)}) {
                if (!line.isEmpty()) {
                    printer.println(line);
                }
            }
            Reports.print(printer, report);
        }
        printer.flush();
        if (this.out != null) {
            JsonReport.write(this.out, text);
        }
        return report.verdict() == Verdict.BUG ? Main.BUG : 0;
    }

    /** The checker options, checked. */
    CheckOptions options(Settings s) {
        if (fast != null) {
            require(fast >= 1, "--fast is a number of random directions, ≥ 1 (8 misses a bug with probability "
                    + "1.6e-9), got " + fast);
        }
        if (threads != null) {
            require(threads >= 1, "--threads must be ≥ 1, got " + threads);
        }
        return new CheckOptions(shard, fast == null ? 0 : fast, precise, threads == null ? 0 : threads, s.seed());
    }

    /** The defaults (or the bug's demo network) overridden by every option given. */
    Settings settings() {
        Settings s = bug != null ? Settings.forBug(bug) : Settings.checkDefaults();
        return s.with(e -> {
            if (layers != null) {
                e.layers = layers.sizes();
            }
            if (batch != null) {
                require(batch >= 1, "--batch must be ≥ 1, got " + batch);
                e.batch = batch;
            }
            if (activation != null) {
                e.activation = activation;
            }
            if (loss != null) {
                e.loss = loss;
            }
            if (lambda != null) {
                require(lambda >= 0 && Double.isFinite(lambda), "--lambda must be a finite number ≥ 0, got " + lambda);
                e.lambda = lambda;
            }
            if (l1 != null) {
                require(l1 >= 0 && Double.isFinite(l1), "--l1 must be a finite number ≥ 0, got " + l1);
                e.l1 = l1;
            }
            if (keepProb != null) {
                require(keepProb > 0 && keepProb <= 1, "--keep-prob must be in (0, 1], got " + keepProb);
                e.keepProb = keepProb;
            }
            if (init != null) {
                e.init = init;
            }
            if (seed != null) {
                e.seed = seed;
            }
            if (trainSteps != null) {
                require(trainSteps >= 0, "--train-steps must be ≥ 0, got " + trainSteps);
                e.trainSteps = trainSteps;
            }
            if (epsilon != null) {
                require(epsilon > 0 && epsilon <= GradientCheck.MAX_EPSILON, "--epsilon must be in (0, "
                        + GradientCheck.MAX_EPSILON + "], got " + epsilon);
                e.epsilon = epsilon;
            }
        });
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new Main.BadOptionException(message);
        }
    }

    /**
     * {@link JsonReport#of} plus the network's description and keep-prob, the bug (name, description, expected
     * component) when there is one, and what the options changed: {@code partial}, {@code shard},
     * {@code coordinates}, {@code fast}, {@code precise}.
     */
    static String json(Network net, GradCheckReport report, CheckOptions options) {
        Map<String, Object> top = JsonReport.of(report);
        top.put("network", net.describe());
        top.put("keepProb", net.keepProb());
        if (net.bug() != null) {
            top.put("bug", Map.of("name", net.bug().name(), "description", net.bug().description(),
                    "expectedComponent", net.bugComponent()));
        }
        top.putAll(options.json(report, report.parameters()));
        return JsonReport.text(top);
    }
}
