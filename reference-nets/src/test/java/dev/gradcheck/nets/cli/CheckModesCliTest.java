package dev.gradcheck.nets.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.gradcheck.nets.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code check --fast}, {@code --precise} and {@code --threads} through the command line. */
class CheckModesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fastModeOnACorrectNetworkNeedsNoFullCheckAndSaysSo() throws IOException {
        CliTest.Run r = run("check", "--fast", "8", "--train-steps", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("fast mode: 8 random directions (seed 1): GOOD in every phase, so no full check "
                + "was needed").contains("fast: 8 random directions per block, seed 1; 47 parameters, 292 cost evaluations");
        JsonNode json = JSON.readTree(run("check", "--fast", "8", "--json").out());
        assertThat(json.get("fast").get("directions").asInt()).isEqualTo(8);
        assertThat(json.get("fast").get("fullCheckIn")).isEmpty();
        assertThat(json.get("parameters").asInt()).isEqualTo(47);
        assertThat(json.get("components")).isEmpty();
    }

    @Test
    void fastModeFallsBackToTheFullCheckOnABugAndNamesTheComponent() throws IOException {
        CliTest.Run r = run("check", "--fast", "8", "--bug", "DW_TRANSPOSED");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("fast mode: 8 random directions (seed 1): the directional check was not GOOD in "
                + "[init], so the full check ran there (below)")
                .contains("so the full check ran to find the component")
                .containsPattern("(?m)^  dW2 +5×5 +6\\.24e-01 +6\\.24e-01 +BUG")
                .contains("hint dW2: dW2 is the transpose");
        JsonNode json = JSON.readTree(run("check", "--fast", "8", "--bug", "DW_TRANSPOSED", "--json").out());
        assertThat(json.get("fast").get("fullCheckIn").toString()).isEqualTo("[\"[init]\"]");
        assertThat(json.get("verdict").asText()).isEqualTo("BUG");
    }

    @Test
    void fastModeFallsBackInTheFrozenDropoutPhaseForADropoutBug() throws IOException {
        // With dropout off the mask is all ones and the directional check passes; only the frozen phase falls back.
        JsonNode json = JSON.readTree(run("check", "--fast", "4", "--bug", "DROPOUT_NOT_SCALED", "--json").out());
        assertThat(json.get("verdict").asText()).isEqualTo("BUG");
        assertThat(json.get("fast").get("fullCheckIn").toString()).isEqualTo("[\"[init, dropout 0.8 frozen]\"]");
        CliTest.Run text = run("check", "--fast", "4", "--bug", "DROPOUT_NOT_SCALED");
        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).contains("the directional check was not GOOD in [init, dropout 0.8 frozen], so the "
                + "full check ran there (below)").doesNotContain("masks frozen)");
    }

    @Test
    void preciseModeUsesTheFivePointStencil() throws IOException {
        JsonNode json = JSON.readTree(run("check", "--precise", "--json").out());
        assertThat(json.get("verdict").asText()).isEqualTo("GOOD");
        assertThat(json.get("method").asText()).startsWith("precise: five-point stencil");
        assertThat(json.get("ratio").asDouble()).isLessThan(1e-10);
        assertThat(json.get("precise").asBoolean()).isTrue();
        JsonNode central = JSON.readTree(run("check", "--json").out());
        assertThat(central.get("ratio").asDouble()).isGreaterThan(1e-10);
    }

    @Test
    void threadsAreAccepted() throws IOException {
        // 47 parameters: fewer than two workers' worth (64 coordinates each), so this runs on one thread and is exact.
        JsonNode one = JSON.readTree(run("check", "--json").out());
        JsonNode two = JSON.readTree(run("check", "--json", "--threads", "2").out());
        assertThat(two.get("ratio")).isEqualTo(one.get("ratio"));
        assertThat(two.get("components")).isEqualTo(one.get("components"));
    }

    @Test
    void threadsGiveBitIdenticalResults() throws IOException {
        // 451 parameters: three workers of ≥ 64 coordinates each.
        String[] net = {"check", "--json", "--layers", "10,20,10,1", "--train-steps", "2"};
        JsonNode one = JSON.readTree(run(concat(net, "--threads", "1")).out());
        for (int attempt = 0; attempt < 5; attempt++) {
            JsonNode three = JSON.readTree(run(concat(net, "--threads", "3")).out());
            for (int p = 0; p < one.get("phases").size(); p++) {
                assertThat(three.get("phases").get(p).get("ratio")).isEqualTo(one.get("phases").get(p).get("ratio"));
                assertThat(three.get("phases").get(p).get("components"))
                        .isEqualTo(one.get("phases").get(p).get("components"));
            }
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
