package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which pattern {@link Hints} recognises in a wrong component, asserted by the numbers its sentence carries (the
 * factor, the shape, the counts, the rows) and by which patterns get a sentence of their own, not by wording.
 */
class HintsPatternsTest {

    static ComponentData block(int rows, int cols, double[] w, double[] analytic, double[] numerical) {
        int n = rows * cols;
        double[] step = new double[n];
        boolean[] selected = new boolean[n];
        java.util.Arrays.fill(step, 1e-7);
        java.util.Arrays.fill(selected, true);
        return new ComponentData("W", rows, cols, w, analytic, numerical.clone(), numerical.clone(),
                numerical.clone(), numerical.clone(), step, selected);
    }

    /** The diagnosis as a list: empty when Hints names no pattern (it gives at most one sentence). */
    static List<String> hintsOf(ComponentData d, double[] reference, boolean[] excluded, double noiseNorm) {
        String h = Hints.of(d, reference, excluded, noiseNorm);
        return h == null ? List.of() : List.of(h);
    }

    static List<String> hints(int rows, int cols, double[] w, double[] a, double[] n) {
        return hintsOf(block(rows, cols, w, a, n), n, new boolean[a.length], 1e-12);
    }

    static final double[] N = {0.3, -1.2, 2.0, 0.7, -0.4, 1.1};
    static final double[] W = {0.5, -0.25, 1.5, -2.0, 0.75, 0.1};

