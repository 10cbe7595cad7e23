package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Decision}'s rules on measurements written out by hand: a judged ratio below GOOD is GOOD; a difference
 * beyond 4 standard deviations of J's measured noise is BUG (also inside the course's INSPECT band); a difference
 * within noise is re-measured at the step that would resolve it, and INSPECT when no step serves; a component with
 * nothing left to judge is not checked, and a phase is the worst of its checked components.
 */
class DecisionVerdictTest {

    static final double EPS = 1e-7;
    static final Thresholds T = Thresholds.DEFAULT;

    /** A component "W" (1×n) whose course quotient, central difference and slopes are all {@code numerical}. */
    static ComponentData data(double[] analytic, double[] numerical) {
        int n = analytic.length;
        double[] step = new double[n];
        boolean[] selected = new boolean[n];
        java.util.Arrays.fill(step, EPS);
        java.util.Arrays.fill(selected, true);
        return new ComponentData("W", 1, n, new double[n], analytic, numerical.clone(), numerical.clone(),
                numerical.clone(), numerical.clone(), step, selected);
    }

    static ComponentResult decide(ComponentData d, Noise noise, Decision.Resolver resolver) {
        Judged j = Explanations.judge(d, noise, NumericalGradient.Stencil.CENTRAL, true, T.good());
        return Decision.component(d, j, noise, T, 5, EPS, resolver);
    }

    static List<Finding.Kind> kinds(ComponentResult c) {
        return c.findings().stream().map(Finding::kind).toList();
    }

    static final Noise QUIET = Noise.of(1e-16, 1.0);

