package dev.gradcheck.nets.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradcheck.junit.GradCheck;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.bugs.Bug;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The JSON {@code @GradCheck} writes with {@code gradcheck.shard=k/n} is what {@code merge} reads: a CI matrix of JUnit
 * jobs, then one merge step.
 */
class JUnitShardMergeTest {
    private static final String ENABLE = "gradcheck.test.fixtures";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    /** Run only by the test kit below (Surefire skips nested classes; an IDE shows it as disabled). */
    @ExtendWith(OnlyInTestKit.class)
    static class NetworkChecks {
        static Network transposed() {
            return Settings.forBug(Bug.DW_TRANSPOSED).build();
        }

        @GradCheck(value = "transposed", trainingSteps = 5)
        void transposed(Network net) {
        }
    }

    static final class OnlyInTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(ENABLE).isPresent() ? ConditionEvaluationResult.enabled("test kit")
                    : ConditionEvaluationResult.disabled("a fixture for JUnitShardMergeTest");
        }
    }

    private void junit(String... config) {
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(NetworkChecks.class))
                .configurationParameter(ENABLE, "true")
                .configurationParameter("gradcheck.reportDir", reports.toString());
        for (int i = 0; i + 1 < config.length; i += 2) {
            request = request.configurationParameter(config[i], config[i + 1]);
        }
        request.execute().containerEvents().assertStatistics(s -> s.failed(0));
    }

    private String file(String name) {
        return reports.resolve(NetworkChecks.class.getName()).resolve(name).toString();
    }

    @Test
    void mergeReadsTheShardsJUnitWroteAndGivesTheUnsplitReport() throws IOException {
        junit();
        for (int k = 1; k <= 3; k++) {
            junit("gradcheck.shard", k + "/3");
        }
        List<String> shards = List.of(file("transposed.shard-1-of-3.json"), file("transposed.shard-2-of-3.json"),
                file("transposed.shard-3-of-3.json"));
        CliTest.Run text = CliTest.run("merge", shards.get(2), shards.get(0), shards.get(1));
        assertThat(text.exit()).as(text.err()).isEqualTo(1);
        assertThat(text.out()).contains("merged 3 shards of model ").contains("(" + NetworkChecks.class.getName()
                + ".transposed)").contains("hint dW2: dW2 is the transpose");

        CliTest.Run json = CliTest.run("merge", shards.get(0), shards.get(1), shards.get(2), "--json");
        JsonNode merged = JSON.readTree(json.out());
        JsonNode whole = JSON.readTree(Path.of(file("transposed.json")).toFile());
        assertThat(merged.get("testMethod").asText()).isEqualTo("transposed");
        assertThat(merged.get("verdict")).isEqualTo(whole.get("verdict"));
        assertThat(merged.get("ratio")).isEqualTo(whole.get("ratio"));
        JsonNode phases = merged.get("checks").get(0).get("phases");
        assertThat(phases).hasSize(2);
        for (int p = 0; p < 2; p++) {
            assertThat(phases.get(p).get("ratio")).isEqualTo(whole.get("phases").get(p).get("ratio"));
            for (int c = 0; c < whole.get("phases").get(p).get("components").size(); c++) {
                JsonNode w = whole.get("phases").get(p).get("components").get(c);
                JsonNode m = phases.get(p).get("components").get(c);
                for (String key : new String[] {"name", "ratio", "verdict", "worstEntries"}) {
                    assertThat(m.get(key)).as(w.get("name") + " " + key).isEqualTo(w.get(key));
                }
            }
        }
    }

    @Test
    void aCliShardAndAJUnitShardOfTheSameNetworkAreNotMixedUp() throws IOException {
        junit("gradcheck.shard", "1/2");
        String cli = reports.resolve("cli-2.json").toString();
        assertThat(CliTest.run("check", "--bug", "DW_TRANSPOSED", "--train-steps", "5", "--shard", "2/2", "--out",
                cli).exit()).isEqualTo(1);
        CliTest.Run r = CliTest.run("merge", file("transposed.shard-1-of-2.json"), cli);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(cli + " checked network layers 4,5,5,3,1").contains("but "
                + file("transposed.shard-1-of-2.json") + " checked model ");
        assertThat(JSON.readValue(Path.of(cli).toFile(), Map.class)).containsKey("checks");
    }
}
