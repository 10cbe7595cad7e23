package dev.gradcheck;

import static dev.gradcheck.HintsPatternsTest.N;
import static dev.gradcheck.HintsPatternsTest.W;
import static dev.gradcheck.HintsPatternsTest.block;
import static dev.gradcheck.HintsPatternsTest.times;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A constant factor read as what a {@link Layered} model reports for the block's layer: m, 1/m, m/(m−1), (m−1)/m,
 * keep-prob or 1/keep-prob. Without the facts the same factors get the block-level guesses; a factor that is none of
 * these keeps them too. Each case puts k × the numerical gradient into a 2×3 block and reads the one sentence.
 */
class NamedFactorsTest {

    static LayerFacts facts(int m, double keep) {
        return new LayerFacts(2, "W", "b", 2, 3, m, null, null, "relu", z -> Math.max(0, z), z -> z > 0 ? 1 : 0,
                null, keep);
    }

    static String sentence(double k, LayerFacts f) {
        return Hints.pattern(block(2, 3, W, times(N, k), N), N, new boolean[6], 1e-12, f);
    }

    @Test
    void theBatchSize() {
        assertThat(sentence(8, facts(8, 1))).contains("8.00 ×").contains("equal to m = 8, the batch size the model "
                + "reports: the 1/m is missing");
        // Without the facts the same factor is a guess.
        assertThat(sentence(8, null)).contains("a batch of m = 8 examples?").doesNotContain("the model reports");
        // m = 2 is read as m, not as a stray 2, when the model says m is 2.
        assertThat(sentence(2, facts(2, 1))).contains("equal to m = 2").doesNotContain("stray");
        // A factor 0.2 % off m is not m.
        assertThat(sentence(8 * 1.002, facts(8, 1))).doesNotContain("equal to m");
        assertThat(sentence(8 * 1.0005, facts(8, 1))).contains("equal to m = 8");
    }

    @Test
    void oneOverTheBatchSize() {
        assertThat(sentence(1.0 / 8, facts(8, 1))).contains("equal to 1/m with m = 8: divided by m once too often");
        assertThat(sentence(1.0 / 8 * 1.002, facts(8, 1))).doesNotContain("equal to 1/m");
        assertThat(sentence(1.0 / 8, facts(9, 1))).doesNotContain("equal to 1/m");
    }

    @Test
    void mOverMMinusOneAndItsInverse() {
        assertThat(sentence(8 / 7.0, facts(8, 1))).contains("equal to m/(m−1) = 8/7: a per-example scale divides by "
                + "m − 1");
        assertThat(sentence(7 / 8.0, facts(8, 1))).contains("equal to (m−1)/m = 7/8: a per-example scale divides by "
                + "m where the cost averages over m − 1");
        assertThat(sentence(8 / 7.0 + 2e-4, facts(8, 1))).doesNotContain("m/(m−1)");
        assertThat(sentence(7 / 8.0 + 2e-4, facts(8, 1))).doesNotContain("(m−1)/m");
        // With m = 3: 3/2 and 2/3.
        assertThat(sentence(1.5, facts(3, 1))).contains("equal to m/(m−1) = 3/2");
        assertThat(sentence(2 / 3.0, facts(3, 1))).contains("equal to (m−1)/m = 2/3");
    }

    @Test
    void theKeepProbAndItsInverse() {
        assertThat(sentence(0.8, facts(8, 0.8))).contains("0.80 ×").contains("equal to keep-prob 0.80 of layer 2: "
                + "dA[2] is multiplied by the mask but not divided by keep-prob");
        assertThat(sentence(1.25, facts(8, 0.8))).contains("1.25 ×").contains("equal to 1/keep-prob = 1/0.80 of layer "
                + "2: dA[2] is divided by keep-prob twice");
        assertThat(sentence(0.8 + 2e-4, facts(8, 0.8))).doesNotContain("keep-prob 0.80");
        assertThat(sentence(1.25 + 2e-4, facts(8, 0.8))).doesNotContain("1/keep-prob");
        // Without dropout no factor is read as keep-prob.
        assertThat(sentence(0.8, facts(8, 1))).doesNotContain("equal to keep-prob");
    }

    @Test
    void aFactorTheFactsDoNotNameKeepsTheBlockLevelReading() {
        assertThat(sentence(2, facts(8, 0.8))).contains("a stray 2");
        assertThat(sentence(-1, facts(8, 0.8))).contains("sign flip");
        assertThat(sentence(1.7, facts(8, 0.8))).contains("1.70 ×").contains("check every scale");
    }

    @Test
    void aSingleEntryTakesOnlyAFactorThatNamesACause() {
        // One judged entry fits any factor: 8 counts when the model says m = 8, 1.7 never does.
        double[] w = {0.5};
        double[] n = {0.3};
        ComponentData one = block(1, 1, w, new double[] {8 * 0.3}, n);
        assertThat(Hints.pattern(one, n, new boolean[1], 1e-12, facts(8, 1))).contains("in its one judged entry")
                .contains("equal to m = 8");
        assertThat(Hints.pattern(one, n, new boolean[1], 1e-12, null)).isNull();
        ComponentData odd = block(1, 1, w, new double[] {1.7 * 0.3}, n);
        assertThat(Hints.pattern(odd, n, new boolean[1], 1e-12, facts(8, 1))).isNull();
        for (double k : new double[] {-1, 2, 0.5}) {
            ComponentData c = block(1, 1, w, new double[] {k * 0.3}, n);
            assertThat(Hints.pattern(c, n, new boolean[1], 1e-12, null)).as("factor %s", k)
                    .contains("in its one judged entry");
        }
    }
}
