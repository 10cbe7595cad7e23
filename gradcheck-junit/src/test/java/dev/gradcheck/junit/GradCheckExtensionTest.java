package dev.gradcheck.junit;

import dev.gradcheck.junit.jqwik.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.Verdict;

/**
 * {@code @GradCheck} seen from outside: the fixture classes below run on the Jupiter engine through the
 * {@code EngineTestKit}, and these tests read the nodes, names, failures and files they produce.
 */
class GradCheckExtensionTest {
    /** A ratio as node names print it. */
    static final String R = "\\d\\.\\de[-+]\\d\\d";

    @TempDir
    Path reports;

    // ------------------------------------------------------------------------------------------------ fixtures

    @Fixture
    static class Correct {
        static TwoLayerNet correct() {
            return TwoLayerNet.correct();
        }

        @GradCheck
        void correct(TwoLayerNet net) {
        }
    }

    @Fixture
    static class FactorTwo {
        static TwoLayerNet buggy() {
            return TwoLayerNet.with(TwoLayerNet.Bug.FACTOR_2_DW2);
        }

        @GradCheck("buggy")
        void dW2HasAFactorTwo(TwoLayerNet net) {
        }
    }

    @Fixture
    static class Trained {
        static TwoLayerNet.Trained net() {
            return new TwoLayerNet.Trained(3, 4, 1, 5, 0.1, 7, TwoLayerNet.Bug.NONE);
        }

        static TwoLayerNet.Trained signFlip() {
            return new TwoLayerNet.Trained(3, 4, 1, 5, 0.1, 7, TwoLayerNet.Bug.SIGN_DB1);
        }

        @GradCheck
        void net(TwoLayerNet.Trained net) {
        }

        @GradCheck(value = "net", trainingSteps = 0)
        void once(TwoLayerNet.Trained net) {
        }

        @GradCheck(value = "net", trainingSteps = 20)
        void twenty(Differentiable net) {
        }

        @GradCheck
        void signFlip(TwoLayerNet.Trained net) {
        }
    }

    @Fixture
    static class Several {
        static Stream<TwoLayerNet> nets() {
            return Stream.of(new TwoLayerNet(4, 5, 1, 3, 0, 1, TwoLayerNet.Bug.NONE),
                    new TwoLayerNet(2, 3, 1, 3, 0, 2, TwoLayerNet.Bug.FACTOR_2_DW2));
        }

        static List<Differentiable> list() {
            return List.of(TwoLayerNet.correct(), new WavyModel(0));
        }

        static Differentiable[] array() {
            return new Differentiable[] {TwoLayerNet.correct()};
        }

        @GradCheck("nets")
        void each(TwoLayerNet net) {
        }

        @GradCheck("list")
        void fromList(Differentiable model) {
        }

        @GradCheck("array")
        void fromArray(Differentiable model) {
        }

        @GradCheck("dev.gradcheck.junit.GradCheckExtensionTest$Correct#correct")
        void elsewhere(TwoLayerNet net) {
        }
    }

    @Fixture
    static class Body {
        static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());

        static TwoLayerNet correct() {
            return TwoLayerNet.correct();
        }

        static TwoLayerNet buggy() {
            return TwoLayerNet.with(TwoLayerNet.Bug.FACTOR_2_DW2);
        }

        @GradCheck
        void correct(TwoLayerNet net, GradCheckReport report, TestReporter reporter) {
            CALLS.add("correct " + net + " " + report.verdict());
            reporter.publishEntry("verdict", report.verdict().name());
        }

