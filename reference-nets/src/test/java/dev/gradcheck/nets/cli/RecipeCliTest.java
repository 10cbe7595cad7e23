package dev.gradcheck.nets.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradcheck.nets.practice.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code recipe} on the smaller configuration of {@link Recipe.Config#small} (the command's own takes longer). */
class RecipeCliTest {

    private static CliTest.Run small(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        ((RecipeCommand) cl.getSubcommands().get("recipe").getCommand()).config = Recipe.Config.small(1);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void theTableShowsEveryRunAndTheCheckOfTheKeptNetwork() {
        CliTest.Run r = small("recipe");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("split 60/20/20: 180 train, 60 dev, 60 test")
                .contains("Bayes-error estimate 0.0%")
                .containsPattern("\\n  baseline +as is +0\\.0% +[0-9.]+% +high variance +250\\n")
                .containsPattern("\\n  l2 +L2, λ 6\\.0 ")
                .containsPattern("\\n  dropout +dropout, keep-prob 0\\.6 ")
                .containsPattern("\\n  augmentation +augmentation: flips, shifts, rotations, distortions ")
                .containsPattern("\\n  early-stopping +early stopping, patience 30 ")
                .contains("baseline: train 0.0%").contains("→ high variance")
                .contains("kept: augmentation, the lowest dev error")
                .contains("== gradient check of the kept network (augmentation), on its training set ==")
                .contains("gradient check GOOD");
        assertThat(r.err()).as("no progress line without a terminal").isEmpty();
    }

    @Test
    void jsonHasTheRunsAndTheGradientCheck() throws Exception {
        CliTest.Run r = small("recipe", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode runs = json.get("runs");
        assertThat(runs).hasSize(5);
        assertThat(runs.get(0).get("name").asText()).isEqualTo("baseline");
        assertThat(runs.get(0).get("diagnosis").asText()).isEqualTo("high-variance");
        for (JsonNode run : runs) {
            for (String key : new String[] {"name", "trainError", "devError", "diagnosis", "epochs"}) {
                assertThat(run.has(key)).as("%s of run %s", key, run.get("name")).isTrue();
            }
        }
        assertThat(runs.get(3).get("name").asText()).isEqualTo("augmentation");
        assertThat(runs.get(3).get("devError").asDouble()).isLessThan(runs.get(0).get("devError").asDouble());
        assertThat(json.get("gradientCheck").get("verdict").asText()).isEqualTo("GOOD");
        assertThat(json.get("gradientCheck").has("ratio")).isTrue();
        assertThat(json.get("split").get("train").asInt()).isEqualTo(180);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--split 50/50 | --split is three percentages train/dev/test",
            "--split 60/20/x | 'x' in --split '60/20/x' is not a number",
            "--split 60/30/20 | --split percentages must sum to 100",
            "--split 100/0/0 | every share of --split must be > 0",
            "--seed many | '--seed'",
    })
    void badOptionsGiveOneLineAndExitTwo(String args, String reason) {
        CliTest.Run r = CliTest.run(("recipe " + args.trim()).split(" "));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("gradcheck recipe: ").contains(reason.trim());
        assertThat(r.out()).isEmpty();
    }
}
