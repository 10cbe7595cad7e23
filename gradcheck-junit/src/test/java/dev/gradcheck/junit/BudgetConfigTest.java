package dev.gradcheck.junit;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gradcheck.budget} and {@code @GradCheck(budget)}: a model whose full check needs more cost evaluations per
 * phase is checked block by block along random directions, the blocks that are not GOOD get the full check and fail
 * their own node, the others pass and say they were only checked directionally; the report's header says so.
 */
class BudgetConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    @Fixture
    static class Budgeted {
        /** 3-4-1: 21 coordinates, a full check of about 92 cost evaluations; dW2 has a factor 2. */
        static TwoLayerNet buggy() {
            return TwoLayerNet.with(TwoLayerNet.Bug.FACTOR_2_DW2);
        }

        static TwoLayerNet correct() {
            return TwoLayerNet.correct();
        }

        @GradCheck("buggy")
        void buggy(TwoLayerNet net) {
        }

        @GradCheck(value = "buggy", budget = "30")
        void attribute(TwoLayerNet net) {
        }

        @GradCheck(value = "buggy", budget = "lots")
        void badAttribute(TwoLayerNet net) {
        }

        @GradCheck("correct")
        void correct(TwoLayerNet net) {
        }
    }

    private EngineExecutionResults run(String method, String... config) {
        return TestKit.run(Budgeted.class, method, reports, config);
    }

    @Test
    void overTheBudgetOnlyTheBlockThatIsNotGoodFailsAndTheOthersSayTheyWereCheckedDirectionally() throws Exception {
        EngineExecutionResults r = run("buggy", "gradcheck.budget", "30");
        assertThat(TestKit.names(r)).containsExactly("[init] dW1 (4×3)", "[init] db1 (4×1)", "[init] dW2 (1×4)",
                "[init] db2 (1×1)", "[report]");
        assertThat(TestKit.failedNames(r)).containsExactly("[init] dW2 (1×4)");
        assertThat(r.testEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("gradcheck"))
                .filter(v -> v != null && v.startsWith("dW1")).findFirst().orElseThrow())
                .startsWith("dW1 (4×3) GOOD, ratio ").contains("(directional check only, GOOD: directional ratio");
        JsonNode json = JSON.readTree(reports.resolve(Budgeted.class.getName()).resolve("buggy.json").toFile());
        assertThat(json.path("method").asText()).isEqualTo("blockwise fast: over the budget of 30 cost evaluations "
                + "per phase, 8 random directions per block, seed 1; full check on the blocks that were not GOOD");
        // Without a budget of its own the 21-parameter model keeps the full check.
        EngineExecutionResults full = run("buggy");
        assertThat(TestKit.failedNames(full)).containsExactly("[init] dW2 (1×4)");
        assertThat(JSON.readTree(reports.resolve(Budgeted.class.getName()).resolve("buggy.json").toFile())
                .path("method").asText()).isEqualTo("central differences");
    }

    @Test
    void theAttributeWinsOverTheConfigurationAndNoneTurnsTheBudgetOff() throws Exception {
        assertThat(TestKit.failedNames(run("attribute", "gradcheck.budget", "none")))
                .containsExactly("[init] dW2 (1×4)");
        JsonNode json = JSON.readTree(reports.resolve(Budgeted.class.getName()).resolve("attribute.json").toFile());
        assertThat(json.path("method").asText()).startsWith("blockwise fast: over the budget of 30 cost evaluations");
        run("correct", "gradcheck.budget", "0");
        assertThat(JSON.readTree(reports.resolve(Budgeted.class.getName()).resolve("correct.json").toFile())
                .path("method").asText()).isEqualTo("central differences");
    }

    @Test
    void aCorrectModelOverTheBudgetIsOneNodePerPhase() {
        EngineExecutionResults r = run("correct", "gradcheck.budget", "30");
        assertThat(TestKit.names(r)).containsExactly("[init] θ", "[report]");
        assertThat(TestKit.failedNames(r)).isEmpty();
    }

    @Test
    void badBudgetsAreConfigurationErrorsThatSayWhatToWrite() {
        Throwable config = TestKit.containerFailure(run("buggy", "gradcheck.budget", "-3"));
        assertThat(config).isInstanceOf(ExtensionConfigurationException.class).hasMessage("configuration parameter "
                + "gradcheck.budget = '-3' is not a budget: cost evaluations per phase (20000), seconds (30s), or 0 / "
                + "none for the full check always (set in junit-platform.properties or with -Dgradcheck.budget=...)");
        Throwable attribute = TestKit.containerFailure(run("badAttribute"));
        assertThat(attribute).isInstanceOf(ExtensionConfigurationException.class).hasMessageEndingWith(
                "@GradCheck(budget = \"lots\") is not a budget: write cost evaluations per phase (\"20000\"), seconds "
                + "(\"30s\"), or \"0\" / \"none\" for the full check always");
        assertThat(TestKit.containerFailure(run("buggy", "gradcheck.budget", "30s", "gradcheck.shard", "1/2")))
                .hasMessage("@GradCheck Budgeted.buggy(TwoLayerNet): gradcheck.shard = 1/2 and a "
                        + "budget (configuration parameter gradcheck.budget) do not combine: a shard is one slice of the "
                        + "full check. Set gradcheck.budget=0 in the sharded jobs, or drop the shard.");
    }
}
