package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.LayeredNet.Activation;
import dev.gradcheck.LayeredNet.Bug;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fast mode and the budget's accounting, beyond {@link BudgetTest}: which sentences a blockwise phase carries (and
 * each once), the phase ratio of a fast check that measured nothing one by one, where the budget switches blockwise
 * checking on, how many coordinates it leaves for the full check, and that a block measured in part is not split into
 * its data and penalty parts.
 */
class BlockwiseTest {

    @Test
    void aCorrectModelInFastModeHasTheRatioOfItsDirectionsAndSaysNothingWasCheckedOneByOne() {
        PhaseResult p = GradientCheck.of(LayeredNet.small(Activation.TANH)).fast(8).run().worstPhase();
        assertThat(p.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(p.ratio()).as("the directional ratio of all blocks together").isPositive()
                .isLessThan(Thresholds.DEFAULT.good());
        assertThat(p.findings()).anySatisfy(f -> assertThat(f).startsWith("fast check, 8 random directions per block: "
                + "dW1: ").endsWith(" (components are not checked one by one in fast mode)"));
    }

    @Test
    void aFastPhaseWithABugSaysWhatItMeasuredAndEachSentenceOnce() {
        PhaseResult p = GradientCheck.of(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_FROM_VALUE, 2)).fast(8)
                .run().worstPhase();
        assertThat(p.verdict()).isEqualTo(Verdict.BUG);
        assertThat(p.findings()).anySatisfy(f -> assertThat(f).startsWith("fast check, 8 random directions per "
                + "block: dW3: ").endsWith("; these blocks were not checked one by one"));
        assertThat(p.component("dW2").orElseThrow().hints())
                .contains("fast check: all 25 entries of dW2 measured one by one");
        assertThat(p.component("dW1").orElseThrow().hints())
                .contains("fast check: all 30 entries of dW1 measured one by one");
        assertThat(p.typedFindings()).doesNotHaveDuplicates();
        assertThat(p.typedFindings()).filteredOn(f -> f.kind() == Finding.Kind.SUMMARY).singleElement()
                .extracting(Finding::sentence).isEqualTo("wrong: dW1, db1, dW2, db2");
    }

    /** 6,121 parameters, as in {@link BudgetTest}. */
    static WideNet wide(WideNet.Bug bug) {
        return new WideNet(100, 60, 8, 5, bug);
    }

    /** The cost evaluations of a full check: J and dθ, J's noise, two per coordinate. */
    static long full(Differentiable model) {
        return 2 + Noise.EVALUATIONS + 2L * model.parameters().stream().mapToInt(ParameterBlock::size).sum();
    }

    @Test
    void aBudgetOfExactlyTheFullChecksCostAllowsTheFullCheck() {
        WideNet net = wide(WideNet.Bug.NONE);
        assertThat(GradientCheck.of(net).budget(full(net)).run().method()).isEqualTo("central differences");
        assertThat(GradientCheck.of(net).budget(full(net) - 1).run().method()).startsWith("blockwise fast");
    }

    @Test
    void theBudgetLeftAfterTheDirectionsGoesThreeQuartersToCoordinatesAtFourEvaluationsEach() {
        // 1,000 evaluations: J, dθ and the noise come first, then 8 directions × 2 costs in each of the 4 blocks. A
        // quarter of the rest may narrow the error down by halves; each coordinate left costs its 2 evaluations,
        // and 2 more for the explanations' look at twice the step.
        long remaining = 1_000 - 2 - Noise.EVALUATIONS - 4 * 2 * 8;
        long coordinates = (remaining - remaining / 4) / 4;
        ComponentResult dW1 = GradientCheck.of(wide(WideNet.Bug.SCALED_DW1)).budget(1_000).run().component("dW1")
                .orElseThrow();
        assertThat(dW1.verdict()).isEqualTo(Verdict.BUG);
        // An error in every entry fails both halves: halving stops, and the sample takes all the coordinates.
        assertThat(dW1.checkedEntries()).isEqualTo((int) coordinates);
        assertThat(dW1.hints()).anySatisfy(h -> assertThat(h).contains("a seeded random sample (seed 1), because the "
                + "budget leaves " + coordinates + " coordinates for the full check"));
    }

