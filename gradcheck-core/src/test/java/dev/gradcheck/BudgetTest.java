package dev.gradcheck;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-phase budget and blockwise fast mode: a small model keeps the full check exactly; a model over the budget
 * is checked block by block along random directions and the full check measures only the blocks that are not GOOD,
 * as many entries as the budget allows, narrowed down by halves and sampled beyond that, and the report says so.
 */
class BudgetTest {

    /** 6,121 parameters: a full check needs about 12,300 cost evaluations, over the default budget of 10,000. */
    private static WideNet wide(WideNet.Bug bug) {
        return new WideNet(100, 60, 8, 5, bug);
    }

    private static long full(Differentiable model) {
        return 2 + Noise.EVALUATIONS + 2L * model.parameters().stream().mapToInt(ParameterBlock::size).sum();
    }

    @Test
    void aSmallModelKeepsTheFullCheckExactly() {
        GradCheckReport byDefault = GradientCheck.of(new HandNet(4, 6, 0.7, HandNet.Bug.FACTOR_2_DW2)).run();
        GradCheckReport noBudget = GradientCheck.of(new HandNet(4, 6, 0.7, HandNet.Bug.FACTOR_2_DW2)).budget(0).run();
        assertThat(byDefault.method()).isEqualTo("central differences");
        assertThat(byDefault.evaluations()).isEqualTo(noBudget.evaluations());
        assertThat(byDefault.ratio()).isEqualTo(noBudget.ratio());
        assertThat(byDefault.components()).extracting(ComponentResult::verdict)
                .containsExactlyElementsOf(noBudget.components().stream().map(ComponentResult::verdict).toList());
        assertThat(byDefault.phases().get(0).typedFindings()).noneMatch(f -> f.kind() == Finding.Kind.BUDGET);
    }

