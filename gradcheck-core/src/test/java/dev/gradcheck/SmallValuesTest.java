package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The small values of the API do what their documentation says: an entry's differences and factor, the worse of two
 * verdicts, the bands of {@link Thresholds}, the names of gradients and entries, and the refusal of a step that
 * vanishes in floating point; a large hidden component is re-measured on an even spread of its entries.
 */
class SmallValuesTest {

    @Test
    void anEntrysDifferencesAndFactor() {
        EntryResult e = new EntryResult(7, 1, 2, 3.0, -1.0);
        assertThat(e.absoluteDifference()).isEqualTo(4.0);
        assertThat(e.relativeDifference()).isEqualTo(1.0);
        assertThat(e.factor()).isEqualTo(-3.0);
        EntryResult close = new EntryResult(0, 0, 0, 2.0, 1.0);
        assertThat(close.relativeDifference()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(close.factor()).isEqualTo(2.0);
        EntryResult zero = new EntryResult(0, 0, 0, 0.0, 0.0);
        assertThat(zero.relativeDifference()).isZero();
        assertThat(zero.factor()).isNaN();
        assertThat(new EntryResult(0, 0, 0, 1.5, 0.0).factor()).isNaN();
    }

    @Test
    void theWorseOfTwoVerdicts() {
        assertThat(Verdict.GOOD.worse(Verdict.BUG)).isEqualTo(Verdict.BUG);
        assertThat(Verdict.BUG.worse(Verdict.GOOD)).isEqualTo(Verdict.BUG);
        assertThat(Verdict.INSPECT.worse(Verdict.GOOD)).isEqualTo(Verdict.INSPECT);
        assertThat(Verdict.GOOD.worse(Verdict.INSPECT)).isEqualTo(Verdict.INSPECT);
        assertThat(Verdict.GOOD.worse(Verdict.GOOD)).isEqualTo(Verdict.GOOD);
    }

    @Test
    void theBandsAreHalfOpen() {
        Thresholds t = Thresholds.DEFAULT;
        assertThat(t.verdictOf(0)).isEqualTo(Verdict.GOOD);
        assertThat(t.verdictOf(Math.nextDown(1e-6))).isEqualTo(Verdict.GOOD);
        assertThat(t.verdictOf(1e-6)).isEqualTo(Verdict.INSPECT);
        assertThat(t.verdictOf(Math.nextDown(1e-3))).isEqualTo(Verdict.INSPECT);
        assertThat(t.verdictOf(1e-3)).isEqualTo(Verdict.BUG);
        assertThat(t.verdictOf(Double.NaN)).isEqualTo(Verdict.BUG);
        assertThat(t.withGood(1e-7)).isEqualTo(new Thresholds(1e-7, 1e-3, 100));
        assertThat(t.withBug(1e-2)).isEqualTo(new Thresholds(1e-6, 1e-2, 100));
        assertThat(t.withStandOut(10)).isEqualTo(new Thresholds(1e-6, 1e-3, 10));
        assertThatThrownBy(() -> new Thresholds(1e-3, 1e-3, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Thresholds(0, 1e-3, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Thresholds(1e-6, 1e-3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Thresholds(1e-6, 1e-3, Math.nextUp(1.0)).standOut()).isGreaterThan(1);
    }

    @Test
    void gradientsAndEntriesByName() {
        Gradients g = Gradients.builder().put("W", new double[] {1, 2}).put("b", 2, 1, (r, c) -> r + 0.5).build();
        assertThat(g.has("W")).isTrue();
        assertThat(g.has("dW")).isFalse();
        assertThat(g.get("b")).containsExactly(0.5, 1.5);
        assertThat(g.toString()).contains("W").contains("b");
        assertThatThrownBy(() -> Gradients.builder().put("b", 0, 1, (r, c) -> 0.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gradients.builder().put("b", 1, 0, (r, c) -> 0.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Gradients.builder().put("b", 1, 1, (r, c) -> 3.0).build().get("b")).containsExactly(3.0);
        assertThat(Entries.name("W", 3, 7)).isEqualTo("W[2,1]");
        assertThat(new Finding(Finding.Kind.NOISE, "σ_J = 1e-16").toString()).isEqualTo("σ_J = 1e-16");
    }

    @Test
    void aStepThatVanishesIsRefusedNamingTheEntry() {
        List<ParameterBlock> blocks = List.of(ParameterBlock.of("W", 1, 3, new double[] {0.5, 1e12, -1e12}));
        String s = Steps.vanished(blocks, EntrySelection.ALL, 1e-7, false);
        assertThat(s).contains("W[0,1]").contains("1.0E12");
        assertThat(Steps.vanished(blocks, EntrySelection.ALL, 1e-7, true)).as("precise steps scale").isNull();
        assertThat(Steps.vanished(blocks, (b, i) -> i == 2, 1e-7, false)).contains("W[0,2]");
        assertThat(Steps.vanished(blocks, (b, i) -> i == 0, 1e-7, false)).isNull();
        assertThat(Steps.vanished(blocks, EntrySelection.ALL, 1e-3, false)).isNull();
        assertThatThrownBy(() -> GradientCheck.of(VectorFunction.of(new double[] {0.5, 1e12}, t -> t[0] * t[1],
                t -> new double[] {t[1], t[0]})).run()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("θ[0,1]");
    }

    @Test
    void aLargeHiddenComponentIsReMeasuredOnAnEvenSpread() {
        int n = 1200;
        double[] theta = new java.util.Random(4).doubles(n, -1, 1).toArray();
        Differentiable bowl = VectorFunction.of(theta, t -> {
            double s = 1e6;
            for (double v : t) {
                s += v * v / 2;
            }
            return s;
        }, double[]::clone);
        GradCheckReport r = GradientCheck.of(bowl).run();
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.GOOD);
        // 1200 entries, at most 512 re-measured: every third, 400 of them.
        assertThat(r.components().get(0).findings()).filteredOn(f -> f.kind() == Finding.Kind.UNRESOLVED)
                .singleElement().satisfies(f -> assertThat(f.sentence()).contains(" 400 entries"));
    }
}
