package dev.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.PhaseResult;

/**
 * {@code gradcheck.shard=k/n} (a CI matrix splits one check across jobs) and fast mode with its fallback, through the
 * {@code EngineTestKit}.
 */
class ShardAndFastTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A ratio as node names print it. */
    private static final String R = GradCheckExtensionTest.R;

    @TempDir
    Path reports;

    @Fixture
    static class Split {
        /** 3-4-1 with λ 0.1: W1 (12 entries), b1 (4), W2 (4), b2 (1): θ has 21 coordinates; dW2 has a factor 2. */
        static TwoLayerNet buggy() {
            return TwoLayerNet.with(TwoLayerNet.Bug.FACTOR_2_DW2);
        }

        static TwoLayerNet.Trained trained() {
            return new TwoLayerNet.Trained(3, 4, 1, 5, 0.1, 7, TwoLayerNet.Bug.SIGN_DB1);
        }

        @GradCheck("buggy")
        void split(TwoLayerNet net) {
        }

        @GradCheck(value = "buggy", fast = 8)
        void fastAttribute(TwoLayerNet net) {
        }

        @GradCheck("trained")
        void trained(TwoLayerNet.Trained net) {
        }
    }

    private EngineExecutionResults run(String method, String... config) {
        return TestKit.run(Split.class, method, reports, config);
    }

    private Path file(String name) {
        return reports.resolve(Split.class.getName()).resolve(name);
    }

    @Test
    void everyShardHasTheSameNodesAndChecksOnlyItsSlice() {
        // Shard 1/2 is coordinates [0, 10): the first 10 entries of W1. Shard 2/2 is [10, 21): the rest.
        EngineExecutionResults first = run("split", "gradcheck.shard", "1/2");
        // Every job has a node per component (stable names for CI); the blocks of other shards are aborted.
        assertThat(TestKit.names(first)).containsExactly("[init] dW1 (4×3) · shard 1/2", "[init] db1 (4×1) · shard 1/2",
                "[init] dW2 (1×4) · shard 1/2", "[init] db2 (1×1) · shard 1/2", "[report] · shard 1/2 (partial)");
        first.testEvents().assertStatistics(s -> s.started(5).succeeded(2).aborted(3).failed(0));
        assertThat(first.testEvents().aborted().stream().map(e -> TestKit.throwable(e).getMessage()))
                .contains("dW2 (1×4) has no entry in shard 1/2: another CI job's shard checks it");
        assertThat(first.testEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class))
                .map(entry -> entry.getKeyValuePairs().get("gradcheck")))
                .anyMatch(v -> v != null && v.matches("dW1 \\(4×3\\) GOOD, ratio \\d\\.\\d\\de-\\d\\d, judged \\d\\.\\d\\de-\\d\\d, 10 of 12 entries in this shard"));

        EngineExecutionResults second = run("split", "gradcheck.shard", "2/2");
        List<String> names = TestKit.names(second);
        assertThat(names).containsExactly("[init] dW1 (4×3) · shard 2/2", "[init] db1 (4×1) · shard 2/2",
                "[init] dW2 (1×4) · shard 2/2", "[init] db2 (1×1) · shard 2/2", "[report] · shard 2/2 (partial)");
        assertThat(TestKit.failedNames(second)).containsExactly("[init] dW2 (1×4) · shard 2/2");
        assertThat(TestKit.failure(second, "[init] dW2 (1×4) · shard 2/2").getMessage())
                .startsWith("net 3-4-1 FACTOR_2_DW2 [init] dW2 (1×4) BUG: ratio 3.33e-01")
                .contains("shard 2/2: coordinates [10, 21) of 21; the verdict of the whole check comes from merging");
    }

    @Test
    void shardReportsAreNamedByShardAndMergeIntoTheUnsplitReport() throws Exception {
        run("split");
        run("split", "gradcheck.shard", "1/3");
        run("split", "gradcheck.shard", "2/3");
        run("split", "gradcheck.shard", "3/3");
        JsonNode whole = JSON.readTree(file("split.json").toFile());
        assertThat(whole.has("shard")).isFalse();
        List<GradCheckReport> shards = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Path f = file("split.shard-" + k + "-of-3.json");
            JsonNode n = JSON.readTree(f.toFile());
            assertThat(n.path("shard").asText()).isEqualTo(k + "/3");
            assertThat(n.path("testMethod").asText()).isEqualTo("split");
            assertThat(Files.readString(file("split.shard-" + k + "-of-3.html"))).contains("shard " + k + "/3: a "
                    + "partial verdict");
            shards.add(GradCheckReport.fromMap(JSON.readValue(f.toFile(), new TypeReference<Map<String, Object>>() {
            })));
        }
        GradCheckReport merged = GradCheckReport.merge(shards);
        assertThat(merged.verdict().name()).isEqualTo(whole.path("verdict").asText());
        assertThat(merged.ratio()).isEqualTo(whole.path("ratio").asDouble());
        PhaseResult phase = merged.phases().get(0);
        JsonNode components = whole.path("phases").get(0).path("components");
        assertThat(phase.components()).hasSize(components.size());
        for (int c = 0; c < components.size(); c++) {
            ComponentResult mc = phase.components().get(c);
            assertThat(mc.name()).isEqualTo(components.get(c).path("name").asText());
            assertThat(mc.ratio()).isEqualTo(components.get(c).path("ratio").asDouble());
            assertThat(mc.verdict().name()).isEqualTo(components.get(c).path("verdict").asText());
        }
        assertThat(Files.readString(reports.resolve("index.html"))).contains("split (shard 2/3)");
        // Shard 1/3 is [0, 7): dW1 only. The other blocks are named as not in the shard, without a bar or a ratio.
        String page = Files.readString(file("split.shard-1-of-3.html"));
        assertThat(page).contains("<td>dW2</td><td>1×4</td><td colspan=\"5\">not in this shard</td>")
                .doesNotContain("[init] dW2");
    }

    @Test
    void fastModeFromTheAttributeFallsBackAndFailsTheRightComponent() {
        EngineExecutionResults r = run("fastAttribute");
        assertThat(TestKit.names(r)).hasSize(5);
        assertThat(TestKit.failedNames(r)).containsExactly("[init] dW2 (1×4)");
        assertThat(TestKit.failure(r, "[init] dW2 (1×4)").getMessage())
                .containsPattern("fast check: directional ratio \\S+ is BUG, so the full check ran to find the "
                        + "component");
    }

    @Test
    void fastModeFromTheConfigurationParameterFallsBackInEveryPhase() {
        EngineExecutionResults r = run("trained", "gradcheck.fast", "8");
        assertThat(TestKit.names(r)).hasSize(9);
        assertThat(TestKit.failedNames(r)).containsExactly("[init] db1 (4×1)",
                "[after 100 steps] db1 (4×1)");
        // The same model without its bug passes the fast check in both phases: one θ node per phase.
        EngineExecutionResults correct = TestKit.run(GradCheckExtensionTest.Trained.class, "net", reports,
                "gradcheck.fast", "8");
        assertThat(TestKit.names(correct)).hasSize(3);
        assertThat(TestKit.names(correct)).containsExactly("[init] θ", "[after 100 steps] θ", "[report]");
    }

    @Test
    void badShardValuesSayWhatToFix() {
        assertThat(error("split", "gradcheck.shard", "half")).isEqualTo("configuration parameter gradcheck.shard = "
                + "'half' is not a shard: a shard is written k/n (for example 2/4), got 'half'. Write k/n with 1 ≤ k ≤ "
                + "n, e.g. -Dgradcheck.shard=2/4 in the second of four CI jobs");
        assertThat(error("split", "gradcheck.shard", "5/4")).contains("gradcheck.shard = '5/4' is not a shard: a "
                + "shard is k/n with 1 ≤ k ≤ n, got 5/4");
        assertThat(error("split", "gradcheck.shard", "0/0")).contains("got 0/0");
    }

    @Test
    void fastModeAndShardsDoNotCombine() {
        assertThat(error("fastAttribute", "gradcheck.shard", "1/2")).isEqualTo("@GradCheck Split.fastAttribute"
                + "(TwoLayerNet): gradcheck.shard = 1/2 and fast mode (@GradCheck(fast = 8)) do not combine: fast mode "
                + "looks at all of θ at once. Shard the full check (set gradcheck.fast=0 in the sharded jobs, or "
                + "@GradCheck(fast = 0)), or run fast mode unsharded.");
        assertThat(error("split", "gradcheck.shard", "1/2", "gradcheck.fast", "8")).contains("fast mode "
                + "(configuration parameter gradcheck.fast = 8) do not combine");
        // fast = 0 on the command line turns it off for the sharded jobs.
        run("split", "gradcheck.shard", "1/2", "gradcheck.fast", "0").containerEvents()
                .assertStatistics(s -> s.failed(0));
    }

    private String error(String method, String... config) {
        Throwable t = TestKit.containerFailure(run(method, config));
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class);
        return t.getMessage();
    }
}