    @Test
    void aCorrectModelOverTheBudgetIsCheckedBlockwiseFastAndTheHeaderSaysSo() {
        WideNet net = wide(WideNet.Bug.NONE);
        assertThat(full(net)).as("the full check of %s", net).isGreaterThan(GradientCheck.DEFAULT_BUDGET);
        GradCheckReport r = GradientCheck.of(net).run();
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
        assertThat(r.evaluations()).as("evaluations of a correct model: noise, then 8 directions in each of 4 blocks")
                .isEqualTo(2 + Noise.EVALUATIONS + 2 * 8 * 4);
        assertThat(r.toString()).startsWith("gradient check GOOD").contains("blockwise fast: over the budget of "
                + "10,000 cost evaluations per phase, 8 random directions per block, seed 1; every block GOOD");
        assertThat(r.phases().get(0).typedFindings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.BUDGET);
            assertThat(f.sentence()).contains("6,121 parameters needs about 12,292 cost evaluations");
        });
    }

    @Test
    void aBugInAOneEntryBlockIsFoundAndTheOtherBlocksAreReportedAsOnlyDirectionallyChecked() {
        GradCheckReport r = GradientCheck.of(wide(WideNet.Bug.DB2_OFF)).run();
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.BUG);
        ComponentResult db2 = r.component("db2").orElseThrow();
        assertThat(db2.verdict()).isEqualTo(Verdict.BUG);
        assertThat(db2.checkedEntries()).isEqualTo(1);
        for (String name : new String[] {"dW1", "db1", "dW2"}) {
            ComponentResult c = r.component(name).orElseThrow();
            assertThat(c.checked()).as("%s was only checked along random directions", name).isFalse();
            assertThat(c.checkedEntries()).isZero();
            assertThat(c.notCheckedReason()).get().asString().startsWith("directional check only, GOOD: "
                    + "directional ratio");
            assertThat(c.ratio()).as("%s's ratio is its directional ratio, not a 0 of nothing measured", name)
                    .isPositive().isLessThan(1e-6);
        }
        assertThat(r.toString()).containsPattern("(?m)^  dW1 +60×100 +\\S+ +directional check only, GOOD")
                .contains("so the full check ran to find the component (db2: 1 of 1 entries measured)");
        assertThat(r.evaluations()).isLessThan(GradientCheck.DEFAULT_BUDGET);
    }

    @Test
    void anErrorInOneEntryOfABigBlockIsNarrowedDownByHalves() {
        WideNet net = wide(WideNet.Bug.ONE_ENTRY_DW1);
        GradCheckReport r = GradientCheck.of(net).budget(3_000).run();
        ComponentResult dW1 = r.component("dW1").orElseThrow();
        assertThat(dW1.verdict()).as(r.toString()).isEqualTo(Verdict.BUG);
        assertThat(dW1.worstEntries().get(0).index()).isEqualTo(net.wrongEntry);
        assertThat(dW1.checkedEntries()).isLessThanOrEqualTo(dW1.size() / 8);
        assertThat(dW1.hints()).anySatisfy(h -> assertThat(h).containsPattern("fast check: [0-9,]+ of 6,000 entries "
                + "of dW1 measured one by one; \\d+ directional checks of halves narrowed its error down to "
                + "dW1\\[\\d+, 6000\\)"));
        assertThat(r.evaluations()).as("the budget, with the explanations' re-measurements on top")
                .isLessThan(3_000 + 1_000);
    }

    @Test
    void anErrorInEveryEntryIsFoundInASeededSample() {
        GradCheckReport r = GradientCheck.of(wide(WideNet.Bug.SCALED_DW1)).budget(1_000).run();
        ComponentResult dW1 = r.component("dW1").orElseThrow();
        assertThat(dW1.verdict()).as(r.toString()).isEqualTo(Verdict.BUG);
        assertThat(dW1.checkedEntries()).isBetween(Blockwise.MIN_SAMPLE, 500);
        assertThat(dW1.hints()).anySatisfy(h -> assertThat(h).contains("entries of dW1 measured one by one; a "
                + "seeded random sample (seed 1), because the budget leaves"));
        assertThat(r.toString()).containsPattern("(?m)^  dW1 +60×100 .* BUG .* [0-9,]+ of 6,000 entries measured$");
        GradCheckReport again = GradientCheck.of(wide(WideNet.Bug.SCALED_DW1)).budget(1_000).run();
        assertThat(again.component("dW1").orElseThrow().ratio()).as("the same seed, the same sample")
                .isEqualTo(dW1.ratio());
    }

    @Test
    void aSampleThatMissesTheErrorIsInspectNeverGood() {
        // So small a budget that no halving fits: the 64 sampled entries of dW1 miss the one wrong entry.
        WideNet net = wide(WideNet.Bug.ONE_ENTRY_DW1);
        GradCheckReport r = GradientCheck.of(net).budget(200).run();
        ComponentResult dW1 = r.component("dW1").orElseThrow();
        assertThat(dW1.checkedEntries()).isEqualTo(Blockwise.MIN_SAMPLE);
        assertThat(dW1.verdict()).as(r.toString()).isEqualTo(Verdict.INSPECT);
        assertThat(dW1.findings().get(0).kind()).isEqualTo(Finding.Kind.UNRESOLVED);
        assertThat(dW1.hints().get(0)).contains("the directional check of dW1 is not GOOD").contains("the 64 of "
                + "its 6,000 entries measured are: the error is in entries the budget did not reach");
        assertThat(r.verdict()).isEqualTo(Verdict.INSPECT);
    }

    @Test
    void fastModeOnABigModelMeasuresOnlyTheBlockThatIsNotGood() {
        GradCheckReport r = GradientCheck.of(wide(WideNet.Bug.SCALED_DW1)).fast(4).run();
        assertThat(r.method()).isEqualTo("fast: 4 random directions per block, seed 1; full check where the fast "
                + "check failed");
        ComponentResult dW1 = r.component("dW1").orElseThrow();
        assertThat(dW1.verdict()).isEqualTo(Verdict.BUG);
        assertThat(dW1.checkedEntries()).as("within the default budget").isLessThan(5_000);
        assertThat(r.components().stream().filter(ComponentResult::checked).map(ComponentResult::name))
                .containsExactly("dW1");
        assertThat(r.phases().get(0).findings()).anySatisfy(f -> assertThat(f).containsPattern("fast check: "
                + "directional ratio \\S+ is BUG, so the full check ran to find the component \\(dW1: [0-9,]+ of "
                + "6,000 entries measured\\)"));
    }

    @Test
    void aTimeBudgetSwitchesByTheMeasuredTimeOfOneEvaluation() {
        GradCheckReport tight = GradientCheck.of(wide(WideNet.Bug.NONE)).budget(Duration.ofNanos(1)).run();
        assertThat(tight.method()).startsWith("blockwise fast: over the budget of 1.0E-9 s per phase");
        GradCheckReport roomy = GradientCheck.of(wide(WideNet.Bug.NONE)).budget(Duration.ofHours(1)).run();
        assertThat(roomy.method()).isEqualTo("central differences");
        assertThat(roomy.verdict()).isEqualTo(Verdict.GOOD);
    }

    @Test
    void aBlockwiseReportBecomesAMap() {
        Map<String, Object> m = GradientCheck.of(wide(WideNet.Bug.DB2_OFF)).run().toMap();
        assertThat(m.get("verdict")).isEqualTo("BUG");
        assertThat(m.get("method").toString()).contains("full check on the blocks that were not GOOD");
    }

    @Test
    void badBudgetsSayWhatIsWrong() {
        assertThatThrownBy(() -> GradientCheck.of(wide(WideNet.Bug.NONE)).budget(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the budget is a number of cost evaluations per phase, ≥ 0 (0: no budget), got -1");
        assertThatThrownBy(() -> GradientCheck.of(wide(WideNet.Bug.NONE)).budget(Duration.ZERO))
                .hasMessage("a time budget must be positive, got PT0S");
        assertThatThrownBy(() -> GradientCheck.of(wide(WideNet.Bug.NONE)).budget(5_000).shard("1/2").run())
                .hasMessageStartingWith("a budget and sharding do not combine");
        // A shard alone is the full check of its slice: the default budget does not apply to it.
        GradCheckReport shard = GradientCheck.of(wide(WideNet.Bug.NONE)).shard("1/2").run();
        assertThat(shard.method()).isEqualTo("central differences");
    }
}