    @Test
    void agreementIsGoodAndTheRatiosAreTheCourseFormula() {
        double[] a = {0.3, -1.2, 2.0};
        double[] n = {0.3 + 1e-10, -1.2, 2.0 - 2e-10};
        ComponentResult c = decide(data(a, n), QUIET, null);
        assertThat(c.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(c.checked()).isTrue();
        double diff = Math.sqrt(1e-20 + 4e-20);
        double norms = Math.sqrt(0.09 + 1.44 + 4.0) + Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        assertThat(c.ratio()).isCloseTo(diff / norms, within(1e-16));
        assertThat(c.judgedRatio()).isCloseTo(diff / norms, within(1e-16));
        assertThat(c.accuracyFloor()).isCloseTo(Math.sqrt(3) * QUIET.central(EPS) / norms, within(1e-20));
        assertThat(c.judgedEntries()).isEqualTo(3);
        assertThat(c.setAsideEntries()).isZero();
        assertThat(kinds(c)).doesNotContain(Finding.Kind.UNRESOLVED, Finding.Kind.BEYOND_NOISE,
                Finding.Kind.DIAGNOSIS);
        assertThat(c.worstEntries()).extracting(EntryResult::index).containsExactly(2, 0, 1);
    }

    @Test
    void anErrorBeyondNoiseIsABugEvenInTheCoursesInspectBand() {
        // A relative error of 1e-5: the course's "take a careful look", far beyond σ_J = 1e-16's noise.
        double[] a = {0.3 * (1 + 1e-5), -1.2 * (1 + 1e-5), 2.0 * (1 + 1e-5)};
        double[] n = {0.3, -1.2, 2.0};
        ComponentResult c = decide(data(a, n), QUIET, null);
        assertThat(T.verdictOf(c.judgedRatio())).isEqualTo(Verdict.INSPECT);
        assertThat(c.verdict()).isEqualTo(Verdict.BUG);
        assertThat(kinds(c)).contains(Finding.Kind.BEYOND_NOISE);
        assertThat(c.findings()).filteredOn(f -> f.kind() == Finding.Kind.BEYOND_NOISE).singleElement()
                .satisfies(f -> assertThat(f.sentence()).contains("dW"));
    }

    @Test
    void aLargeErrorIsABugWithItsDiagnosisOrItsNoiseSentence() {
        double[] a = {0.6, -2.4, 4.0};
        double[] n = {0.3, -1.2, 2.0};
        ComponentResult c = decide(data(a, n), QUIET, null);
        assertThat(c.verdict()).isEqualTo(Verdict.BUG);
        assertThat(c.judgedRatio()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(kinds(c)).containsAnyOf(Finding.Kind.DIAGNOSIS, Finding.Kind.BEYOND_NOISE);
    }

    /** σ_J = 1e-6 at ε = 1e-7: a central difference carries 7 of noise, so 1 vs 1.5 says nothing. */
    static final Noise LOUD = Noise.of(1e-6, 1.0);

    @Test
    void aDifferenceWithinNoiseIsUnresolvedWhenNothingCanReMeasureIt() {
        ComponentResult c = decide(data(new double[] {1.0}, new double[] {1.5}), LOUD, null);
        assertThat(c.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(c.checked()).isTrue();
        assertThat(c.judgedRatio()).isCloseTo(0.2, within(1e-15));
        assertThat(c.accuracyFloor()).isCloseTo(LOUD.central(EPS) / 2.5, within(1e-12));
        assertThat(kinds(c)).containsExactly(Finding.Kind.UNRESOLVED);
        assertThat(c.findings().get(0).sentence()).contains("dW");
    }

    /** A resolver that logs the steps asked for and answers with a component judged at that step. */
    static final class Answers implements Decision.Resolver {
        final List<Double> steps = new ArrayList<>();
        final double[] errorAt;
        final double[] stepsOfError;

        /** {@code errorAt[k]}: the relative error of dθ measured at a step of at most {@code stepsOfError[k]}. */
        Answers(double[] stepsOfError, double[] errorAt) {
            this.stepsOfError = stepsOfError;
            this.errorAt = errorAt;
        }

        @Override
        public ComponentResult resolve(ComponentData d, Judged j, double step) {
            steps.add(step);
            double err = errorAt[errorAt.length - 1];
            for (int k = 0; k < stepsOfError.length; k++) {
                if (step <= stepsOfError[k]) {
                    err = errorAt[k];
                    break;
                }
            }
            // Measured at `step`: an error of 0 is GOOD, of -0.9 beyond LOUD's noise (a bug), of 0.5 within a louder
            // noise (still unresolved there).
            Noise noise = Math.abs(err) == 0.5 ? Noise.of(1e-2, 1.0) : LOUD;
            ComponentData there = data(new double[] {1.0}, new double[] {1.0 + err});
            for (int i = 0; i < there.size(); i++) {
                there.step[i] = step;
            }
            Judged jj = Explanations.judge(there, noise, NumericalGradient.Stencil.CENTRAL, true, T.good());
            return Decision.component(there, jj, noise, T, 5, step, null);
        }
    }

    @Test
    void aHiddenGradientIsReMeasuredAtTheStepThatResolvesItAndGoodThere() {
        // σ_J = 1e-11: at ε the central difference carries 7e-5 of noise; an error of 1e-4 is within it.
        Noise noise = Noise.of(1e-11, 1.0);
        ComponentData d = data(new double[] {1.0}, new double[] {1.0 + 1e-4});
        ComponentResult unresolved = decide(d, noise, null);
        assertThat(unresolved.verdict()).isEqualTo(Verdict.INSPECT);
        double expectedStep = EPS * Decision.RESOLVE_MARGIN * unresolved.accuracyFloor() / T.good();
        assertThat(expectedStep).isBetween(10 * EPS, GradientCheck.MAX_EPSILON);

        Answers answers = new Answers(new double[] {1}, new double[] {0});
        ComponentResult c = decide(d, noise, answers);
        assertThat(answers.steps).singleElement().satisfies(s -> assertThat(s).isCloseTo(expectedStep,
                within(expectedStep * 1e-12)));
        assertThat(c.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(c.judgedRatio()).isZero();
        assertThat(c.ratio()).as("the course's ratio stays the one at ε").isEqualTo(unresolved.ratio());
        assertThat(kinds(c)).contains(Finding.Kind.UNRESOLVED);
    }

    @Test
    void aHiddenGradientReMeasuredWrongIsABug() {
        Noise noise = Noise.of(1e-11, 1.0);
        ComponentData d = data(new double[] {1.0}, new double[] {1.0 + 1e-4});
        Answers answers = new Answers(new double[] {1}, new double[] {-0.9});
        ComponentResult c = decide(d, noise, answers);
        assertThat(c.verdict()).isEqualTo(Verdict.BUG);
        assertThat(kinds(c)).contains(Finding.Kind.UNRESOLVED);
    }

    @Test
    void aSmallFloorIsReMeasuredAtTenTimesEpsilonAtLeast() {
        // σ_J = 1e-13: noise 7e-7 per entry; an error of 2.5e-6 on 1 is within 4 sd and above GOOD.
        Noise noise = Noise.of(1e-13, 1.0);
        ComponentData d = data(new double[] {1.0}, new double[] {1.0 + 2.5e-6});
        ComponentResult unresolved = decide(d, noise, null);
        assertThat(unresolved.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(EPS * Decision.RESOLVE_MARGIN * unresolved.accuracyFloor() / T.good()).isLessThan(10 * EPS);
        Answers answers = new Answers(new double[] {1}, new double[] {0});
        decide(d, noise, answers);
        assertThat(answers.steps).containsExactly(10 * EPS);
    }

    @Test
    void beyondTheLargestStepAGradientMayStillBeConfirmedButNeverCondemned() {
        ComponentData d = data(new double[] {1.0}, new double[] {1.5});
        // At 1e-2 still within noise (error 0.5); at 0.1 GOOD.
        Answers confirm = new Answers(new double[] {GradientCheck.MAX_EPSILON, 1}, new double[] {0.5, 0});
        ComponentResult c = decide(d, LOUD, confirm);
        assertThat(confirm.steps).containsExactly(GradientCheck.MAX_EPSILON, Decision.CONFIRM_MAX);
        assertThat(c.verdict()).isEqualTo(Verdict.GOOD);

        // At 1e-2 within noise, at 0.1 wrong: not condemned there, left INSPECT.
        Answers condemn = new Answers(new double[] {GradientCheck.MAX_EPSILON, 1}, new double[] {0.5, -0.9});
        ComponentResult c2 = decide(d, LOUD, condemn);
        assertThat(condemn.steps).containsExactly(GradientCheck.MAX_EPSILON, Decision.CONFIRM_MAX);
        assertThat(c2.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(kinds(c2)).containsExactly(Finding.Kind.UNRESOLVED);

        // Wrong already at 1e-2: a bug, and no look beyond.
        Answers wrong = new Answers(new double[] {GradientCheck.MAX_EPSILON, 1}, new double[] {-0.9, 0});
        ComponentResult c3 = decide(d, LOUD, wrong);
        assertThat(wrong.steps).containsExactly(GradientCheck.MAX_EPSILON);
        assertThat(c3.verdict()).isEqualTo(Verdict.BUG);
    }

    @Test
    void aComponentWhoseEntriesAreAllSetAsideIsNotChecked() {
        // Both entries on a ReLU kink with the analytic value between the slopes (1 and 0).
        ComponentData d = data(new double[] {0.3, 0.6}, new double[] {0.5, 0.5});
        for (int i = 0; i < 2; i++) {
            d.forward[i] = 1;
            d.backward[i] = 0;
            d.wide[i] = 0.5;
            d.wideForward[i] = 1;
            d.wideBackward[i] = 0;
        }
        ComponentResult c = decide(d, QUIET, null);
        assertThat(c.checked()).isFalse();
        assertThat(c.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(c.judgedRatio()).isNaN();
        assertThat(c.ratio()).as("the course's ratio over both").isCloseTo(Math.sqrt(0.04 + 0.01)
                / (Math.sqrt(0.09 + 0.36) + Math.sqrt(0.5)), within(1e-15));
        assertThat(c.setAsideEntries()).isEqualTo(2);
        assertThat(c.nonDifferentiable()).extracting(EntryResult::index).containsExactly(0, 1);
        assertThat(kinds(c)).startsWith(Finding.Kind.NOT_CHECKED).contains(Finding.Kind.KINKS);
        assertThat(c.notCheckedReason()).get().asString().contains("2").contains("dW");

        assertThat(Decision.phase(List.of(c))).as("a phase with nothing checked").isEqualTo(Verdict.INSPECT);
    }

    @Test
    void aComponentOutsideTheShardIsNotCheckedAndSaysNothing() {
        ComponentData d = data(new double[] {9, 9}, new double[] {0, 0});
        d.selected[0] = false;
        d.selected[1] = false;
        ComponentResult c = decide(d, QUIET, null);
        assertThat(c.checked()).isFalse();
        assertThat(c.notCheckedReason()).contains("not in this shard");
        assertThat(c.checkedEntries()).isZero();
        assertThat(c.ratio()).isZero();
    }

    @Test
    void twoExactZerosAreGoodButSayTheyProveNothing() {
        ComponentResult c = decide(data(new double[] {0, 0}, new double[] {0, 0}), QUIET, null);
        assertThat(c.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(kinds(c)).containsExactly(Finding.Kind.VERDICT);
        assertThat(c.findings().get(0).sentence()).contains("dW");
    }

    @Test
    void aPhaseIsTheWorstOfItsCheckedComponents() {
        ComponentResult good = decide(data(new double[] {1}, new double[] {1}), QUIET, null);
        ComponentResult bug = decide(data(new double[] {2}, new double[] {1}), QUIET, null);
        ComponentResult inspect = decide(data(new double[] {1.0}, new double[] {1.5}), LOUD, null);
        ComponentData none = data(new double[] {1}, new double[] {1});
        none.selected[0] = false;
        ComponentResult notHere = decide(none, QUIET, null);
        assertThat(Decision.phase(List.of(good, good))).isEqualTo(Verdict.GOOD);
        assertThat(Decision.phase(List.of(good, inspect))).isEqualTo(Verdict.INSPECT);
        assertThat(Decision.phase(List.of(bug, inspect, good))).isEqualTo(Verdict.BUG);
        assertThat(Decision.phase(List.of(inspect, bug))).isEqualTo(Verdict.BUG);
        assertThat(Decision.phase(List.of(notHere, good))).isEqualTo(Verdict.GOOD);
        assertThat(Decision.phase(List.of(notHere))).isEqualTo(Verdict.INSPECT);
    }

    @Test
    void thePhaseSummaryNamesTheWrongAndTheUnresolvedComponents() {
        ComponentResult good = decide(data(new double[] {1}, new double[] {1}), QUIET, null);
        ComponentResult bug = decide(data(new double[] {2}, new double[] {1}), QUIET, null);
        ComponentResult inspect = decide(data(new double[] {1.0}, new double[] {1.5}), LOUD, null);
        Comparison.Sums course = new Comparison.Sums();
        List<Finding> f = Decision.summary(List.of(good, bug, inspect), course);
        assertThat(f).extracting(Finding::kind).containsExactly(Finding.Kind.SUMMARY, Finding.Kind.SUMMARY);
        assertThat(f.get(0).sentence()).contains("dW");
        assertThat(Decision.summary(List.of(good), course)).isEmpty();
    }

    @Test
    void theSummarySaysWhenBackpropReturnsZerosOrNothingDependsOnTheta() {
        ComponentResult zeros = decide(data(new double[] {0, 0}, new double[] {1, -1}), QUIET, null);
        assertThat(zeros.verdict()).isEqualTo(Verdict.BUG);
        List<Finding> f = Decision.summary(List.of(zeros), new Comparison.Sums());
        assertThat(f).extracting(Finding::kind).containsExactly(Finding.Kind.SUMMARY, Finding.Kind.SUMMARY);

        ComponentResult flat = decide(data(new double[] {0, 0}, new double[] {0, 0}), QUIET, null);
        assertThat(Decision.summary(List.of(flat), new Comparison.Sums())).extracting(Finding::kind)
                .containsExactly(Finding.Kind.SUMMARY);

        ComponentResult nonzero = decide(data(new double[] {1, 0}, new double[] {1, 0}), QUIET, null);
        assertThat(Decision.summary(List.of(nonzero, flat), new Comparison.Sums())).isEmpty();
    }

    @Test
    void theSummaryListsComponentsWithNothingJudged() {
        ComponentData d = data(new double[] {0.3}, new double[] {0.5});
        d.forward[0] = 1;
        d.backward[0] = 0;
        d.wide[0] = 0.5;
        d.wideForward[0] = 1;
        d.wideBackward[0] = 0;
        ComponentResult setAside = decide(d, QUIET, null);
        ComponentResult good = decide(data(new double[] {1}, new double[] {1}), QUIET, null);
        List<Finding> f = Decision.summary(List.of(setAside, good), new Comparison.Sums());
        assertThat(f).extracting(Finding::kind).containsExactly(Finding.Kind.NOT_CHECKED);
        assertThat(f.get(0).sentence()).contains("dW");
    }

    @Test
    void aCostFarLessPreciseThanDoubleIsSaidSo() {
        // σ_J = 1e-6 on J = 1 is about 4.5e9 ulp: beyond 1e6 ulp.
        ComponentResult c = decide(data(new double[] {1.0}, new double[] {1.5}), LOUD, null);
        assertThat(c.findings().get(0).sentence()).contains("ulp");
        ComponentResult quiet = decide(data(new double[] {1.0}, new double[] {1.0 + 2.5e-6}), Noise.of(1e-13, 1.0),
                null);
        assertThat(quiet.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(quiet.findings().get(0).sentence()).doesNotContain("ulp");
    }

    @Test
    void worstEntriesAreCappedAndWorstFirst() {
        double[] a = {1, 2, 3, 4, 5, 6, 7};
        double[] n = {1.1, 2, 3.7, 4, 5.3, 6, 7.5};
        Judged j = Explanations.judge(data(a, n), QUIET, NumericalGradient.Stencil.CENTRAL, true, T.good());
        ComponentResult c = Decision.component(data(a, n), j, QUIET, T, 3, EPS, null);
        assertThat(c.worstEntries()).extracting(EntryResult::index).containsExactly(2, 6, 4);
        ComponentResult none = Decision.component(data(a, n), j, QUIET, T, 0, EPS, null);
        assertThat(none.worstEntries()).isEmpty();
    }

    /** Entry i of {@code d} on a ReLU kink (slopes 1 and 0, stuck at twice the step). */
    static void kink(ComponentData d, int i) {
        d.central[i] = 0.5;
        d.numerical[i] = 0.5;
        d.forward[i] = 1;
        d.backward[i] = 0;
        d.wide[i] = 0.5;
        d.wideForward[i] = 1;
        d.wideBackward[i] = 0;
    }

    @Test
    void kinksAndNonGenericPointsTogetherCanLeaveNothingToJudge() {
        // Entry 0 between the slopes of a kink, entry 1 wrong at θ only (fine a hair away).
        ComponentData d = data(new double[] {0.3, 1.0}, new double[] {0.5, 0.5});
        kink(d, 0);
        d.nearbyError[1] = 0;
        d.nearbySd[1] = 1e-9;
        ComponentResult c = decide(d, QUIET, null);
        assertThat(c.judged().count(Judged.Status.KINK)).isEqualTo(1);
        assertThat(c.nonGenericEntries()).isEqualTo(1);
        assertThat(c.checked()).isFalse();
        assertThat(c.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(kinds(c)).containsExactly(Finding.Kind.NOT_CHECKED, Finding.Kind.KINKS, Finding.Kind.NON_GENERIC);
        assertThat(c.notCheckedReason()).get().asString().containsPattern("all 2 .*1 .*kink.*1 .*non-generic");
    }

    @Test
    void theKinkSentenceCountsTheEntriesOnKinks() {
        // Entry 0 on the forward slope, entry 1 between the slopes, entry 2 judged as usual.
        ComponentData d = data(new double[] {1.0, 0.3, 0.7}, new double[] {0.5, 0.5, 0.7});
        kink(d, 0);
        kink(d, 1);
        ComponentResult c = decide(d, QUIET, null);
        assertThat(c.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(c.judgedEntries()).isEqualTo(2);
        assertThat(c.setAsideEntries()).isEqualTo(1);
        assertThat(c.findings()).filteredOn(f -> f.kind() == Finding.Kind.KINKS).singleElement()
                .satisfies(f -> assertThat(f.sentence()).contains("2 of 3").containsPattern("1 judged")
                        .containsPattern("1 set aside"));
        ComponentData slopeOnly = data(new double[] {1.0, 0.7}, new double[] {0.5, 0.7});
        kink(slopeOnly, 0);
        assertThat(decide(slopeOnly, QUIET, null).findings()).filteredOn(f -> f.kind() == Finding.Kind.KINKS)
                .singleElement().satisfies(f -> assertThat(f.sentence()).contains("1 of 2")
                        .doesNotContain("set aside"));
        ComponentData asideOnly = data(new double[] {0.3, 0.7}, new double[] {0.5, 0.7});
        kink(asideOnly, 0);
        assertThat(decide(asideOnly, QUIET, null).findings()).filteredOn(f -> f.kind() == Finding.Kind.KINKS)
                .singleElement().satisfies(f -> assertThat(f.sentence()).contains("1 of 2")
                        .doesNotContain("judged against"));
    }

    @Test
    void atTheLargestStepThereIsNoLargerOneToTry() {
        ComponentData d = data(new double[] {1.0}, new double[] {1.5});
        for (int i = 0; i < d.size(); i++) {
            d.step[i] = GradientCheck.MAX_EPSILON;
        }
        Noise loud = Noise.of(1e-2, 1.0);
        Answers answers = new Answers(new double[] {1}, new double[] {0});
        Judged j = Explanations.judge(d, loud, NumericalGradient.Stencil.CENTRAL, true, T.good());
        ComponentResult c = Decision.component(d, j, loud, T, 5, GradientCheck.MAX_EPSILON, answers);
        assertThat(c.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(answers.steps).as("no re-measurement at the check's own step").isEmpty();
    }

    @Test
    void aReMeasurementCarriesItsDiagnosisButNotItsOtherSentences() {
        Noise noise = Noise.of(1e-11, 1.0);
        // At ε the error of 1e-4 on the last entry is within noise.
        ComponentData d = data(new double[] {1, 1, 1, 1.003}, new double[] {1, 1, 1, 1.003 - 1e-4});
        // At the larger step, quiet: the last entry is off by 3e-3 (judged ratio 7.5e-4, in the INSPECT band).
        ComponentResult[] there = new ComponentResult[1];
        Decision.Resolver quietThere = (data, judged, step) -> {
            ComponentData at = data(new double[] {1, 1, 1, 1.003}, new double[] {1, 1, 1, 1});
            Judged jj = Explanations.judge(at, QUIET, NumericalGradient.Stencil.CENTRAL, true, T.good());
            there[0] = Decision.component(at, jj, QUIET, T, 5, EPS, null);
            return there[0];
        };
        ComponentResult c = decide(d, noise, quietThere);
        assertThat(there[0].verdict()).isEqualTo(Verdict.BUG);
        assertThat(there[0].findings()).extracting(Finding::kind).contains(Finding.Kind.BEYOND_NOISE);
        assertThat(c.verdict()).isEqualTo(Verdict.BUG);
        assertThat(kinds(c)).contains(Finding.Kind.UNRESOLVED).doesNotContain(Finding.Kind.BEYOND_NOISE);
        assertThat(c.findings()).filteredOn(f -> f.kind() == Finding.Kind.DIAGNOSIS).isEqualTo(
                there[0].findings().stream().filter(f -> f.kind() == Finding.Kind.DIAGNOSIS).toList());
        assertThat(c.worstEntries()).isEqualTo(there[0].worstEntries());
        assertThat(c.accuracyFloor()).isEqualTo(there[0].accuracyFloor());
    }

    @Test
    void anUnresolvedSentenceNamesTheStepThatWouldResolveIt() {
        Noise noise = Noise.of(1e-11, 1.0);
        ComponentData d = data(new double[] {1.0}, new double[] {1.0 + 1e-4});
        ComponentResult c = decide(d, noise, null);
        double step = EPS * Decision.RESOLVE_MARGIN * c.accuracyFloor() / T.good();
        assertThat(c.findings().get(0).sentence()).contains(String.format(java.util.Locale.ROOT, "%.1e", step));
    }

    @Test
    void zerosFromBackpropAreSaidOnlyWhenTheyAreABug() {
        // dθ = 0 where the numerical gradient is 1e-9, hidden in loud noise: INSPECT, not "backprop returns zeros".
        ComponentResult hidden = decide(data(new double[] {0}, new double[] {1e-9}), LOUD, null);
        assertThat(hidden.verdict()).isEqualTo(Verdict.INSPECT);
        assertThat(Decision.summary(List.of(hidden), new Comparison.Sums())).extracting(Finding::kind)
                .containsExactly(Finding.Kind.SUMMARY);
    }

    @Test
    void aComponentOutsideTheShardIsNotListedAsNotChecked() {
        ComponentData none = data(new double[] {1}, new double[] {1});
        none.selected[0] = false;
        ComponentResult notHere = decide(none, QUIET, null);
        ComponentResult good = decide(data(new double[] {1}, new double[] {1}), QUIET, null);
        assertThat(Decision.summary(List.of(notHere, good), new Comparison.Sums())).isEmpty();
    }
}
