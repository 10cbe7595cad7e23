package dev.gradcheck.nets.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void checkWithDefaultsIsGood() {
        Run r = run("check");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("network: layers 4,5,3,1 · relu · sigmoid-ce · λ 0.7 · he · m 3 · seed 1")
                .contains("gradient check GOOD");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void checkWithEveryOptionGiven() {
        Run r = run("check", "--layers", "3,4,4,2", "--batch", "5", "--activation", "tanh", "--loss", "softmax-ce",
                "--lambda", "0.3", "--l1", "0.05", "--keep-prob", "0.9", "--init", "xavier", "--seed", "9",
                "--train-steps", "10", "--epsilon", "1e-6");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("layers 3,4,4,2 · tanh · softmax-ce · λ 0.3 · λ₁ 0.05 · keep-prob 0.9 · xavier "
                + "· m 5 · seed 9").contains("[after 10 steps] GOOD").contains("[after 10 steps, dropout 0.9 frozen] GOOD")
                .contains("ε 1e-06");
    }

    @Test
    void checkWithABugExitsOne() {
        Run r = run("check", "--bug", "DW_TRANSPOSED");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("gradient check BUG").contains("transpose");
    }

    @Test
    void aDropoutBugIsCaughtWithFrozenMasks() {
        Run r = run("check", "--bug", "dropout-not-scaled");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("keep-prob 0.8").contains("[init, dropout 0.8 frozen] BUG")
                .contains("gradient check BUG").doesNotContain("check 1 of 2").doesNotContain("check 2 of 2");
    }

    @Test
    void jsonHasTheContractKeys() throws Exception {
        Run r = run("check", "--json", "--train-steps", "5");
        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (String key : new String[] {"ratio", "verdict", "parameters", "evaluations", "seconds", "components"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("verdict").asText()).isEqualTo("GOOD");
        assertThat(json.get("parameters").asInt()).isEqualTo(5 * 4 + 5 + 3 * 5 + 3 + 3 + 1);
        assertThat(json.get("components").get(0).get("name").asText()).isEqualTo("dW1");
        assertThat(json.get("components").get(0).has("ratio")).isTrue();
        assertThat(json.get("components").get(0).has("verdict")).isTrue();
        assertThat(json.get("phases")).hasSize(2);
    }

    @Test
    void jsonOfABugNamesTheExpectedComponent() throws Exception {
        Run r = run("check", "--json", "--bug", "L2_COST_TERM_MISSING");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("verdict").asText()).isEqualTo("BUG");
        assertThat(json.get("bug").get("expectedComponent").asText()).isEqualTo("dW4");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--activation swish | expected relu, leaky-relu, tanh, sigmoid or linear, got 'swish'",
            "--loss hinge | expected sigmoid-ce, softmax-ce or mse",
            "--init zeros | expected he, xavier or glorot",
            "--layers 4,x,1 | 'x' in '4,x,1' is not a whole number",
            "--layers 4 | at least two comma-separated sizes",
            "--layers 4,0,1 | every layer size must be ≥ 1",
            "--batch 0 | --batch must be ≥ 1",
            "--batch three | '--batch'",
            "--keep-prob 1.5 | --keep-prob must be in (0, 1]",
            "--lambda -1 | --lambda must be a finite number ≥ 0",
            "--epsilon 0.5 | --epsilon must be in (0, 0.01]",
            "--train-steps -3 | --train-steps must be ≥ 0",
            "--bug NOPE | no catalogue bug 'NOPE'",
            "--loss softmax-ce | softmax-ce needs at least 2 output units",
            "--bug DROPOUT_NOT_SCALED --keep-prob 1 | needs dropout",
            "--bug DW_TRANSPOSED --layers 4,5,3,1 | needs a square layer",
            "--frobnicate | Unknown option: '--frobnicate'",
            "--shard 0/4 | Invalid value for option '--shard': a shard is k/n with 1 ≤ k ≤ n, got 0/4",
            "--shard 5/4 | a shard is k/n with 1 ≤ k ≤ n, got 5/4",
            "--shard half | a shard is written k/n (for example 2/4), got 'half'",
            "--fast 0 | --fast is a number of random directions, ≥ 1",
            "--fast many | '--fast'",
            "--threads 0 | --threads must be ≥ 1, got 0",
            "--fast 8 --shard 1/2 | --fast and --shard do not combine",
    })
    void badOptionsGiveOneLineAndExitTwo(String args, String reason) {
        Run r = run(("check " + args.trim()).split(" "));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("gradcheck check: ").contains(reason.trim());
        assertThat(r.err()).doesNotContain("Usage").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void noCommandIsABadOption() {
        Run r = run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("gradcheck: missing command: demo, check, recipe or merge (see gradcheck --help)");
        Run unknown = run("train");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip()).doesNotContain("\n").contains("'train'");
    }

    @Test
    void helpExitsZero() {
        Run r = run("check", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--layers").contains("--keep-prob").contains("--json").contains("--shard=K/N")
                .contains("--fast=D").contains("--precise").contains("--threads=N").contains("--out=FILE");
        Run merge = run("merge", "--help");
        assertThat(merge.exit()).isZero();
        assertThat(merge.out()).contains("FILE...").contains("--json").contains("--out=FILE");
    }

    @Test
    void demoCatchesEveryBug() {
        Run r = run("demo");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("dropout off for the check: keep-prob forced from 0.8 to 1.0")
                .contains("[after 100 steps] GOOD")
                .contains("bugs caught and localized: 14 of 14; correct network passes")
                .contains("correct network: GOOD (worst phase [")
                .doesNotContain(" NO\n").doesNotContain("check 2 of 2");
        // The two dropout bugs, and only they, are BUG in the frozen-dropout phase alone, and the demo says so.
        String note = "with dropout off (keep-prob forced to 1.0) the check is GOOD: the mask is all ones, so the bug "
                + "only shows with the masks frozen at keep-prob 0.8, in [init, dropout 0.8 frozen]:";
        assertThat(r.out().split("\n")).filteredOn(line -> line.startsWith("with dropout off")).containsExactly(note,
                note);
        assertThat(r.out()).contains("DROPOUT_MASK_NOT_APPLIED in layer 3; expected in dW3\n" + note)
                .contains("DROPOUT_NOT_SCALED in layer 1; expected in dW1\n" + note);
    }
}
