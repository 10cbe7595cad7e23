package dev.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;

/**
 * What a CI server needs from {@code @GradCheck}: node names that do not change when the numbers do, a log that
 * stays short when everything passes, and test methods that share one model instance in a parallel run.
 */
class InCiTest {
    @TempDir
    Path reports;

    /** J = Σ c·w² over one block: a model without a toString() of its own, to be numbered. */
    static final class Quadratic implements Differentiable {
        final double[] w;
        final double c;

        Quadratic(int seed) {
            w = new double[]{0.1 * seed + 0.3, -0.2, 0.05 * seed};
            c = 1 + seed;
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("w", 3, 1, w));
        }

        @Override
        public double cost() {
            double j = 0;
            for (double v : w) {
                j += c * v * v;
            }
            return j;
        }

        @Override
        public Gradients gradients() {
            double[] dw = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                dw[i] = 2 * c * w[i];
            }
            return Gradients.builder().put("w", dw).build();
        }
    }

    @Fixture
    static class Named {
        static TwoLayerNet.Trained net() {
            return new TwoLayerNet.Trained(3, 4, 1, 5, 0.1, 7, TwoLayerNet.Bug.NONE);
        }

        static Stream<Quadratic> twelve() {
            return IntStream.rangeClosed(1, 12).mapToObj(Quadratic::new);
        }

        @GradCheck
        void net(TwoLayerNet.Trained net) {
        }

        @GradCheck("twelve")
        void many(Quadratic q) {
        }

        @GradCheck("dev.gradcheck.junit.InCiTest$Named#net")
        void buggyToo(TwoLayerNet.Trained net) {
        }
    }

    @Test
    void nodeNamesStayTheSameWhenTheRatiosChange() {
        // ε 1e-7 and 1e-5 give other ratios for every component; CI must see the same tests.
        List<String> a = TestKit.names(TestKit.run(Named.class, "net", reports));
        List<String> b = TestKit.names(TestKit.run(Named.class, "net", reports, "gradcheck.epsilon", "1e-5"));
        assertThat(a).isEqualTo(b).hasSize(9).contains("[init] dW1 (4×3)", "[after 100 steps] db2 (1×1)", "[report]");
        // Model, phase and component only: no ratio, no verdict.
        assertThat(a).allMatch(n -> n.matches("\\[(init|after 100 steps)] d[Wb][12] \\(\\d×\\d\\)|\\[report]"));
    }

    @Test
    void manyModelsWithoutNamesAreNumberedZeroPaddedInTheFactorysOrder() {
        List<String> names = TestKit.names(TestKit.run(Named.class, "many", reports)).stream()
                .filter(n -> n.endsWith("[report]")).collect(Collectors.toList());
        assertThat(names).hasSize(12).startsWith("Quadratic #01 [report]").endsWith("Quadratic #12 [report]")
                .isSorted();
        assertThat(reports.resolve(Named.class.getName()).resolve("many-01.json")).exists();
        assertThat(reports.resolve(Named.class.getName()).resolve("many-12.json")).exists();
    }

    // ------------------------------------------------------------------------------------------- printing

    private String printed(Runnable run) {
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPassingCheckPrintsOneLineAndAFailingOneItsWholeReport() {
        String passing = printed(() -> TestKit.run(Named.class, "net", reports));
        assertThat(passing.lines()).hasSize(1).first().asString()
                .matches("gradcheck: net 3-4-1 \\(Named\\.net\\) GOOD, ratio \\S+, 2 phases, 21 parameters, "
                        + "\\S+ s; report: .*net\\.html");
        String failing = printed(() -> TestKit.run(GradCheckExtensionTest.FactorTwo.class, reports));
        assertThat(failing).startsWith("gradient check of net 3-4-1 FACTOR_2_DW2 (FactorTwo.dW2HasAFactorTwo)\n")
                .contains("dW2 = 2.00 × the numerical gradient").contains("report: ");
        assertThat(failing.lines().count()).isGreaterThan(5);
    }

    @Test
    void gradcheckReportPrintChoosesAllOrNone() {
        String all = printed(() -> TestKit.run(Named.class, "net", reports, "gradcheck.report.print", "all"));
        assertThat(all).startsWith("gradient check of net 3-4-1 (Named.net)\n").contains("[after 100 steps]");
        String none = printed(() -> TestKit.run(GradCheckExtensionTest.FactorTwo.class, reports,
                "gradcheck.report.print", "none"));
        assertThat(none).isEmpty();
        // The files are written all the same.
        assertThat(reports.resolve(GradCheckExtensionTest.FactorTwo.class.getName()).resolve("dW2HasAFactorTwo.json"))
                .exists();
        Throwable bad = TestKit.containerFailure(TestKit.run(Named.class, "net", reports, "gradcheck.report.print",
                "some"));
        assertThat(bad).hasMessage("configuration parameter gradcheck.report.print = 'some' is not failures, all or "
                + "none (set in junit-platform.properties or with -Dgradcheck.report.print=...)");
    }

    @Test
    void gradcheckProgressIsAConfigurationParameterToo() {
        Throwable bad = TestKit.containerFailure(TestKit.run(Named.class, "net", reports, "gradcheck.progress",
                "maybe"));
        assertThat(bad).hasMessageContaining("gradcheck.progress = 'maybe' is not true or false");
        TestKit.run(Named.class, "net", reports, "gradcheck.progress", "false").testEvents()
                .assertStatistics(s -> s.failed(0).succeeded(9));
    }

    // ------------------------------------------------------------------------------------------ shared models

    @Fixture
    static class Shared {
        /** One instance behind four test methods: a trainable model, whose check trains it and writes it back. */
        static final TwoLayerNet.Trained MODEL = new TwoLayerNet.Trained(3, 4, 1, 5, 0.1, 7, TwoLayerNet.Bug.NONE);

        static TwoLayerNet.Trained model() {
            return MODEL;
        }

        @GradCheck("model")
        void first(TwoLayerNet.Trained net) {
        }

        @GradCheck("model")
        void second(TwoLayerNet.Trained net) {
        }

        @GradCheck("model")
        void third(TwoLayerNet.Trained net) {
        }

        @GradCheck("model")
        void fourth(TwoLayerNet.Trained net) {
        }
    }

    @Test
    void testMethodsSharingOneModelInAParallelRunAreCorrectAndLeaveItAsItWas() throws Exception {
        List<double[]> before = new ArrayList<>();
        for (ParameterBlock b : Shared.MODEL.parameters()) {
            before.add(b.toArray());
        }
        EngineExecutionResults r = TestKit.run(Shared.class, reports,
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        r.testEvents().assertStatistics(s -> s.started(36).succeeded(36).failed(0));
        List<double[]> after = new ArrayList<>();
        for (ParameterBlock b : Shared.MODEL.parameters()) {
            after.add(b.toArray());
        }
        assertThat(after).usingRecursiveComparison().isEqualTo(before);
        // One after another, each method saw the same model: the very same report numbers.
        ObjectMapper json = new ObjectMapper();
        List<Double> ratios = new ArrayList<>();
        for (String m : List.of("first", "second", "third", "fourth")) {
            JsonNode n = json.readTree(Files.readString(reports.resolve(Shared.class.getName()).resolve(m + ".json")));
            ratios.add(n.path("ratio").asDouble());
        }
        assertThat(ratios).hasSize(4).allMatch(x -> x.equals(ratios.get(0)));
    }
}