    static double[] times(double[] v, double k) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] *= k;
        }
        return r;
    }

    /** The factor sentence with its factor taken out: what kind of factor it names. */
    static String kindOfFactor(double k) {
        return Hints.factorSentence("dW", k).replace(Hints.fmtK(k), "K");
    }

    @Test
    void aConstantFactorIsNamedWithItsValue() {
        for (double k : new double[] {3, 0.25, -2.5, 1.7, 2, 0.5, 0.3, 40}) {
            List<String> h = hints(2, 3, W, times(N, k), N);
            assertThat(h).as("factor %s", k).singleElement().asString().contains("dW").contains(Hints.fmtK(k));
        }
        assertThat(Hints.fmtK(3)).isEqualTo("3.00");
        assertThat(Hints.fmtK(0.001234)).isEqualTo("0.00123");
        assertThat(Hints.fmtK(1234.5)).isEqualTo("1.23e+03");
        assertThat(Hints.fmtK(-0.5)).isEqualTo("-0.50");
    }

    @Test
    void agreementUpToOnePercentIsNoFactor() {
        List<String> h = hints(2, 3, W, times(N, 1.005), N);
        assertThat(h).noneSatisfy(s -> assertThat(s).contains(Hints.fmtK(1.005)));
    }

    @Test
    void eachKindOfFactorHasItsOwnExplanation() {
        // A sign flip, a stray 2, a stray ½, a missing 1/m (an integer), one 1/m too many (1/integer), a negative
        // scale, anything else: seven kinds, told apart whatever the wording.
        List<String> kinds = List.of(kindOfFactor(-1), kindOfFactor(2), kindOfFactor(0.5), kindOfFactor(3),
                kindOfFactor(0.25), kindOfFactor(-2.5), kindOfFactor(1.7));
        assertThat(kinds).doesNotHaveDuplicates();
        assertThat(kindOfFactor(64)).as("integers alike").isEqualTo(kindOfFactor(3).replace("3", "64"));
        assertThat(kindOfFactor(1.0 / 32)).isEqualTo(kindOfFactor(0.25).replace("4", "32"));
        assertThat(kindOfFactor(3.3)).as("3.3 is no integer").isEqualTo(kindOfFactor(1.7));
        assertThat(kindOfFactor(2.4)).as("below 2.5 no batch size is guessed").isEqualTo(kindOfFactor(1.7));
        assertThat(kindOfFactor(0.3)).as("0.3 is no 1/integer").isEqualTo(kindOfFactor(1.7));
        assertThat(kindOfFactor(0.45)).as("0.45 is no stray ½").isEqualTo(kindOfFactor(1.7));
        assertThat(kindOfFactor(2.03)).as("2.03 is no stray 2").isEqualTo(kindOfFactor(1.7));
        assertThat(kindOfFactor(-1.03)).as("-1.03 is no sign flip").isEqualTo(kindOfFactor(-2.5));
        assertThat(kindOfFactor(0.5 + 1e-3)).as("½ within 5e-3").isEqualTo(kindOfFactor(0.5).replace("0.50", "K"));
        assertThat(kindOfFactor(-1)).doesNotContain("K");
    }

    @Test
    void anAllZeroBlockIsSaidWithTheNormItMisses() {
        double[] n = {3, 4, 0, 0, 0, 0};
        List<String> h = hints(2, 3, W, new double[6], n);
        assertThat(h).singleElement().asString().contains("dW").contains(Hints.fmt(5));
    }

    @Test
    void aGradientWhereJDoesNotDependIsSaidWithItsNorm() {
        double[] a = {0, 0, 3, 4, 0, 0};
        List<String> h = hintsOf(block(2, 3, W, a, new double[6]), new double[6], new boolean[6], 1e-3);
        assertThat(h).singleElement().asString().contains(Hints.fmt(5));
        List<String> noisy = hintsOf(block(2, 3, W, new double[] {0, 0, 1e-4, 0, 0, 0}, new double[6]),
                new double[6], new boolean[6], 1e-3);
        assertThat(noisy).as("below the noise nothing is claimed").noneSatisfy(s -> assertThat(s)
                .contains(Hints.fmt(1e-4)));
    }

    @Test
    void aTransposedBlockIsRecognisedWithItsShape() {
        // The analytic 2×3 block holds the 3×2 gradient's entries: a[i] = n[(i % 2)·3 + i / 2].
        double[] a = new double[6];
        for (int i = 0; i < 6; i++) {
            a[i] = N[(i % 2) * 3 + i / 2];
        }
        List<String> h = hints(2, 3, W, a, N);
        assertThat(h).singleElement().asString().contains("2×3");
        // The same values in a 1×6 block are no transpose.
        assertThat(hints(1, 6, W, a, N)).noneSatisfy(s -> assertThat(s).contains("×"));
        // Equal entries are their own transpose: nothing to say about a transpose then.
        double[] same = {1, 1, 1, 1, 1, 1};
        assertThat(hints(2, 3, W, times(same, 3), same)).singleElement().asString().contains("3.00");
    }

    @Test
    void aMissingOrExtraL2TermIsNamedWithItsCoefficient() {
        double[] extra = N.clone();
        double[] missing = N.clone();
        for (int i = 0; i < 6; i++) {
            extra[i] += 0.35 * W[i];
            missing[i] -= 0.35 * W[i];
        }
        String added = hints(2, 3, W, extra, N).get(0);
        String lacking = hints(2, 3, W, missing, N).get(0);
        assertThat(added).contains("0.35").contains("W");
        assertThat(lacking).contains("-0.35").contains(Hints.fmt(0.35));
        assertThat(added.replace("0.35", "")).isNotEqualTo(lacking.replace("-0.35", "").replace(Hints.fmt(0.35), ""));
    }

    @Test
    void aMissingL1TermIsNamedWithItsCoefficient() {
        double[] missing = N.clone();
        for (int i = 0; i < 6; i++) {
            missing[i] -= 0.2 * Math.signum(W[i]);
        }
        String l1 = hints(2, 3, W, missing, N).get(0);
        assertThat(l1).contains("-0.20").contains("sign(W)");
        double[] l2 = N.clone();
        for (int i = 0; i < 6; i++) {
            l2[i] -= 0.2 * W[i];
        }
        assertThat(hints(2, 3, W, l2, N).get(0)).doesNotContain("sign(W)");
    }

    @Test
    void errorsInAFewEntriesAreCountedAndPlaced() {
        double[] a = N.clone();
        a[4] *= 1.5;
        assertThat(hints(2, 3, W, a, N)).singleElement().asString().contains("1 of 6").contains("1");
        // Rows: entry 4 of a 2×3 block is row 1.
        String rows = hints(2, 3, W, a, N).get(0);
        assertThat(rows).containsPattern("1 of 6.* 1 ");
        // Both rows wrong, one column: the column is named.
        double[] col = N.clone();
        col[1] *= 1.5;
        col[4] *= 1.3;
        String cols = hints(2, 3, W, col, N).get(0);
        assertThat(cols).contains("2 of 6").containsPattern("\\b1\\b.*only");
        assertThat(cols).isNotEqualTo(rows.replace("1 of 6", "2 of 6"));
        // More than half wrong, no constant factor: another sentence.
        double[] many = N.clone();
        many[0] *= 1.5;
        many[1] *= -2;
        many[2] *= 1.1;
        many[3] *= 3;
        String widespread = hints(2, 3, W, many, N).get(0);
        assertThat(widespread).contains("4 of 6").doesNotContain("only");
        // A tiny relative difference (below 1e-3) is not counted as wrong.
        double[] tiny = N.clone();
        tiny[0] *= 1 + 1e-4;
        tiny[5] *= 1.5;
        assertThat(hints(2, 3, W, tiny, N).get(0)).contains("1 of 6");
    }

    @Test
    void manyWrongRowsAreAbbreviated() {
        int rows = 20;
        double[] n = new double[rows * 2];
        double[] w = new double[rows * 2];
        for (int i = 0; i < n.length; i++) {
            n[i] = 0.1 * (i + 1);
            w[i] = (i % 3) - 1;
        }
        double[] a = n.clone();
        for (int r = 0; r < 10; r++) {
            a[2 * r] *= 1 + 0.1 * (r + 1);
        }
        String h = hints(rows, 2, w, a, n).get(0);
        assertThat(h).contains("10 of 40").contains("0, 1, 2, 3, 4, 5, 6, 7, …").doesNotContain("8, 9");
    }

    @Test
    void excludedEntriesAreLeftOutOfEveryPattern() {
        double[] a = times(N, 3);
        a[2] = 100;
        boolean[] excluded = new boolean[6];
        excluded[2] = true;
        List<String> h = hintsOf(block(2, 3, W, a, N), N, excluded, 1e-12);
        assertThat(h).singleElement().asString().contains("3.00");
    }
}
