package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a report says in numbers: each component's norms and sums are those of its own entries, the report's totals
 * those of its phases, passed(strict) follows the verdict, and the map carries the same numbers (leaving out what is
 * not a number, such as the ratio of a phase that diverged).
 */
class ReportValuesTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void aComponentsNormsAndSumsAreThoseOfItsEntries() {
        GradCheckReport r = GradientCheck.of(new HandNet(11, 6, 0.7, HandNet.Bug.FACTOR_2_DW2)).run();
        for (ComponentResult c : r.components()) {
            double[] a = c.analytic();
            double[] n = c.numerical();
            double aa = 0;
            double nn = 0;
            double dd = 0;
            for (int i = 0; i < a.length; i++) {
                aa += a[i] * a[i];
                nn += n[i] * n[i];
                dd += (a[i] - n[i]) * (a[i] - n[i]);
            }
            assertThat(c.analyticSquared()).isCloseTo(aa, within(1e-12 * aa));
            assertThat(c.numericalSquared()).isCloseTo(nn, within(1e-12 * nn));
            assertThat(c.differenceSquared()).isCloseTo(dd, within(1e-12 * dd + 1e-300));
            assertThat(c.analyticNorm()).isCloseTo(Math.sqrt(aa), within(1e-12));
            assertThat(c.numericalNorm()).isCloseTo(Math.sqrt(nn), within(1e-12));
            assertThat(c.differenceNorm()).isCloseTo(Math.sqrt(dd), within(1e-12));
            assertThat(c.ratio()).isCloseTo(Math.sqrt(dd) / (Math.sqrt(aa) + Math.sqrt(nn)), within(1e-12));
            assertThat(c.rows() * c.cols()).isEqualTo(c.size()).isEqualTo(a.length);
            assertThat(c.shape()).isEqualTo(c.rows() + "×" + c.cols());
            assertThat(c.toString()).contains(c.name()).contains(c.shape());
        }
        ComponentResult dW2 = r.component("W2").orElseThrow();
        assertThat(dW2.rows()).isEqualTo(3);
        assertThat(dW2.cols()).isEqualTo(5);
        assertThat(dW2.diagnosis()).as("a factor of 2 has a diagnosis").isPresent();
        assertThat(dW2.findings()).filteredOn(f -> f.kind() == Finding.Kind.DIAGNOSIS).first()
                .extracting(Finding::sentence).isEqualTo(dW2.diagnosis().orElseThrow());
        assertThat(r.component("dW1").orElseThrow().diagnosis()).isEmpty();
        // analytic() and numerical() are copies.
        dW2.analytic()[0] = 99;
        assertThat(dW2.analytic()[0]).isNotEqualTo(99);
    }

    @Test
    void passedFollowsTheVerdict() {
        GradCheckReport good = GradientCheck.of(new HandNet(1, 6, 0.7, HandNet.Bug.NONE)).run();
        GradCheckReport bug = GradientCheck.of(new HandNet(1, 6, 0.7, HandNet.Bug.FACTOR_2_DW2)).run();
        Differentiable hidden = VectorFunction.of(new double[] {0.5, 0.25},
                t -> 1e9 + t[0] * t[0] + t[1] * t[1], t -> new double[] {2 * t[0], 2 * t[1]});
        GradCheckReport inspect = GradientCheck.of(hidden).epsilonSweep(false).run();
        assertThat(inspect.verdict()).as(inspect.toString()).isEqualTo(Verdict.INSPECT);
        assertThat(good.passed(true)).isTrue();
        assertThat(good.passed(false)).isTrue();
        assertThat(bug.passed(false)).isFalse();
        assertThat(bug.passed(true)).isFalse();
        assertThat(inspect.passed(false)).isTrue();
        assertThat(inspect.passed(true)).isFalse();
    }

    @Test
    void theReportsTotalsAreThoseOfItsPhases() {
        HandNet net = new HandNet(2, 8, 0.7, HandNet.Bug.FACTOR_2_DW2);
        GradCheckReport r = GradientCheck.of(net).afterTraining(5).run();
        assertThat(r.phases()).hasSize(2);
        assertThat(r.seconds()).isCloseTo(r.phases().get(0).seconds() + r.phases().get(1).seconds(), within(1e-12));
        assertThat(r.evaluations()).isEqualTo(r.phases().get(0).evaluations() + r.phases().get(1).evaluations());
        PhaseResult worst = r.worstPhase();
        assertThat(r.phase()).isEqualTo(worst.phase());
        assertThat(r.judgedRatio()).isEqualTo(worst.judgedRatio()).isPositive();
        assertThat(r.ratio()).isEqualTo(worst.ratio());
    }

    @Test
    void theMapCarriesTheSameNumbers() {
        GradCheckReport r = GradientCheck.of(new HandNet(2, 8, 0.7, HandNet.Bug.FACTOR_2_DW2)).afterTraining(5).run();
        Map<String, Object> m = r.toMap();
        assertThat(m).containsEntry("ratio", r.ratio()).containsEntry("judgedRatio", r.judgedRatio())
                .containsEntry("verdict", "BUG").containsEntry("seconds", r.seconds())
                .containsEntry("evaluations", r.evaluations()).containsEntry("parameters", 47);
        List<?> phases = (List<?>) m.get("phases");
        Map<String, Object> p0 = map(phases.get(0));
        PhaseResult first = r.phases().get(0);
        assertThat(p0.get("ratio")).isEqualTo(first.ratio());
        assertThat(p0.get("judgedRatio")).isEqualTo(first.judgedRatio());
        assertThat(p0.get("cost")).isEqualTo(first.cost());
        List<?> cs = (List<?>) p0.get("components");
        Map<String, Object> c0 = map(cs.get(2));
        ComponentResult dW2 = first.components().get(2);
        assertThat(c0.get("name")).isEqualTo("dW2");
        assertThat(c0.get("judgedRatio")).isEqualTo(dW2.judgedRatio());
        assertThat(c0.get("numericalNorm")).isEqualTo(dW2.numericalNorm());
        assertThat(c0.get("analyticNorm")).isEqualTo(dW2.analyticNorm());
        assertThat(c0.get("checked")).isEqualTo(true);
        assertThat(c0).doesNotContainKey("notChecked");
    }

    @Test
    void whatIsNotANumberIsLeftOutOfTheMap() {
        // Training diverges: the phase after it has no ratio and no J.
        TrainingPhaseTest.Regression model = new TrainingPhaseTest.Regression();
        model.rate = 50;
        GradCheckReport r = GradientCheck.of(model).frozenDropout(false).afterTraining(400).run();
        Map<String, Object> after = map(((List<?>) r.toMap().get("phases")).get(1));
        assertThat(after).doesNotContainKeys("ratio", "judgedRatio", "cost").containsEntry("verdict", "INSPECT");
        // The report's ratio passes over the phase that measured nothing: it is the phase at θ's.
        assertThat(r.ratio()).isEqualTo(r.phases().get(0).ratio());
        assertThat(r.toMap()).containsEntry("ratio", r.phases().get(0).ratio());

        // A component with nothing judged: no judged ratio, and the reason.
        Differentiable kink = VectorFunction.of(new double[] {0.0}, t -> Math.abs(t[0]), t -> new double[] {0.3});
        GradCheckReport k = GradientCheck.of(kink).run();
        Map<String, Object> c = map(((List<?>) k.toMap().get("components")).get(0));
        assertThat(c).doesNotContainKey("judgedRatio").containsKey("notChecked").containsEntry("checked", false);
    }
}
