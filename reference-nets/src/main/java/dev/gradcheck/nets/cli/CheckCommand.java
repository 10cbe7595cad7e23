package dev.gradcheck.nets.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code check}: one gradient check of one reference network. Options not given take {@code check}'s defaults, or,
 * with {@code --bug}, the values of the network the demo shows that bug on.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One gradient check of one reference network.",
                "Exit code 0 for GOOD or INSPECT, 1 for BUG, 2 for bad options.",
                "With --bug, options not given take the values the demo shows that bug with."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--layers", paramLabel = "N,N,...", converter = Converters.LayersConverter.class,
            description = "Layer sizes, input size first (default 4,5,3,1).")
    Converters.LayerSizes layers;

    @Option(names = "--batch", paramLabel = "M", description = "Examples in the training batch (default 3).")
    Integer batch;

    @Option(names = "--activation", paramLabel = "G", converter = Converters.ActivationConverter.class,
            description = "Hidden activation: relu, leaky-relu, tanh, sigmoid, linear (default relu).")
    Activation activation;

    @Option(names = "--loss", paramLabel = "LOSS", converter = Converters.LossConverter.class,
            description = "sigmoid-ce, softmax-ce or mse (default sigmoid-ce).")
    Loss loss;

    @Option(names = "--lambda", paramLabel = "λ", description = "L2 strength (default 0.7).")
    Double lambda;

    @Option(names = "--l1", paramLabel = "λ1", description = "L1 strength (default 0).")
    Double l1;

    @Option(names = "--keep-prob", paramLabel = "P",
            description = "Dropout keep-prob of the hidden layers (default 1.0: no dropout).")
    Double keepProb;

    @Option(names = "--init", paramLabel = "INIT", converter = Converters.InitConverter.class,
            description = "he, xavier or glorot (default he).")
    Init init;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, data and masks (default 1).")
    Long seed;

    @Option(names = "--train-steps", paramLabel = "N",
            description = "Check again after N gradient-descent steps (default 0).")
    Integer trainSteps;

    @Option(names = "--epsilon", paramLabel = "ε", description = "Finite-difference step (default 1e-7).")
    Double epsilon;

    @Option(names = "--bug", paramLabel = "NAME", converter = Converters.BugConverter.class,
            description = "Inject a catalogue bug (see the demo).")
    Bug bug;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Settings s = settings();
        Network net;
        try {
            net = s.build();
        } catch (IllegalArgumentException e) {
            throw new Main.BadOptionException(e.getMessage());
        }
        NetworkCheck.Result result = NetworkCheck.run(net, s.epsilon(), s.trainSteps());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(net, result));
        } else {
            out.println("network: " + net.describe());
            Reports.print(out, result, net.keepProb());
        }
        out.flush();
        return result.verdict() == Verdict.BUG ? Main.BUG : 0;
    }

    /** The defaults (or the bug's demo network) overridden by every option given. */
    Settings settings() {
        Settings s = bug != null ? Settings.forBug(bug) : Settings.checkDefaults();
        if (layers != null) {
            s = s.withLayers(layers.sizes());
        }
        if (batch != null) {
            require(batch >= 1, "--batch must be ≥ 1, got " + batch);
            s = s.withBatch(batch);
        }
        if (activation != null) {
            s = s.withActivation(activation);
        }
        if (loss != null) {
            s = s.withLoss(loss);
        }
        if (lambda != null) {
            require(lambda >= 0 && Double.isFinite(lambda), "--lambda must be a finite number ≥ 0, got " + lambda);
            s = s.withLambda(lambda);
        }
        if (l1 != null) {
            require(l1 >= 0 && Double.isFinite(l1), "--l1 must be a finite number ≥ 0, got " + l1);
            s = s.withL1(l1);
        }
        if (keepProb != null) {
            require(keepProb > 0 && keepProb <= 1, "--keep-prob must be in (0, 1], got " + keepProb);
            s = s.withKeepProb(keepProb);
        }
        if (init != null) {
            s = s.withInit(init);
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (trainSteps != null) {
            require(trainSteps >= 0, "--train-steps must be ≥ 0, got " + trainSteps);
            s = s.withTrainSteps(trainSteps);
        }
        if (epsilon != null) {
            require(epsilon > 0 && epsilon <= GradientCheck.MAX_EPSILON, "--epsilon must be in (0, "
                    + GradientCheck.MAX_EPSILON + "], got " + epsilon);
            s = s.withEpsilon(epsilon);
        }
        return s;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new Main.BadOptionException(message);
        }
    }

    /**
     * The decisive report's {@code toMap()} at the top level (ratio, verdict, parameters, components, ...), with
     * {@code evaluations} and {@code seconds} summed over every check that ran, the network, and each check under
     * {@code checks}.
     */
    static String json(Network net, NetworkCheck.Result result) {
        Map<String, Object> top = new LinkedHashMap<>(result.decisive().toMap());
        top.put("verdict", result.verdict().name());
        top.put("evaluations", result.reports().stream().mapToLong(GradCheckReport::evaluations).sum());
        top.put("seconds", result.reports().stream().mapToDouble(GradCheckReport::seconds).sum());
        top.put("network", net.describe());
        if (net.bug() != null) {
            top.put("bug", Map.of("name", net.bug().name(), "description", net.bug().description(),
                    "expectedComponent", net.bugComponent()));
        }
        List<Object> checks = new ArrayList<>();
        for (GradCheckReport r : result.reports()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("check", r == result.masksFrozen() ? "masks frozen" : "dropout off");
            c.putAll(r.toMap());
            checks.add(c);
        }
        top.put("checks", checks);
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(top);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report could not be written as JSON", e);
        }
    }
}
