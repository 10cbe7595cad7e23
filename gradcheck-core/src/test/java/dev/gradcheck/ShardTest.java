package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ShardTest {

    private static List<GradCheckReport> shards(HandNet.Bug bug, int n) {
        List<GradCheckReport> out = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            out.add(GradientCheck.of(new HandNet(21, 6, 0.7, bug)).afterTraining(5).shard(new Shard(k, n)).run());
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = HandNet.Bug.class, names = {"NONE", "FACTOR_2_DW2", "TRANSPOSED_DW2", "FORGOT_L2_GRADIENT"})
    void mergedShardsGiveExactlyTheUnsplitReport(HandNet.Bug bug) {
        GradCheckReport whole = GradientCheck.of(new HandNet(21, 6, 0.7, bug)).afterTraining(5).epsilonSweep(false)
                .run();
        GradCheckReport merged = GradCheckReport.merge(shards(bug, 3));
        assertThat(merged.verdict()).isEqualTo(whole.verdict());
        assertThat(merged.shard()).isEmpty();
        for (int p = 0; p < whole.phases().size(); p++) {
            PhaseResult a = whole.phases().get(p);
            PhaseResult b = merged.phases().get(p);
            assertThat(b.ratio()).isEqualTo(a.ratio());
            for (int c = 0; c < a.components().size(); c++) {
                ComponentResult x = a.components().get(c);
                ComponentResult y = b.components().get(c);
                assertThat(y.name()).isEqualTo(x.name());
                assertThat(y.ratio()).isEqualTo(x.ratio());
                assertThat(y.verdict()).isEqualTo(x.verdict());
                assertThat(y.numerical()).isEqualTo(x.numerical());
                assertThat(y.worstEntries()).isEqualTo(x.worstEntries());
                assertThat(y.hints()).isEqualTo(x.hints());
            }
        }
        assertThat(merged.method()).endsWith("merged from 3 shards");
    }

    @Test
    void shardsRoundTripThroughMapsAndStillMergeExactly() {
        GradCheckReport whole = GradientCheck.of(new HandNet(21, 6, 0.7, HandNet.Bug.FACTOR_2_DW2)).afterTraining(5)
                .run();
        List<GradCheckReport> read = new ArrayList<>();
        for (GradCheckReport s : shards(HandNet.Bug.FACTOR_2_DW2, 4)) {
            read.add(GradCheckReport.fromMap(s.toMap()));
        }
        GradCheckReport merged = GradCheckReport.merge(read);
        assertThat(merged.ratio()).isEqualTo(whole.ratio());
        assertThat(merged.component("dW2").orElseThrow().hints()).first().asString().contains("2.00 ×");
    }

    @Test
    void eachShardChecksItsSliceOnly() {
        List<GradCheckReport> s = shards(HandNet.Bug.NONE, 2);
        int first = s.get(0).phases().get(0).components().stream().mapToInt(ComponentResult::checkedEntries).sum();
        int second = s.get(1).phases().get(0).components().stream().mapToInt(ComponentResult::checkedEntries).sum();
        assertThat(first).isEqualTo(23);
        assertThat(second).isEqualTo(24);
        assertThat(s.get(0).phases().get(0).findings()).anySatisfy(f -> assertThat(f)
                .startsWith("shard 1/2: coordinates [0, 23) of 47"));
    }

    @Test
    void aShardsReportSaysWhichBlocksItLeftOut() {
        GradCheckReport second = shards(HandNet.Bug.NONE, 2).get(1);
        // HandNet is 4-5-3-1: W1 is coordinates [0, 20), all in shard 1/2 = [0, 23).
        assertThat(second.phases().get(0).component("dW1").orElseThrow().checkedEntries()).isZero();
        assertThat(second.toString()).containsPattern("(?m)^  dW1 +5×4 +not in this shard$")
                .doesNotContainPattern("(?m)^  dW1 .*GOOD");
        assertThat(GradCheckReport.merge(shards(HandNet.Bug.NONE, 2)).toString()).doesNotContain("not in this shard");
    }

    @Test
    void mergeRefusesMissingRepeatedAndForeignShards() {
        List<GradCheckReport> s = shards(HandNet.Bug.NONE, 3);
        assertThatThrownBy(() -> GradCheckReport.merge(s.subList(0, 2)))
                .hasMessage("cannot merge: shard(s) [3] of 3 are missing");
        assertThatThrownBy(() -> GradCheckReport.merge(List.of(s.get(0), s.get(0), s.get(2))))
                .hasMessage("shard 1/3 is given twice");
        GradCheckReport other = GradientCheck.of(new HandNet(22, 6, 0.7, HandNet.Bug.NONE)).afterTraining(5)
                .shard("3/3").run();
        assertThatThrownBy(() -> GradCheckReport.merge(List.of(s.get(0), s.get(1), other)))
                .hasMessageContaining("checked another model or other parameters");
        GradCheckReport unsplit = GradientCheck.of(new HandNet(21, 6, 0.7, HandNet.Bug.NONE)).run();
        assertThatThrownBy(() -> GradCheckReport.merge(List.of(unsplit))).hasMessageContaining("not a shard");
    }

    @Test
    void shardSyntaxAndCombinationsAreChecked() {
        assertThat(Shard.parse(" 2/4 ")).isEqualTo(new Shard(2, 4));
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("1 ≤ k ≤ n, got 0/4");
        assertThatThrownBy(() -> Shard.parse("two")).hasMessageContaining("written k/n");
        assertThatThrownBy(() -> GradientCheck.of(new HandNet(1, 4, 0, HandNet.Bug.NONE)).fast().shard("1/2").run())
                .hasMessageContaining("fast mode and sharding do not combine");
    }
}
