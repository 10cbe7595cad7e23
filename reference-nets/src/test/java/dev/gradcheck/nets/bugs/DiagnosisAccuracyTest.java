package dev.gradcheck.nets.bugs;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.Finding;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Loss;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.NetworkCheck;
import dev.gradcheck.nets.cli.Settings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often the diagnosis names the planted cause: every catalogue bug on a grid of activations × losses × depths
 * (× seeds and batch sizes with {@code -Dgradcheck.diagnosis.grid=full}), each checked as the demo checks it. A hit
 * is a BUG on the expected component whose one diagnosis sentence names the cause (the words below, read before
 * "; the next cause", which names the runner-up). docs/bugs.md has the table this test prints.
 */
class DiagnosisAccuracyTest {

    /** The words that name each cause in the diagnosis of the expected component. */
    static final Map<Bug, String> CAUSE = Map.ofEntries(
            entry(Bug.DW_MISSING_1_OVER_M, "1/m is missing"),
            entry(Bug.STRAY_FACTOR_2, "a stray 2"),
            entry(Bug.DB_SUMMED_OVER_ALL_AXES, "over every example and unit"),
            entry(Bug.DB_MISSING_1_OVER_M, "1/m is missing"),
            entry(Bug.RELU_DERIVATIVE_FROM_A, "derivative taken as g(Z"),
            entry(Bug.ACTIVATION_DERIVATIVE_DROPPED, ") left out (the"),
            entry(Bug.SIGMOID_DERIVATIVE_WRONG, "derivative taken as g(Z"),
            entry(Bug.OUTPUT_DZ_SIGN_FLIPPED, "sign flip"),
            entry(Bug.L2_GRADIENT_FORGOTTEN, "is missing from dW"),
            entry(Bug.L2_COST_TERM_MISSING, "but the cost lacks λ/2m"),
            entry(Bug.L1_GRADIENT_FORGOTTEN, "sign(W"),
            entry(Bug.DROPOUT_MASK_NOT_APPLIED, "not applied in backprop"),
            entry(Bug.DROPOUT_NOT_SCALED, "not divided by keep-prob"),
            entry(Bug.DW_TRANSPOSED, "transpose of the true gradient"));

    static final boolean FULL = "full".equals(System.getProperty("gradcheck.diagnosis.grid"));

    /** One configuration's outcome. */
    record Outcome(Bug bug, Settings settings, boolean caught, boolean named, Boolean origin, String diagnosis) {
    }

    static Outcome run(Bug bug, Settings s) {
        Network net = s.build();
        GradCheckReport report = NetworkCheck.run(net, s.epsilon(), 0);
        String expected = net.bugComponent();
        ComponentResult c = report.component(expected).orElseThrow();
        boolean caught = report.verdict() == Verdict.BUG && c.verdict() == Verdict.BUG;
        String diagnosis = c.diagnosis().orElse("");
        String head = diagnosis.contains("; the next cause") ? diagnosis.substring(0, diagnosis.indexOf("; the next "
                + "cause")) : diagnosis;
        boolean named = caught && head.contains(CAUSE.get(bug));
        // Where the layers cascade (two or more fail), the origin sentence must name the bug's layer.
        PhaseResult worst = report.phases().stream().filter(p -> p.verdict() == Verdict.BUG).findFirst().orElse(null);
        Boolean origin = null;
        if (worst != null && failingLayers(worst) >= 2) {
            origin = worst.typedFindings().stream().filter(f -> f.kind() == Finding.Kind.ORIGIN)
                    .anyMatch(f -> f.sentence().contains("layer " + bug.layer(net.sizes())
                            + " is the highest failing layer"));
        }
        return new Outcome(bug, s, caught, named, origin, diagnosis);
    }

    private static long failingLayers(PhaseResult p) {
        return p.components().stream().filter(c -> c.verdict() == Verdict.BUG).map(c -> c.block().substring(1))
                .distinct().count();
    }

    /** The demo's configurations: each bug on the network {@code demo} shows it on. */
    @Test
    void theDemoNamesEveryPlantedCause() {
        List<String> misses = new ArrayList<>();
        for (Bug bug : Bug.values()) {
            Outcome o = run(bug, Settings.forBug(bug));
            if (!o.named()) {
                misses.add(bug + ": " + o.diagnosis());
            }
            if (o.origin() != null) {
                assertThat(o.origin()).as("%s cascades: the origin sentence names layer %d", bug,
                        bug.layer(o.settings().layers())).isTrue();
            }
        }
        assertThat(misses).as("the demo's diagnoses that do not name the planted cause").isEmpty();
    }

