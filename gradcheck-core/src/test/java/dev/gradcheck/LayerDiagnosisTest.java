package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.LayeredNet.Activation;
import dev.gradcheck.LayeredNet.Bug;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Layered} model's facts add to the diagnosis of a failing layer: factors read as the m or keep-prob
 * the model reports, the named cause in dZ of the highest failing layer (fitted over dW and db together), and below
 * it, whether the layer's own correct backprop explains what it got. Each bug is planted in {@link LayeredNet}, so
 * the right answer is known; the sentences are asserted by the cause they name and the numbers they carry, which
 * follow from the net's shape (units, inputs, m) and the planted factor.
 */
class LayerDiagnosisTest {

    static GradCheckReport check(LayeredNet net) {
        return GradientCheck.of(net).run();
    }

    static List<String> buggy(PhaseResult p) {
        return p.components().stream().filter(c -> c.verdict() == Verdict.BUG).map(ComponentResult::name).toList();
    }

    static String diagnosis(PhaseResult p, String component) {
        return p.component(component).orElseThrow().diagnosis().orElse("");
    }

    /** The diagnosis before the runner-up cause it may name. */
    static String head(String diagnosis) {
        int i = diagnosis.indexOf("; the next cause");
        return i < 0 ? diagnosis : diagnosis.substring(0, i);
    }