        @GradCheck("buggy")
        void bodyRunsAfterFailingNodes(GradCheckReport report, TwoLayerNet net) {
            CALLS.add("buggy " + net + " " + report.verdict());
        }
    }

    @Fixture
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class InstanceFactory {
        int made;

        TwoLayerNet net() {
            made++;
            return TwoLayerNet.correct();
        }

        @GradCheck
        void net(TwoLayerNet net) {
            assertThat(made).isEqualTo(1);
        }
    }

    @Fixture
    static class InstanceFactoryPerMethod {
        TwoLayerNet net() {
            return TwoLayerNet.correct();
        }

        @GradCheck
        void net(TwoLayerNet net) {
        }
    }

    @Fixture
    static class Misconfigured {
        static TwoLayerNet model() {
            return TwoLayerNet.correct();
        }

        static String wrongType() {
            return "not a model";
        }

        static List<Object> mixed() {
            return List.of(TwoLayerNet.correct(), "not a model");
        }

        static List<TwoLayerNet> empty() {
            return List.of();
        }

        static TwoLayerNet withParameter(int size) {
            return TwoLayerNet.correct();
        }

        @GradCheck
        void noFactory(TwoLayerNet net) {
        }

        @GradCheck("nets")
        void namedFactoryMissing(TwoLayerNet net) {
        }

        @GradCheck
        void withParameter(TwoLayerNet net) {
        }

        @GradCheck
        void wrongType(TwoLayerNet net) {
        }

        @GradCheck
        void mixed(Differentiable net) {
        }

        @GradCheck
        void empty(TwoLayerNet net) {
        }

        @GradCheck(value = "model", epsilon = 0)
        void zeroEpsilon(TwoLayerNet net) {
        }

        @GradCheck(value = "model", epsilon = -1e-7)
        void negativeEpsilon(TwoLayerNet net) {
        }

        @GradCheck(value = "model", good = 1e-3, bug = 1e-6)
        void thresholdsSwapped(TwoLayerNet net) {
        }

        @GradCheck("model")
        void notAModel(String net) {
        }

        @GradCheck("model")
        void noModelParameter() {
        }

        @GradCheck("model")
        void wrongModelType(WavyModel model) {
        }

        @GradCheck(value = "model", trainingSteps = 10)
        void notTrainable(TwoLayerNet net) {
        }

        @GradCheck("model")
        void configured(TwoLayerNet net) {
        }
    }

    @Fixture
    static class BadModel {
        static TwoLayerNet missing() {
            return TwoLayerNet.with(TwoLayerNet.Bug.MISSING_DB2);
        }

        @GradCheck
        void missing(TwoLayerNet net) {
        }
    }

    @Fixture
    static class Inspect {
        static WavyModel wavy() {
            return WavyModel.unresolvable();
        }

        // J's noise hides the gradient at every step up to 1e-2: INSPECT (unresolved), in either mode.
        @GradCheck(precise = true)
        void wavy(WavyModel model) {
        }

        @GradCheck(value = "wavy", strict = true, precise = true)
        void strictWavy(WavyModel model) {
        }
    }

    @Fixture
    static class Fast {
        static TwoLayerNet correct() {
            return TwoLayerNet.correct();
        }

        static TwoLayerNet buggy() {
            return TwoLayerNet.with(TwoLayerNet.Bug.FACTOR_2_DW2);
        }

        @GradCheck(value = "correct", fast = 8)
        void fastCorrect(TwoLayerNet net) {
        }

        @GradCheck(value = "buggy", fast = 8)
        void fastBuggy(TwoLayerNet net) {
        }
    }

    @Fixture
    static class Dropout {
        static DenseNet dropout() {
            return DenseNet.build(new Architecture(3, List.of(4, 1), List.of(Activation.TANH, Activation.SIGMOID),
                    Loss.SIGMOID_CE, 0, 0, 0.8, 4, 3));
        }

        static NoFreeze noFreeze() {
            return new NoFreeze();
        }

        @GradCheck
        void dropout(DenseNet net) {
        }

        @GradCheck
        void noFreeze(NoFreeze net) {
        }

        /** Stochastic, but cannot freeze its masks (and its dropout does nothing): the frozen phase is not run. */
        static final class NoFreeze extends TwoLayerNet implements dev.gradcheck.Stochastic {
            double keepProb = 0.5;

            NoFreeze() {
                super(3, 4, 1, 5, 0.1, 7, Bug.NONE);
            }

            @Override
            public double keepProb() {
                return keepProb;
            }

            @Override
            public void keepProb(double p) {
                keepProb = p;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Nested
    class NodeNames {
        @Test
        void oneNodePerComponentThenTheReport() {
            EngineExecutionResults r = TestKit.run(Correct.class, reports);
            List<String> names = TestKit.names(r);
            assertThat(names).hasSize(5);
            // Model, phase and component only: no ratio, no verdict (they differ between JDKs and code changes).
            assertThat(names).containsExactly("[init] dW1 (4×3)", "[init] db1 (4×1)", "[init] dW2 (1×4)",
                    "[init] db2 (1×1)", "[report]");
            r.testEvents().assertStatistics(s -> s.started(5).succeeded(5).failed(0));
            // The template container carries the method's own name.
            assertThat(r.containerEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                    .contains("correct(TwoLayerNet)");
        }

        @Test
        void aFactorTwoOnDw2FailsExactlyThatNode() {
            EngineExecutionResults r = TestKit.run(FactorTwo.class, reports);
            assertThat(TestKit.names(r)).hasSize(5);
            assertThat(TestKit.failedNames(r)).containsExactly("[init] dW2 (1×4)");
            r.testEvents().assertStatistics(s -> s.started(5).succeeded(4).failed(1));
        }

        @Test
        void aTrainableModelIsCheckedAgainAfter100Steps() {
            EngineExecutionResults r = TestKit.run(Trained.class, "net", reports);
            List<String> names = TestKit.names(r);
            assertThat(names).hasSize(9);
            assertThat(names.subList(0, 4)).allMatch(n -> n.matches("\\[init] d[Wb][12] \\(\\d×\\d\\)"));
            assertThat(names.subList(4, 8)).allMatch(n -> n.matches("\\[after 100 steps] d[Wb][12] \\(\\d×\\d\\)"));
            assertThat(names.get(7)).isEqualTo("[after 100 steps] db2 (1×1)");
            assertThat(names.get(8)).isEqualTo("[report]");
        }

        @Test
        void trainingStepsAttributeSetsOrDisablesThePhase() {
            assertThat(TestKit.names(TestKit.run(Trained.class, "once", reports)))
                    .hasSize(5).noneMatch(n -> n.startsWith("[after"));
            assertThat(TestKit.names(TestKit.run(Trained.class, "twenty", reports)))
                    .hasSize(9).anyMatch(n -> n.startsWith("[after 20 steps] dW1 ("));
        }

        @Test
        void trainingStepsComeFromTheConfigurationParameter() {
            assertThat(TestKit.names(TestKit.run(Trained.class, "net", reports, "gradcheck.trainingSteps", "0")))
                    .hasSize(5);
            assertThat(TestKit.names(TestKit.run(Trained.class, "net", reports, "gradcheck.trainingSteps", "7")))
                    .anyMatch(n -> n.startsWith("[after 7 steps] db1 ("));
            // A build-wide default does not break models that cannot train.
            assertThat(TestKit.names(TestKit.run(Correct.class, reports, "gradcheck.trainingSteps", "7")))
                    .hasSize(5);
        }

        @Test
        void bothPhasesFailWhenTheBugShowsInBoth() {
            EngineExecutionResults r = TestKit.run(Trained.class, "signFlip", reports);
            assertThat(TestKit.failedNames(r)).containsExactly("[init] db1 (4×1)",
                    "[after 100 steps] db1 (4×1)");
        }

        @Test
        void severalModelsArePrefixedWithTheirNames() {
            EngineExecutionResults r = TestKit.run(Several.class, "each", reports);
            List<String> names = TestKit.names(r);
            assertThat(names).hasSize(10);
            assertThat(names.subList(0, 5)).allMatch(n -> n.startsWith("net 4-5-1 ["));
            assertThat(names.get(0)).isEqualTo("net 4-5-1 [init] dW1 (5×4)");
            assertThat(names.get(4)).isEqualTo("net 4-5-1 [report]");
            assertThat(names.subList(5, 10)).allMatch(n -> n.startsWith("net 2-3-1 FACTOR_2_DW2 ["));
            assertThat(TestKit.failedNames(r)).containsExactly("net 2-3-1 FACTOR_2_DW2 [init] dW2 (1×3)");
        }

        @Test
        void factoriesMayReturnCollectionsArraysOrLiveElsewhere() {
            List<String> list = TestKit.names(TestKit.run(Several.class, "fromList", reports));
            assertThat(list).hasSize(5 + 3);
            assertThat(list).anyMatch(n -> n.equals("wavy 0.0 [init] da (1×3)"));
            assertThat(TestKit.names(TestKit.run(Several.class, "fromArray", reports))).hasSize(5)
                    .allMatch(n -> !n.startsWith("net"));
            EngineExecutionResults elsewhere = TestKit.run(Several.class, "elsewhere", reports);
            elsewhere.testEvents().assertStatistics(s -> s.started(5).succeeded(5));
        }

        @Test
        void dropoutIsCheckedAgainWithFrozenMasksOrSaidToBeUnchecked() {
            List<String> names = TestKit.names(TestKit.run(Dropout.class, "dropout", reports));
            assertThat(names).hasSize(9);
            assertThat(names.subList(4, 8)).allMatch(n -> n.matches("\\[init, dropout 0.8 frozen] d[Wb][12] \\(\\d×\\d\\)"));
            EngineExecutionResults noFreeze = TestKit.run(Dropout.class, "noFreeze", reports);
            assertThat(TestKit.names(noFreeze)).hasSize(6).contains("[init, dropout 0.5 frozen] not checked");
            noFreeze.testEvents().assertStatistics(s -> s.aborted(1).failed(0).succeeded(5));
        }

        @Test
        void aFastCheckThatPassesIsOneNodeForTheWholeOfTheta() {
            List<String> names = TestKit.names(TestKit.run(Fast.class, "fastCorrect", reports));
            assertThat(names).hasSize(2);
            assertThat(names).containsExactly("[init] θ", "[report]");
            EngineExecutionResults buggy = TestKit.run(Fast.class, "fastBuggy", reports);
            // When the fast check fails, the full check runs and names the component.
            assertThat(TestKit.failedNames(buggy)).containsExactly("[init] dW2 (1×4)");
        }
    }

    @Nested
    class Failures {
        @Test
        void theMessageIsTheComponentsReportPlusThePhasesFindings() {
            EngineExecutionResults r = TestKit.run(FactorTwo.class, reports);
            Throwable t = TestKit.failure(r, "[init] dW2 (1×4)");
            assertThat(t).isInstanceOf(AssertionFailedError.class);
            String message = t.getMessage();
            // Model and phase first: Surefire's one-line console summary then says which model, phase and component.
            assertThat(message).startsWith("net 3-4-1 FACTOR_2_DW2 [init] dW2 (1×4) BUG: ratio 3.33e-01");
            assertThat(message).contains("dW2 worst entries:");
            assertThat(message).contains("hint: dW2 = 2.00 × the numerical gradient");
            assertThat(message).contains("gradient check of net 3-4-1 FACTOR_2_DW2 at initialization: BUG");
            assertThat(message).contains("wrong: dW2");
        }

        @Test
        void expectedIsTheNumericalAndActualTheAnalyticGradient() {
            EngineExecutionResults r = TestKit.run(FactorTwo.class, reports);
            AssertionFailedError e = (AssertionFailedError) TestKit.failure(r, "[init] dW2 (1×4)");
            assertThat(e.isExpectedDefined()).isTrue();
            assertThat(e.isActualDefined()).isTrue();
            String expected = (String) e.getExpected().getValue();
            String actual = (String) e.getActual().getValue();
            assertThat(expected).startsWith("dW2 (1×4):\n[");
            assertThat(actual).startsWith("dW2 (1×4):\n[");
            TwoLayerNet net = FactorTwo.buggy();
            double[] analytic = net.gradients().get("W2");
            // The actual side shows the analytic values as backprop computed them.
            assertThat(actual).contains(String.format(java.util.Locale.ROOT, "%.6e", analytic[0]));
            assertThat(expected).contains(String.format(java.util.Locale.ROOT, "%.6e", analytic[0] / 2).substring(0, 6));
            assertThat(expected).isNotEqualTo(actual);
        }

        @Test
        void worstEntriesComeFromTheConfigurationParameter() {
            EngineExecutionResults r = TestKit.run(FactorTwo.class, reports, "gradcheck.worstEntries", "1");
            String message = TestKit.failure(r, "[init] dW2 (1×4)").getMessage();
            assertThat(message.lines().filter(l -> l.matches("\\s+\\(\\d+, \\d+\\)\\s.*"))).hasSize(1);
        }

        @Test
        void preciseModeComesFromTheConfigurationParameter() throws Exception {
            java.nio.file.Path file = reports.resolve(FactorTwo.class.getName()).resolve("dW2HasAFactorTwo.json");
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            TestKit.run(FactorTwo.class, reports);
            assertThat(json.readTree(file.toFile()).path("method").asText()).startsWith("central differences");
            EngineExecutionResults precise = TestKit.run(FactorTwo.class, reports, "gradcheck.precise", "true");
            assertThat(TestKit.failedNames(precise)).contains("[init] dW2 (1×4)");
            assertThat(json.readTree(file.toFile()).path("method").asText()).startsWith("precise: five-point stencil");
        }

        @Test
        void aModelTheCheckerRefusesFailsItsNodeWithTheCheckersMessage() {
            EngineExecutionResults r = TestKit.run(BadModel.class, reports);
            assertThat(TestKit.names(r)).containsExactly("[error] the check could not run");
            Throwable t = TestKit.failure(r, "[error] the check could not run");
            assertThat(t).isInstanceOf(GradientCheckException.class)
                    .hasMessageContaining("gradients() has no entry for block 'b2'");
            assertThat(r.containerEvents().failed().count()).isZero();
        }

        @Test
        void inspectPassesAndPublishesItsReportUnlessStrict() {
            GradCheckReport direct = GradientCheck.of(Inspect.wavy()).precise().run();
            assertThat(direct.verdict()).as("%s", direct).isEqualTo(Verdict.INSPECT);
            EngineExecutionResults lenient = TestKit.run(Inspect.class, "wavy", reports);
            assertThat(TestKit.names(lenient)).contains("[init] da (1×3)", "[init] db (2×1)");
            lenient.testEvents().assertStatistics(s -> s.failed(0));
            assertThat(lenient.testEvents().reportingEntryPublished().stream()
                    .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class))
                    .map(entry -> entry.getKeyValuePairs().get("gradcheck")))
                    .anyMatch(v -> v != null && v.startsWith("wavy + 1.0E12 [init] da (1×3) INSPECT"));

            EngineExecutionResults strict = TestKit.run(Inspect.class, "strictWavy", reports);
            assertThat(TestKit.failedNames(strict)).containsExactly("[init] da (1×3)", "[init] db (2×1)");
            assertThat(TestKit.failure(strict, "[init] da (1×3)"))
                    .hasMessageContaining("INSPECT fails this node because the check is strict");

            EngineExecutionResults configured = TestKit.run(Inspect.class, "wavy", reports, "gradcheck.strict", "true");
            assertThat(TestKit.failedNames(configured)).hasSize(2);
        }
    }

    @Nested
    class TheMethodBody {
        @BeforeEach
        void clear() {
            Body.CALLS.clear();
        }

        @Test
        void runsOnceAfterTheChecksWithTheModelAndTheReport() {
            EngineExecutionResults r = TestKit.run(Body.class, "correct", reports);
            assertThat(Body.CALLS).containsExactly("correct net 3-4-1 GOOD");
            assertThat(r.testEvents().reportingEntryPublished().stream()
                    .map(e -> e.getTestDescriptor().getDisplayName())).contains("[report]");
            List<String> names = TestKit.names(r);
            assertThat(names.get(names.size() - 1)).isEqualTo("[report]");
        }

        @Test
        void runsAlsoWhenComponentsFailedAndTakesParametersInAnyOrder() {
            EngineExecutionResults r = TestKit.run(Body.class, "bodyRunsAfterFailingNodes", reports);
            assertThat(Body.CALLS).containsExactly("buggy net 3-4-1 FACTOR_2_DW2 BUG");
            assertThat(TestKit.failedNames(r)).containsExactly("[init] dW2 (1×4)");
        }

        @Test
        void anInstanceFactoryWorksWithAPerClassLifecycleAndIsCalledOnce() {
            EngineExecutionResults r = TestKit.run(InstanceFactory.class, reports);
            r.testEvents().assertStatistics(s -> s.started(5).succeeded(5));
        }
    }

    @Nested
    class ConfigurationErrors {
        private String error(String method, String... config) {
            Throwable t = TestKit.containerFailure(TestKit.run(Misconfigured.class, method, reports, config));
            assertThat(t).isInstanceOf(ExtensionConfigurationException.class);
            return t.getMessage();
        }

        @Test
        void noFactory() {
            assertThat(error("noFactory")).isEqualTo("@GradCheck Misconfigured.noFactory(TwoLayerNet): no factory "
                    + "method noFactory() found in " + Misconfigured.class.getName() + ". Add a method static TwoLayerNet "
                    + "noFactory() (no parameters, the test's own name) returning the model(s) to Misconfigured, or "
                    + "name the factory with @GradCheck(\"factoryName\").");
            assertThat(error("namedFactoryMissing")).contains("no factory method nets() found")
                    .contains("correct the name in @GradCheck(\"nets\")");
            assertThat(error("withParameter")).contains("Misconfigured.withParameter(int)")
                    .contains("a factory takes no parameters");
        }

        @Test
        void wrongReturnType() {
            assertThat(error("wrongType")).isEqualTo("@GradCheck Misconfigured.wrongType(TwoLayerNet): factory "
                    + "method Misconfigured.wrongType() returns java.lang.String. A factory returns one model (a class "
                    + "implementing dev.gradcheck.Differentiable) or a Stream, Collection, Iterable, Iterator or "
                    + "array of them.");
            assertThat(error("mixed")).contains("returned a java.lang.String (element 1), which does not implement "
                    + "dev.gradcheck.Differentiable");
            assertThat(error("empty")).contains("returned no models (an empty collection)");
        }

        @Test
        void epsilonMustBePositive() {
            assertThat(error("zeroEpsilon")).isEqualTo("@GradCheck Misconfigured.zeroEpsilon(TwoLayerNet): ε must be "
                    + "greater than 0, but @GradCheck(epsilon = 0.0) gives 0.0. Use a step such as 1e-7 (the "
                    + "default), or leave it out.");
            assertThat(error("negativeEpsilon")).contains("ε must be greater than 0");
            assertThat(error("configured", "gradcheck.epsilon", "0")).contains("configuration parameter "
                    + "gradcheck.epsilon gives 0.0");
            assertThat(error("configured", "gradcheck.epsilon", "tiny")).isEqualTo("configuration parameter "
                    + "gradcheck.epsilon = 'tiny' is not a number such as 1e-7 (set in junit-platform.properties or "
                    + "with -Dgradcheck.epsilon=...)");
        }

        @Test
        void thresholdsMustBeOrdered() {
            assertThat(error("thresholdsSwapped")).contains("the thresholds need 0 < good < bug, but good = 0.001 "
                    + "and bug = 1.0E-6");
        }

        @Test
        void theParameterMustBeADifferentiable() {
            assertThat(error("notAModel")).isEqualTo("@GradCheck Misconfigured.notAModel(String): parameter #1 of "
                    + "type java.lang.String is not a dev.gradcheck.Differentiable. The model parameter's type must "
                    + "implement Differentiable (declare it as your model's class, or as Differentiable).");
            assertThat(error("noModelParameter")).contains("has no parameter for the model");
            assertThat(error("wrongModelType")).contains("returned a dev.gradcheck.junit.TwoLayerNet, but the test's "
                    + "model parameter is a dev.gradcheck.junit.WavyModel");
        }

        @Test
        void trainingNeedsATrainableModel() {
            assertThat(error("notTrainable")).contains("@GradCheck(trainingSteps = 10) needs a model that implements "
                    + "dev.gradcheck.Trainable, but dev.gradcheck.junit.TwoLayerNet does not");
        }

        @Test
        void anInstanceFactoryNeedsAPerClassLifecycle() {
            Throwable t = TestKit.containerFailure(TestKit.run(InstanceFactoryPerMethod.class, reports));
            assertThat(t).isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("Make it static, "
                    + "or annotate InstanceFactoryPerMethod with @TestInstance(Lifecycle.PER_CLASS)");
        }
    }

    @Nested
    class Reports {
        private final ObjectMapper json = new ObjectMapper();

        @Test
        void jsonAndHtmlPerModelAndAnIndex() throws Exception {
            TestKit.run(FactorTwo.class, reports);
            TestKit.run(Correct.class, reports);
            Path dir = reports.resolve(FactorTwo.class.getName());
            JsonNode n = json.readTree(dir.resolve("dW2HasAFactorTwo.json").toFile());
            assertThat(n.path("model").asText()).isEqualTo("net 3-4-1 FACTOR_2_DW2");
            assertThat(n.path("verdict").asText()).isEqualTo("BUG");
            assertThat(n.path("testMethod").asText()).isEqualTo("dW2HasAFactorTwo");
            assertThat(n.path("phases").get(0).path("components").get(2).path("name").asText()).isEqualTo("dW2");
            assertThat(n.path("phases").get(0).path("components").get(2).path("verdict").asText()).isEqualTo("BUG");

            String html = Files.readString(dir.resolve("dW2HasAFactorTwo.html"));
            assertThat(html).contains("<svg").contains("[init] dW2").contains("bug ≥1e-3").contains("good ≈1e-7")
                    .contains("inspect ≈1e-5");
            // The failing component's bar and label are red.
            assertThat(html).containsPattern("fill=\"#c62828\">\\[init] dW2<title>|fill=\"#c62828\" "
                    + "font-weight=\"bold\">\\[init] dW2</text>");

            String index = Files.readString(reports.resolve("index.html"));
            assertThat(index).contains("href=\"" + FactorTwo.class.getName() + "/dW2HasAFactorTwo.html\"")
                    .contains("href=\"" + Correct.class.getName() + "/correct.html\"")
                    .contains("2 checked models, 1 with a BUG");
            try (Stream<Path> files = Files.walk(reports)) {
                assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".tmp"));
            }
        }

        @Test
        void severalModelsGetNumberedFiles() throws Exception {
            TestKit.run(Several.class, "each", reports);
            Path dir = reports.resolve(Several.class.getName());
            assertThat(json.readTree(dir.resolve("each-1.json").toFile()).path("model").asText())
                    .isEqualTo("net 4-5-1");
            assertThat(json.readTree(dir.resolve("each-2.json").toFile()).path("verdict").asText()).isEqualTo("BUG");
        }
    }
}