    /** The grid: at least 90% named in every run, the table printed for docs/bugs.md. */
    @Test
    void theGridNamesThePlantedCauseNineTimesInTen() {
        List<Outcome> outcomes = new ArrayList<>();
        for (Bug bug : Bug.values()) {
            for (Settings s : grid(bug)) {
                outcomes.add(run(bug, s));
            }
        }
        Map<Bug, int[]> perBug = new EnumMap<>(Bug.class);
        int named = 0;
        int origins = 0;
        int originHits = 0;
        for (Outcome o : outcomes) {
            int[] t = perBug.computeIfAbsent(o.bug(), b -> new int[4]);
            t[0]++;
            t[1] += o.caught() ? 1 : 0;
            t[2] += o.named() ? 1 : 0;
            named += o.named() ? 1 : 0;
            if (o.origin() != null) {
                t[3]++;
                origins++;
                originHits += o.origin() ? 1 : 0;
            }
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%ndiagnosis accuracy (%s grid, %d "
                + "configurations)%n| bug | configurations | caught | cause named | hit rate |%n| --- | ---: | ---: | "
                + "---: | ---: |%n", FULL ? "full" : "CI", outcomes.size()));
        perBug.forEach((bug, t) -> table.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %d | %.0f%% |%n", bug,
                t[0], t[1], t[2], 100.0 * t[2] / t[0])));
        table.append(String.format(Locale.ROOT, "| all | %d | | %d | %.1f%% |%n", outcomes.size(), named,
                100.0 * named / outcomes.size()));
        table.append(String.format(Locale.ROOT, "origin sentence names the planted layer where layers cascade: %d of "
                + "%d%n", originHits, origins));
        System.out.print(table);
        for (Outcome o : outcomes) {
            if (!o.named()) {
                System.out.println("miss: " + o.bug() + " on " + o.settings() + ": " + o.diagnosis());
            }
        }
        assertThat(outcomes).as("the grid").hasSizeGreaterThan(FULL ? 1000 : 100);
        assertThat((double) named / outcomes.size()).as("the share of configurations whose diagnosis names the "
                + "planted cause (%d of %d)%s", named, outcomes.size(), table).isGreaterThanOrEqualTo(0.9);
        assertThat((double) originHits / Math.max(1, origins)).as("origin named where layers cascade (%d of %d)",
                originHits, origins).isGreaterThanOrEqualTo(0.9);
    }

    /** Activations × losses × depths (× seeds × batch sizes when full) on which the bug applies. */
    static List<Settings> grid(Bug bug) {
        List<int[]> shapes = List.of(new int[] {4, 5, 5, 3, 2}, new int[] {3, 4, 4, 2}, new int[] {4, 4, 2});
        long[] seeds = FULL ? new long[] {1, 2, 3, 4, 5} : new long[] {1};
        int[] batches = FULL ? new int[] {4, 8} : new int[] {8};
        Activation[] activations = {Activation.RELU, Activation.LEAKY_RELU, Activation.TANH, Activation.SIGMOID};
        List<Settings> out = new ArrayList<>();
        for (int shape = 0; shape < shapes.size(); shape++) {
            int[] n = shapes.get(shape);
            for (int a = 0; a < activations.length; a++) {
                Activation g = activations[a];
                for (int li = 0; li < Loss.values().length; li++) {
                    // In CI one loss per shape and activation, in turn, so that every pair still meets.
                    if (!FULL && li != (a + shape) % Loss.values().length) {
                        continue;
                    }
                    Loss loss = Loss.values()[li];
                    for (long seed : seeds) {
                        for (int m : batches) {
                            Settings s = Settings.forBug(bug).with(e -> {
                                e.layers = n;
                                e.activation = g;
                                e.loss = loss;
                                e.seed = seed;
                                e.batch = m;
                            });
                            if (bug.notApplicable(n, g, s.lambda(), s.l1(), s.keepProb(), m) == null) {
                                out.add(s);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