    @Test
    void correctLayeredModelsAreGoodWithNoDiagnosis() {
        for (Activation g : List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID)) {
            GradCheckReport r = check(LayeredNet.small(g).lambda(0.7).withKeepProb(0.8));
            assertThat(r.verdict()).as("%s: %s", g, r).isEqualTo(Verdict.GOOD);
            assertThat(r.phases()).as("the frozen-dropout phase is checked too").hasSize(2);
            for (PhaseResult p : r.phases()) {
                assertThat(p.components()).as("%s %s", g, p.phase()).allSatisfy(c ->
                        assertThat(c.diagnosis()).isEmpty());
                assertThat(p.typedFindings()).noneMatch(f -> f.kind() == Finding.Kind.ORIGIN);
            }
        }
    }

    // ---- factors read as what the model reports ----

    @Test
    void aMissingOneOverMIsReadAsTheBatchSizeTheModelReports() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.DW_MISSING_1_OVER_M, 3)).worstPhase();
        assertThat(buggy(p)).containsExactly("dW3");
        // m = 4: the factor is 4 and is read as m, not guessed.
        assertThat(diagnosis(p, "dW3")).contains("dW3 = 4.00 × the numerical gradient in all 5 judged entries")
                .contains("equal to m = 4, the batch size the model reports");
    }

    @Test
    void aOneEntryBiasWithTheFactorMIsStillNamedBecauseTheModelSaysWhatMIs() {
        // db3 has a single entry: one entry fits any factor, so only a factor that names a cause by itself counts,
        // and m counts only because the model reports it.
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.DW_AND_DB_MISSING_1_OVER_M, 3)).worstPhase();
        assertThat(buggy(p)).containsExactly("dW3", "db3");
        assertThat(diagnosis(p, "db3")).contains("db3 = 4.00 × the numerical gradient in its one judged entry")
                .contains("equal to m = 4");
    }

    @Test
    void aOneEntryBiasWithTheFactorMIsNotNamedWhenTheModelSaysNothingOfItsLayers() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.DW_AND_DB_MISSING_1_OVER_M, 3)
                .facts(f -> List.of())).worstPhase();
        assertThat(buggy(p)).containsExactly("dW3", "db3");
        assertThat(diagnosis(p, "db3")).doesNotContain("4.00 ×");
        // Five entries are evidence enough for a factor, read as a guess at m.
        assertThat(diagnosis(p, "dW3")).contains("4.00 ×").contains("a batch of m = 4 examples?")
                .doesNotContain("the model reports");
        assertThat(p.typedFindings()).noneMatch(f -> f.kind() == Finding.Kind.ORIGIN);
    }

    @Test
    void oneOverMTooManyIsReadWithTheReportedM() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.DW_DIVIDED_BY_M_TWICE, 2)).worstPhase();
        assertThat(buggy(p)).containsExactly("dW2");
        assertThat(diagnosis(p, "dW2")).contains("dW2 = 0.25 ×").contains("equal to 1/m with m = 4")
                .contains("divided by m once too often");
    }

    @Test
    void aDivisionByMMinusOneIsReadAsMOverMMinusOne() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.DW_OVER_M_MINUS_1, 1)).worstPhase();
        assertThat(buggy(p)).containsExactly("dW1");
        assertThat(diagnosis(p, "dW1")).contains("dW1 = 1.33 ×").contains("equal to m/(m−1) = 4/3");
    }

    @Test
    void aMissingOneOverMInDbIsReadAsTheBatchSize() {
        PhaseResult p = check(LayeredNet.small(Activation.RELU).bug(Bug.DB_MISSING_1_OVER_M, 1)).worstPhase();
        assertThat(buggy(p)).containsExactly("db1");
        assertThat(diagnosis(p, "db1")).contains("db1 = 4.00 ×").contains("equal to m = 4");
    }

    @Test
    void aStrayTwoIsAStrayTwo() {
        PhaseResult p = check(LayeredNet.small(Activation.RELU).bug(Bug.STRAY_FACTOR_2, 1)).worstPhase();
        assertThat(buggy(p)).containsExactly("dW1");
        assertThat(diagnosis(p, "dW1")).contains("dW1 = 2.00 ×").contains("a stray 2");
    }

    @Test
    void aMissingDivisionByKeepProbIsReadAsTheReportedKeepProb() {
        // keep-prob 0.8: dZ1 = 0.8 × the true one, so dW1 and db1 are 0.8 × theirs, with the masks frozen only.
        GradCheckReport r = check(LayeredNet.small(Activation.TANH).withKeepProb(0.8).bug(Bug.NOT_SCALED, 1));
        assertThat(r.phases().get(0).verdict()).as("dropout off: the bug cannot show").isEqualTo(Verdict.GOOD);
        PhaseResult p = r.phases().get(1);
        assertThat(p.phase().isFrozenDropout()).isTrue();
        assertThat(buggy(p)).containsExactly("dW1", "db1");
        assertThat(diagnosis(p, "dW1")).contains("dW1 = 0.80 ×").contains("equal to keep-prob 0.80 of layer 1")
                .contains("not divided by keep-prob");
    }

    // ---- block patterns, unchanged by the facts ----

    @Test
    void aForgottenL2GradientIsNamedWithLambdaOverM() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).lambda(0.7).bug(Bug.L2_GRADIENT_FORGOTTEN, 1))
                .worstPhase();
        assertThat(buggy(p)).containsExactly("dW1");
        // λ/m = 0.7 / 4.
        assertThat(diagnosis(p, "dW1")).contains("is missing from dW1").contains("λ/m ≈ " + Hints.fmt(0.7 / 4));
    }

    @Test
    void aTransposedSquareDwIsATranspose() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.DW_TRANSPOSED, 2)).worstPhase();
        assertThat(buggy(p)).containsExactly("dW2");
        assertThat(diagnosis(p, "dW2")).contains("transpose of the true gradient (5×5");
    }

    @Test
    void aBiasSummedOverAllAxesIsNamed() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.DB_SUMMED_OVER_ALL_AXES, 2)).worstPhase();
        assertThat(buggy(p)).containsExactly("db2");
        assertThat(diagnosis(p, "db2")).contains("has 5 judged entries, all equal to")
                .contains("over its 5 entries: the sum ran over every example and unit");
    }

    @Test
    void aFlippedOutputSignIsASignFlipInEveryComponent() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.OUTPUT_DZ_SIGN_FLIPPED, 3)).worstPhase();
        assertThat(buggy(p)).containsExactly("dW1", "db1", "dW2", "db2", "dW3", "db3");
        for (String c : buggy(p)) {
            assertThat(diagnosis(p, c)).as(c).contains(c + " = −1 × the numerical gradient").contains("sign flip");
        }
    }

    // ---- the named cause of the highest failing layer ----

    @Test
    void tanhDerivativeTakenFromTheValueIsNamedWithItsEvidence() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_FROM_VALUE, 2)).worstPhase();
        assertThat(buggy(p)).contains("dW2", "db2").doesNotContain("dW3", "db3");
        String d = diagnosis(p, "dW2");
        assertThat(head(d)).startsWith("dZ2 = dA2 ∘ g(Z2) instead of dA2 ∘ g'(Z2): the tanh derivative taken as "
                + "g(Z2) itself, the layer's value A2 (tanh'(z) taken as tanh(z) instead of 1 − tanh²(z))");
        // Layer 2 has 5 units of 5 inputs: 25 + 5 judged entries; per unit 2·(5 + 1) equations on m = 4 unknowns.
        assertThat(head(d)).contains("one dA[2] per unit explains 30 judged entries of dW2 and db2 together (5 units, "
                + "40 equations more than unknowns) to a relative residual of");
        assertThat(d).contains("; the next cause, g'(Z2) left out, leaves");
        assertThat(diagnosis(p, "db2")).as("dW2 and db2 share the layer's cause").isEqualTo(d);
        // The evidence in numbers: the cause fits to about the references' noise, the next one not at all.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("to a relative residual of (\\S+); the next "
                + "cause, .*, leaves (\\S+)$").matcher(d);
        assertThat(m.find()).as(d).isTrue();
        double best = Double.parseDouble(m.group(1));
        double next = Double.parseDouble(m.group(2));
        assertThat(best).isPositive().isLessThanOrEqualTo(LayerDiagnosis.FITS);
        assertThat(next).isGreaterThan(LayerDiagnosis.APART * best).isGreaterThan(0.1);
    }

    @Test
    void reluAndSigmoidDerivativesTakenFromTheValueSayWhatTheDerivativeIs() {
        assertThat(head(diagnosis(check(LayeredNet.small(Activation.RELU).bug(Bug.SLOPE_FROM_VALUE, 2))
                .worstPhase(), "dW2"))).contains("the relu derivative taken as g(Z2) itself")
                .contains("relu'(z) taken from A instead of Z: 1{Z > 0} is the derivative");
        assertThat(head(diagnosis(check(LayeredNet.small(Activation.SIGMOID).bug(Bug.SLOPE_FROM_VALUE, 2))
                .worstPhase(), "dW2"))).contains("the sigmoid derivative taken as g(Z2) itself")
                .contains("σ'(z) taken as σ(z) instead of σ(z)(1 − σ(z))");
    }

    @Test
    void aLeftOutDerivativeIsNamedInTheFirstLayer() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_DROPPED, 1)).worstPhase();
        assertThat(buggy(p)).containsExactly("dW1", "db1");
        // Layer 1: 5 units of 6 inputs, 30 + 5 entries, 2·7 equations per unit on 4 unknowns.
        assertThat(head(diagnosis(p, "dW1"))).startsWith("dZ1 = dA1: g'(Z1) left out (the tanh derivative taken as 1 "
                + "everywhere); multiply by it, dZ1 = dA1 ∘ g'(Z1)")
                .contains("explains 35 judged entries of dW1 and db1 together (5 units, 50 equations more");
        assertThat(diagnosis(p, "dW1")).contains("the next cause, g'(Z1) taken as g(Z1), leaves");
    }

    @Test
    void anUnappliedDropoutMaskIsNamedWithTheKeepProb() {
        GradCheckReport r = check(LayeredNet.small(Activation.TANH).withKeepProb(0.8).bug(Bug.MASK_NOT_APPLIED, 2));
        assertThat(r.phases().get(0).verdict()).isEqualTo(Verdict.GOOD);
        PhaseResult p = r.phases().get(1);
        assertThat(buggy(p)).contains("dW2", "db2");
        assertThat(head(diagnosis(p, "dW2"))).startsWith("the dropout mask D2 not applied in backprop: dA2 is divided "
                + "by keep-prob 0.80 but not multiplied by D2");
    }

    @Test
    void anIdentityLayerHasNoLeftOutDerivativeToTell() {
        // g' = 1 everywhere: "g' left out" changes nothing, so the value cause is the only one tried.
        PhaseResult p = check(LayeredNet.small(Activation.IDENTITY).bug(Bug.SLOPE_FROM_VALUE, 2)).worstPhase();
        String d = diagnosis(p, "dW2");
        assertThat(d).startsWith("dZ2 = dA2 ∘ g(Z2) instead of dA2 ∘ g'(Z2): the identity derivative taken as g(Z2) "
                + "itself, the layer's value A2: one dA[2]").doesNotContain("next cause");
    }

    @Test
    void aCauseOutsideTheCatalogueIsNotNamed() {
        // tanh' written 1 − tanh(z): no cause fits, the sentence counts the wrong entries instead.
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_MISSING_SQUARE, 2)).worstPhase();
        assertThat(buggy(p)).contains("dW2", "db2");
        assertThat(diagnosis(p, "dW2")).contains("judged entries of dW2 are wrong by more than 1e-3 relative")
                .doesNotContain("dZ2 =").doesNotContain("left out").doesNotContain("lies below");
    }

    @Test
    void twoCausesThatPredictTheSameDzNameNeither() {
        // The facts report g ≡ 1: "g' taken as g" and "g' left out" then say the same dZ, and neither is named.
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_DROPPED, 1).facts(fs -> fs.stream()
                .map(f -> f.output() ? f : new LayerFacts(f.layer(), f.weights(), f.bias(), f.units(), f.inputs(),
                        f.m(), f.input(), f.z(), f.activation(), z -> 1, f.slope(), f.mask(), f.keepProb()))
                .toList())).worstPhase();
        assertThat(buggy(p)).containsExactly("dW1", "db1");
        assertThat(diagnosis(p, "dW1")).doesNotContain("left out").doesNotContain("taken as g")
                .contains("judged entries of dW1 are wrong");
    }

    @Test
    void tooFewEquationsForTheExamplesNameNoCause() {
        // m = 16 examples and layer 2 has 4 inputs: 2·(4 + 1) = 10 equations per unit on 16 unknowns, every cause
        // fits, so none is named; below, layer 1's 3 + 1 equations per gradient cannot test its own backprop.
        LayeredNet net = new LayeredNet(new int[] {3, 4, 4, 1}, 16, Activation.TANH, 5).bug(Bug.SLOPE_FROM_VALUE, 2);
        PhaseResult p = check(net).worstPhase();
        assertThat(buggy(p)).contains("dW2", "db2");
        assertThat(diagnosis(p, "dW2")).doesNotContain("dZ2 =").contains("judged entries of dW2 are wrong");
        assertThat(diagnosis(p, "dW1")).contains("layer 1 lies below the failing layer 2, and backprop hands a wrong "
                + "dA[1] down to it").endsWith(": fix layer 2 first, then check again");
    }

    @Test
    void factsWithoutForwardValuesNameNoCauseButStillSayWhereTheErrorFlowsFrom() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_FROM_VALUE, 2).facts(fs -> fs.stream()
                .map(f -> new LayerFacts(f.layer(), f.weights(), f.bias(), f.units(), f.inputs(), f.m(), null, null,
                        f.activation(), f.g(), f.slope(), null, f.keepProb())).toList())).worstPhase();
        assertThat(buggy(p)).contains("dW1", "dW2");
        assertThat(diagnosis(p, "dW2")).doesNotContain("dZ2 =").contains("judged entries of dW2 are wrong");
        assertThat(diagnosis(p, "dW1")).contains("layer 1 lies below the failing layer 2")
                .endsWith(": fix layer 2 first, then check again");
    }

    @Test
    void examplesOnTheReluKinkAreLeftOutOfTheFit() {
        // Zero biases and an example of zeros: Z1 and Z2 of example 0 are exactly 0, relu's kink, where an entry
        // that moves them is judged against a one-sided slope that no cause's g'(Z) says.
        LayeredNet net = LayeredNet.small(Activation.RELU).bug(Bug.SLOPE_FROM_VALUE, 2);
        java.util.Arrays.fill(net.b[1], 0);
        java.util.Arrays.fill(net.b[2], 0);
        for (int j = 0; j < net.n[0]; j++) {
            net.X[j * net.m] = 0;
        }
        PhaseResult p = check(net).worstPhase();
        assertThat(p.component("db2").orElseThrow().findings()).extracting(Finding::kind)
                .as("the premise: db2 has entries on a kink").contains(Finding.Kind.KINKS);
        String d = head(diagnosis(p, "dW2"));
        assertThat(d).startsWith("dZ2 = dA2 ∘ g(Z2) instead of dA2 ∘ g'(Z2): the relu derivative");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("explains (\\d+) judged entries").matcher(d);
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("fewer than the 25 + 5 entries: the kink's equations are out")
                .isLessThan(30);
        // Layer 1 sits on the kink too (its bias moves Z1 of example 0), and its own backprop still explains it.
        assertThat(diagnosis(p, "dW1")).contains("are layer 1's own correct backprop of some dA[1]");
        // The correct layer above: GOOD, with nothing to diagnose.
        assertThat(p.component("dW3").orElseThrow().diagnosis()).isEmpty();
    }

    @Test
    void aGoodComponentOnAKinkHasItsKinkFindingButNoDiagnosis() {
        // The bug in layer 1 leaves db2 right; its entries on relu's kink are explained, not diagnosed.
        LayeredNet net = LayeredNet.small(Activation.RELU).bug(Bug.SLOPE_FROM_VALUE, 1);
        java.util.Arrays.fill(net.b[1], 0);
        java.util.Arrays.fill(net.b[2], 0);
        for (int j = 0; j < net.n[0]; j++) {
            net.X[j * net.m] = 0;
        }
        ComponentResult db2 = check(net).worstPhase().component("db2").orElseThrow();
        assertThat(db2.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(db2.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.KINKS);
        assertThat(db2.diagnosis()).isEmpty();
    }

    // ---- below the highest failing layer ----

    @Test
    void aCorrectLayerBelowTheFailingOneIsShownToBeItsOwnCorrectBackprop() {
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_FROM_VALUE, 2)).worstPhase();
        assertThat(buggy(p)).contains("dW1", "db1");
        String d = diagnosis(p, "dW1");
        assertThat(d).contains("judged entries of dW1 are wrong by more than 1e-3 relative")
                .contains("; layer 1 lies below the failing layer 2, and backprop hands a wrong dA[1] down to it: "
                        + "dW1 and db1 are layer 1's own correct backprop of some dA[1] (residual")
                // Layer 1: per unit 6 + 1 equations for each gradient, 4 unknowns each: 5·2·(7 − 4) = 30.
                .contains(" over 30 equations), so fix layer 2 first, then check again");
    }

    @Test
    void aLayerBelowWithAnErrorOfItsOwnIsSaidToHaveOne() {
        // relu' left out in layer 1 gives dead units a gradient: no dA[1] through layer 1's correct backprop, which
        // stops at them, explains that. (With tanh every dZ has the same span, and any dA would do.)
        PhaseResult p = check(LayeredNet.small(Activation.RELU).bug(Bug.SLOPE_FROM_VALUE, 2)
                .bug(Bug.SLOPE_DROPPED, 1)).worstPhase();
        assertThat(head(diagnosis(p, "dW2"))).startsWith("dZ2 = dA2 ∘ g(Z2)");
        assertThat(diagnosis(p, "dW1")).contains("layer 1 lies below the failing layer 2")
                .endsWith("layer 1 may have an error of its own as well");
        // The residual it reports is a number, and above what a fit allows.
        java.util.regex.Matcher r = java.util.regex.Pattern.compile(", but no dA\\[1\\] through layer 1's correct "
                + "backprop explains them \\(residual ([0-9.]+e[-+]?[0-9]+)\\)").matcher(diagnosis(p, "dW1"));
        assertThat(r.find()).as(diagnosis(p, "dW1")).isTrue();
        assertThat(Double.parseDouble(r.group(1))).isGreaterThan(LayerDiagnosis.FITS);
    }

    @Test
    void theFactsChangeTheDiagnosisAndNothingElseOfAComponent() {
        // A BUG threshold so loose that the component is BUG by its noise alone, which adds a finding of its own.
        LayeredNet plain = LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_FROM_VALUE, 2).facts(fs -> List.of());
        LayeredNet layered = LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_FROM_VALUE, 2);
        ComponentResult without = GradientCheck.of(plain).thresholds(1e-6, 100).run().worstPhase().component("dW2")
                .orElseThrow();
        ComponentResult with = GradientCheck.of(layered).thresholds(1e-6, 100).run().worstPhase().component("dW2")
                .orElseThrow();
        assertThat(without.findings()).extracting(Finding::kind).contains(Finding.Kind.BEYOND_NOISE);
        // That finding says how far beyond the noise: its multiple is the ratio of the two norms it names.
        String beyond = without.findings().stream().filter(f -> f.kind() == Finding.Kind.BEYOND_NOISE).findFirst()
                .orElseThrow().sentence();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("is off by (\\S+) \\(judged ratio \\S+\\), "
                + "(\\d+)× the (\\S+) that").matcher(beyond);
        assertThat(m.find()).as(beyond).isTrue();
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(Double.parseDouble(m.group(1))
                / Double.parseDouble(m.group(3)), org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(with.findings().get(0).kind()).isEqualTo(Finding.Kind.DIAGNOSIS);
        assertThat(with.findings()).filteredOn(f -> f.kind() == Finding.Kind.DIAGNOSIS).hasSize(1);
        assertThat(with.findings()).filteredOn(f -> f.kind() != Finding.Kind.DIAGNOSIS).isNotEmpty()
                .containsExactlyElementsOf(without.findings().stream()
                        .filter(f -> f.kind() != Finding.Kind.DIAGNOSIS).toList());
        assertThat(with.verdict()).isEqualTo(without.verdict());
        assertThat(with.ratio()).isEqualTo(without.ratio());
    }

    @Test
    void aLayerWithoutABiasIsDiagnosedFromItsWeightsAlone() {
        // Layer 2 reports no bias block: 5 units × 5 inputs of dW2, 2·5 equations per unit on 4 unknowns.
        PhaseResult p = check(LayeredNet.small(Activation.TANH).bug(Bug.SLOPE_FROM_VALUE, 2).facts(fs -> fs.stream()
                .map(f -> f.layer() != 2 ? f : new LayerFacts(2, "W2", null, f.units(), f.inputs(), f.m(), f.input(),
                        f.z(), f.activation(), f.g(), f.slope(), f.mask(), f.keepProb())).toList())).worstPhase();
        assertThat(head(diagnosis(p, "dW2"))).startsWith("dZ2 = dA2 ∘ g(Z2) instead of dA2 ∘ g'(Z2)")
                .contains("explains 25 judged entries").contains("(5 units, 30 equations more than unknowns)");
    }

    @Test
    void derivativeCausesAreNamedWithTheMasksFrozen() {
        // With dropout on, the cause's dZ carries D/keep: the fit must use the same masks and keep-prob.
        GradCheckReport dropped = check(LayeredNet.small(Activation.TANH).withKeepProb(0.8)
                .bug(Bug.SLOPE_DROPPED, 1));
        PhaseResult frozen = dropped.phases().get(1);
        assertThat(frozen.phase().isFrozenDropout()).isTrue();
        assertThat(head(diagnosis(frozen, "dW1"))).startsWith("dZ1 = dA1: g'(Z1) left out");
        GradCheckReport value = check(LayeredNet.small(Activation.TANH).withKeepProb(0.8)
                .bug(Bug.SLOPE_FROM_VALUE, 2));
        assertThat(head(diagnosis(value.phases().get(1), "dW2"))).startsWith("dZ2 = dA2 ∘ g(Z2) instead of");
    }
}