    /** A wide {@link LayeredNet} whose L2 penalty is also given on its own. */
    static final class RegularizedWide extends LayeredNet implements Regularized {
        RegularizedWide() {
            this(20);
        }

        RegularizedWide(int inputs) {
            super(new int[] {inputs, 10, 1}, 4, Activation.TANH, 7);
            lambda(0.7).bug(Bug.L2_GRADIENT_FORGOTTEN, 1);
        }

        @Override
        public double regularizationCost() {
            double s = 0;
            for (int l = 1; l <= depth; l++) {
                for (double w : W[l]) {
                    s += w * w;
                }
            }
            return lambda / (2 * m) * s;
        }

        @Override
        public Gradients regularizationGradients() {
            Gradients.Builder g = Gradients.builder();
            for (int l = 1; l <= depth; l++) {
                double[] d = new double[W[l].length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = lambda / m * W[l][i];
                }
                g.put("W" + l, d).put("b" + l, new double[b[l].length]);
            }
            return g.build();
        }
    }

    static List<Finding> splits(PhaseResult p) {
        return p.typedFindings().stream().filter(f -> f.kind() == Finding.Kind.REGULARIZATION).toList();
    }

    @Test
    void aBlockMeasuredInPartIsNotSplitIntoDataAndPenalty() {
        PhaseResult whole = GradientCheck.of(new RegularizedWide()).budget(0).run().worstPhase();
        assertThat(whole.component("dW1").orElseThrow().verdict()).isEqualTo(Verdict.BUG);
        // 200 entries, fewer than the split's sample: all of them, and the split finds what was planted.
        assertThat(splits(whole)).singleElement().extracting(Finding::sentence).asString().startsWith("dW1 split:")
                .endsWith("dW1 is the data gradient alone: the regularization gradient (right on its own) is not "
                        + "added into dθ");
        PhaseResult part = GradientCheck.of(new RegularizedWide()).budget(300).run().worstPhase();
        ComponentResult dW1 = part.component("dW1").orElseThrow();
        assertThat(dW1.verdict()).isEqualTo(Verdict.BUG);
        assertThat(dW1.checkedEntries()).as("the premise: measured in part").isLessThan(dW1.size());
        assertThat(splits(part)).isEmpty();
    }

    @Test
    void theSplitOfABigComponentMeasuresEverySecondEntryAndTheWorstOnes() {
        // W1 has 30 × 10 = 300 entries, more than the split's 256: a stride of ⌈300 / 256⌉ = 2, plus the worst
        // entries the report lists. The split costs the penalty at θ and two penalties per sampled entry.
        PhaseResult split = GradientCheck.of(new RegularizedWide(30)).budget(0).run().worstPhase();
        LayeredNet same = new LayeredNet(new int[] {30, 10, 1}, 4, Activation.TANH, 7).lambda(0.7)
                .bug(Bug.L2_GRADIENT_FORGOTTEN, 1);
        PhaseResult plain = GradientCheck.of(same).budget(0).run().worstPhase();
        ComponentResult dW1 = split.component("dW1").orElseThrow();
        assertThat(dW1.size()).isEqualTo(300);
        long oddWorst = dW1.worstEntries().stream().filter(e -> e.index() % 2 == 1).count();
        assertThat(split.evaluations() - plain.evaluations()).isEqualTo(1 + 2 * (150 + oddWorst));
        assertThat(splits(split)).singleElement().extracting(Finding::sentence).asString()
                .endsWith("dW1 is the data gradient alone: the regularization gradient (right on its own) is not "
                        + "added into dθ");
    }
}
