package dev.gradcheck.nets.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.gradcheck.nets.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code check --shard/--out} and {@code merge}, through the command line as a user runs them. */
class ShardCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Runs {@code check args --shard k/n --out dir/shard-k.json} for every k; returns the files. */
    private List<String> shards(int n, String... args) {
        List<String> files = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            String file = dir.resolve("shard-" + k + ".json").toString();
            List<String> a = new ArrayList<>(List.of("check"));
            a.addAll(List.of(args));
            a.addAll(List.of("--shard", k + "/" + n, "--out", file));
            CliTest.Run r = run(a.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isIn(0, 1);
            files.add(file);
        }
        return files;
    }

    private static String[] merge(List<String> files, String... more) {
        List<String> a = new ArrayList<>(List.of("merge"));
        a.addAll(files);
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /**
     * The merged report is the unsplit one: the same verdicts and ratios (overall, per phase, per component), norms,
     * worst entries and checked entries, bit for bit, and the same exit code. Not compared: evaluations and seconds
     * (each shard evaluates J, dθ and J again at the end), and findings and hints that an unsplit check adds from work
     * that needs the whole model: the regularization split ("dW2 split: data part ...") and the ε sweep. None of the
     * cases below has a component the sweep would revise.
     */
    @ParameterizedTest(name = "{0} in {1} shards")
    @CsvSource(delimiter = '|', value = {
            "--keep-prob 0.8 --train-steps 5 | 3",
            "--layers 6,7,4,2 --loss softmax-ce --l1 0.05 --activation tanh | 4",
            "--bug DW_TRANSPOSED | 3",
            "--bug L2_GRADIENT_FORGOTTEN --train-steps 10 | 5",
            "--bug RELU_DERIVATIVE_FROM_A | 3",
            "--bug DROPOUT_NOT_SCALED | 2",
    })
    void mergedShardsGiveTheUnsplitReport(String args, int n) throws IOException {
        String[] options = args.trim().split(" ");
        List<String> a = new ArrayList<>(List.of("check", "--json"));
        a.addAll(List.of(options));
        CliTest.Run whole = run(a.toArray(String[]::new));
        CliTest.Run merged = run(merge(shards(n, options), "--json"));
        assertThat(merged.exit()).as(merged.err()).isEqualTo(whole.exit());
        JsonNode w = JSON.readTree(whole.out());
        JsonNode m = JSON.readTree(merged.out());
        assertThat(m.get("partial").asBoolean()).isFalse();
        assertThat(m.get("mergedFrom")).hasSize(n);
        assertThat(m.get("network")).isEqualTo(w.get("network"));
        assertThat(m.get("verdict")).isEqualTo(w.get("verdict"));
        assertThat(m.get("ratio").asDouble()).isEqualTo(w.get("ratio").asDouble());
        assertThat(m.get("parameters")).isEqualTo(w.get("parameters"));
        assertThat(w.get("checks")).as("one report, frozen-dropout phases included").hasSize(1);
        assertThat(m.get("checks")).hasSameSizeAs(w.get("checks"));
        assertThat(m.get("phases")).hasSameSizeAs(w.get("phases"));
        for (int c = 0; c < w.get("checks").size(); c++) {
            JsonNode wc = w.get("checks").get(c);
            JsonNode mc = m.get("checks").get(c);
            assertThat(mc.get("check")).isEqualTo(wc.get("check"));
            assertThat(mc.has("shard")).isFalse();
            assertThat(mc.get("verdict")).isEqualTo(wc.get("verdict"));
            assertThat(mc.get("phases")).hasSameSizeAs(wc.get("phases"));
            for (int p = 0; p < wc.get("phases").size(); p++) {
                JsonNode wp = wc.get("phases").get(p);
                JsonNode mp = mc.get("phases").get(p);
                for (String key : new String[] {"phase", "ratio", "verdict", "cost"}) {
                    assertThat(mp.get(key)).as(key).isEqualTo(wp.get(key));
                }
                assertThat(mp.get("components")).hasSameSizeAs(wp.get("components"));
                for (int k = 0; k < wp.get("components").size(); k++) {
                    JsonNode wk = wp.get("components").get(k);
                    JsonNode mk = mp.get("components").get(k);
                    for (String key : new String[] {"name", "ratio", "verdict", "analyticNorm", "numericalNorm",
                            "worstEntries", "checkedEntries", "nonDifferentiable"}) {
                        assertThat(mk.get(key)).as(wp.get("phase") + " " + wk.get("name") + " " + key)
                                .isEqualTo(wk.get(key));
                    }
                    // The merge recomputes every hint that comes from the pattern of the entries; the whole check
                    // may add a sentence from the regularization split or the ε sweep. Its diagnosis may also go on
                    // from what the model says about its layers (dev.gradcheck.Layered: m, keep-prob, a cause fitted
                    // to dW and db, an inherited dA), which a merge of shard files does not have: there both open
                    // with the same pattern and numbers, up to the first ':' or ';'.
                    List<String> wholeHints = new ArrayList<>();
                    wk.get("hints").forEach(h -> wholeHints.add(h.asText()));
                    List<String> mergedHints = new ArrayList<>();
                    mk.get("hints").forEach(h -> mergedHints.add(h.asText()));
                    if (!mergedHints.isEmpty() && !wholeHints.contains(mergedHints.get(0))) {
                        assertThat(wholeHints).as(wk.get("name") + " has a diagnosis").isNotEmpty();
                        if (wholeHints.get(0).contains("one dA")) {
                            // The whole check fitted a cause to the layer; the merge only counts the wrong entries.
                            assertThat(mergedHints.get(0)).as(wk.get("name") + " diagnosis").containsPattern(
                                    "judged entries of " + wk.get("name").asText() + " are wrong");
                        } else {
                            assertThat(opening(wholeHints.get(0))).as(wk.get("name") + " diagnosis")
                                    .isEqualTo(opening(mergedHints.get(0)));
                        }
                        mergedHints.remove(0);
                    }
                    assertThat(wholeHints).containsAll(mergedHints);
                }
            }
        }
    }

    /** A sentence up to its first ':' or ';': the pattern and its numbers, before what it is read as. */
    private static String opening(String sentence) {
        int colon = sentence.indexOf(':');
        int semi = sentence.indexOf(';');
        int end = colon < 0 ? semi : semi < 0 ? colon : Math.min(colon, semi);
        return end < 0 ? sentence : sentence.substring(0, end);
    }

    @Test
    void aShardSaysWhichSliceItCheckedAndThatItsVerdictIsPartial() throws IOException {
        CliTest.Run text = run("check", "--bug", "DW_TRANSPOSED", "--shard", "2/3");
        assertThat(text.exit()).isEqualTo(1); // dW2 lies in this slice, and its own entries already show the bug
        assertThat(text.out()).contains("shard 2/3: coordinates [25, 51) of 77 only. The verdict below is PARTIAL")
                .contains("merge all 3 shard reports")
                .containsPattern("(?m)^  dW1 +5×4 +not in this shard$")
                .containsPattern("(?m)^  dW2 +5×5 +6\\.24e-01 +6\\.24e-01 +BUG");
        CliTest.Run other = run("check", "--bug", "DW_TRANSPOSED", "--shard", "3/3", "--json");
        assertThat(other.exit()).isZero(); // no entry of dW2 in [51, 77)
        JsonNode json = JSON.readTree(other.out());
        assertThat(json.get("partial").asBoolean()).isTrue();
        assertThat(json.get("shard").asText()).isEqualTo("3/3");
        assertThat(json.get("coordinates").toString()).isEqualTo("{\"from\":51,\"to\":77,\"of\":77}");
        assertThat(json.get("checks").get(0).get("shard").asText()).isEqualTo("3/3");
    }

    @Test
    void outWritesTheJsonReportBesideWhatIsPrinted() throws IOException {
        Path file = dir.resolve("reports/nested/check.json");
        CliTest.Run both = run("check", "--json", "--out", file.toString());
        assertThat(both.exit()).isZero();
        assertThat(Files.readString(file).strip()).isEqualTo(both.out().strip());

        CliTest.Run text = run("check", "--bug", "DW_TRANSPOSED", "--out", file.toString());
        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).startsWith("network: ").contains("gradient check BUG");
        JsonNode json = JSON.readTree(file.toFile());
        assertThat(json.get("verdict").asText()).isEqualTo("BUG");
        assertThat(json.get("partial").asBoolean()).isFalse();
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void outThatCannotBeWrittenIsOneLineAndExitTwo() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        CliTest.Run r = run("check", "--out", notADirectory.resolve("report.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n")
                .startsWith("gradcheck check: --out " + notADirectory.resolve("report.json") + " could not be "
                        + "written: ");
    }

    @Test
    void mergeReadsShardsInAnyOrderAndPrintsTheHumanReport() {
        List<String> files = new ArrayList<>(shards(3, "--bug", "DW_TRANSPOSED"));
        java.util.Collections.reverse(files);
        CliTest.Run r = run(merge(files));
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).startsWith("merged 3 shards of network layers 4,5,5,3,1")
                .contains("gradient check BUG: ratio 2.03e-01, judged 2.03e-01 (ε 1e-07, central differences; merged from 3 shards;")
                .contains("hint dW2: dW2 is the transpose of the true gradient")
                .doesNotContain("not in this shard").doesNotContain("PARTIAL");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void mergeWritesItsJsonWithOut() throws IOException {
        Path file = dir.resolve("merged.json");
        CliTest.Run r = run(merge(shards(2, "--keep-prob", "0.8"), "--out", file.toString()));
        assertThat(r.exit()).isZero();
        // One report: the frozen-dropout phase is one of its phases, not a second check.
        assertThat(r.out()).contains("[init] GOOD").contains("[init, dropout 0.8 frozen] GOOD")
                .doesNotContain("check 1 of 2").doesNotContain("check 2 of 2");
        JsonNode json = JSON.readTree(file.toFile());
        assertThat(json.get("verdict").asText()).isEqualTo("GOOD");
        assertThat(json.get("checks")).hasSize(1);
        assertThat(json.get("checks").get(0).get("check").asText()).isEqualTo("gradient check");
        List<String> phases = new ArrayList<>();
        json.get("phases").forEach(p -> phases.add(p.get("phase").asText()));
        assertThat(phases).containsExactly("init", "init, dropout 0.8 frozen");
        assertThat(json.get("checks").get(0).get("phases")).isEqualTo(json.get("phases"));
    }

    @Test
    void aShardWithASeparateFrozenMaskCheckFromAnEarlierVersionIsRefused() throws IOException {
        // Earlier versions wrote a second entry under "checks" for networks with dropout; rebuild such a file.
        List<String> files = shards(2, "--keep-prob", "0.8");
        ObjectNode old = (ObjectNode) JSON.readTree(Path.of(files.get(1)).toFile());
        ObjectNode first = (ObjectNode) old.get("checks").get(0);
        first.put("check", "dropout off");
        ObjectNode second = first.deepCopy();
        second.put("check", "masks frozen");
        ((ArrayNode) old.get("checks")).add(second);
        Path earlier = dir.resolve("earlier-2.json");
        JSON.writeValue(earlier.toFile(), old);
        assertBadInput(run(merge(List.of(files.get(0), earlier.toString()))), earlier + " has 2 checks (dropout off, "
                + "masks frozen): it was written by an earlier gradcheck check that ran the frozen-mask check "
                + "separately");
        // The same file with its one check is merged.
        ((ArrayNode) old.get("checks")).remove(1);
        JSON.writeValue(earlier.toFile(), old);
        CliTest.Run r = run(merge(List.of(files.get(0), earlier.toString())));
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void badShardSetsAreRefusedOnOneLineNamingTheFiles() throws IOException {
        List<String> three = shards(3);
        String s1 = three.get(0);
        String s2 = three.get(1);
        String s3 = three.get(2);
        assertBadInput(run(merge(List.of(s1, s3))), "shard 2/3 missing: got 1/3 (" + s1 + "), 3/3 (" + s3 + "); merge "
                + "needs every shard of the split");
        assertBadInput(run(merge(List.of(s1, s2, s2, s3))), "shard 2/3 is given twice: " + s2 + " and " + s2);

        String other = dir.resolve("other-seed.json").toString();
        assertThat(run("check", "--seed", "2", "--shard", "2/3", "--out", other).exit()).isZero();
        assertBadInput(run(merge(List.of(s1, other, s3))), other + " checked network layers 4,5,3,1 · relu · "
                + "sigmoid-ce · λ 0.7 · he · m 3 · seed 2 but " + s1 + " checked network layers 4,5,3,1 · relu · "
                + "sigmoid-ce · λ 0.7 · he · m 3 · seed 1: shards of different models cannot be merged");

        String split2 = dir.resolve("half.json").toString();
        assertThat(run("check", "--shard", "2/2", "--out", split2).exit()).isZero();
        assertBadInput(run(merge(List.of(s1, split2))), split2 + " is shard 2/2 but " + s1 + " is shard 1/3: all "
                + "shards must come from the same split");

        // The same network checked with another ε: only the core's merge can tell, and its message gets the file.
        String otherEpsilon = dir.resolve("epsilon.json").toString();
        assertThat(run("check", "--epsilon", "1e-6", "--shard", "3/3", "--out", otherEpsilon).exit()).isZero();
        assertBadInput(run(merge(List.of(s1, s2, otherEpsilon))), "shard 3/3 (" + otherEpsilon + ") was run with "
                + "other settings");
    }

    @Test
    void unreadableFilesAreRefusedOnOneLineSayingWhichAndWhat() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertBadInput(run("merge", missing.toString()), "cannot read " + missing + ": no such file or directory");
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"ratio\": ");
        assertBadInput(run("merge", garbage.toString()), garbage + " is not JSON: ");
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        assertBadInput(run("merge", array.toString()), array + " is not a gradcheck report: the JSON is not an "
                + "object");
        Path whole = dir.resolve("whole.json");
        assertThat(run("check", "--out", whole.toString()).exit()).isZero();
        assertBadInput(run("merge", whole.toString()), whole + " is not a shard report: it has no \"shard\"");
        assertBadInput(run("merge", dir.toString()), dir + " is a directory, not a report file");
        String shard = shards(2).get(0);
        String broken = Files.readString(Path.of(shard)).replace("\"rows\" : ", "\"rows\" : \"five\", \"x\" : ");
        Path damaged = Files.writeString(dir.resolve("damaged.json"), broken);
        assertBadInput(run("merge", damaged.toString()), damaged + " is not a readable gradcheck shard report: ");
        CliTest.Run none = run("merge");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("gradcheck merge: Missing required parameter: 'FILE'");
    }

    private static void assertBadInput(CliTest.Run r, String reason) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("gradcheck merge: ").contains(reason);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }
}
