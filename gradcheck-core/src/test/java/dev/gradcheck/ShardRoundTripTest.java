package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Shards written to maps and read back judge exactly as they were judged, through the kink, the non-generic and the
 * frozen-dropout paths, and a merge of them is the unsplit check; mismatched shards are refused with the reason.
 */
class ShardRoundTripTest {

    /** ReLU inputs exactly at 0 (a kink, judged against its right slope) next to a non-generic point. */
    static Differentiable kinksAndNonGeneric() {
        double[] theta = {0.0, -0.7, 0.3, -0.4, 0.9, 0.2, 0.0, 0.6};
        return VectorFunction.of(theta, t -> NonGenericPointTest.cost(java.util.Arrays.copyOf(t, 6))
                + 1.5 * Math.max(0, t[6]) + 0.25 * t[7] * t[7] * t[7],
                t -> {
                    double[] g = java.util.Arrays.copyOf(NonGenericPointTest.gradient(java.util.Arrays.copyOf(t, 6),
                            1), 8);
                    g[6] = 1.5;
                    g[7] = 0.75 * t[7] * t[7];
                    return g;
                });
    }

    static List<GradCheckReport> readBack(Supplier<GradientCheck> check, int n) {
        List<GradCheckReport> out = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            GradCheckReport shard = check.get().shard(new Shard(k, n)).run();
            GradCheckReport read = GradCheckReport.fromMap(shard.toMap());
            assertSame(read, shard);
            out.add(read);
        }
        return out;
    }

    static void assertSame(GradCheckReport read, GradCheckReport original) {
        assertThat(read.shard()).isEqualTo(original.shard());
        same(read.epsilon(), original.epsilon(), "epsilon");
        assertThat(read.thresholds()).isEqualTo(original.thresholds());
        assertThat(read.method()).isEqualTo(original.method());
        assertThat(read.phases()).hasSameSizeAs(original.phases());
        for (int p = 0; p < original.phases().size(); p++) {
            PhaseResult a = original.phases().get(p);
            PhaseResult b = read.phases().get(p);
            assertThat(b.phase()).isEqualTo(a.phase());
            assertThat(b.verdict()).isEqualTo(a.verdict());
            same(b.ratio(), a.ratio(), "ratio");
            same(b.judgedRatio(), a.judgedRatio(), "judgedRatio");
            same(b.accuracyFloor(), a.accuracyFloor(), "accuracyFloor");
            same(b.cost(), a.cost(), "cost");
            same(b.costNoise(), a.costNoise(), "costNoise");
            assertThat(b.evaluations()).isEqualTo(a.evaluations());
            same(b.seconds(), a.seconds(), "seconds");
            assertThat(b.parameters()).isEqualTo(a.parameters());
            assertThat(b.typedFindings()).isEqualTo(a.typedFindings());
            for (int c = 0; c < a.components().size(); c++) {
                assertSame(b.components().get(c), a.components().get(c));
            }
        }
    }

    /** Equal as Double: NaN ("nothing judged") equals NaN. */
    static void same(double actual, double expected, String what) {
        assertThat(Double.valueOf(actual)).as(what).isEqualTo(Double.valueOf(expected));
    }

    static void assertSame(ComponentResult y, ComponentResult x) {
        assertThat(y.name()).isEqualTo(x.name());
        assertThat(y.shape()).isEqualTo(x.shape());
        assertThat(y.verdict()).isEqualTo(x.verdict());
        same(y.ratio(), x.ratio(), "ratio");
        same(y.judgedRatio(), x.judgedRatio(), "judgedRatio");
        assertThat(y.checkedEntries()).isEqualTo(x.checkedEntries());
        assertThat(y.judgedEntries()).isEqualTo(x.judgedEntries());
        assertThat(y.setAsideEntries()).isEqualTo(x.setAsideEntries());
        assertThat(y.nonGenericEntries()).isEqualTo(x.nonGenericEntries());
        assertThat(y.analytic()).isEqualTo(x.analytic());
        assertThat(y.numerical()).isEqualTo(x.numerical());
        assertThat(y.worstEntries()).isEqualTo(x.worstEntries());
        assertThat(y.findings()).isEqualTo(x.findings());
        assertThat(y.notCheckedReason()).isEqualTo(x.notCheckedReason());
    }

    @Test
    void kinksAndNonGenericPointsSurviveTheMapsAndTheMerge() {
        Supplier<GradientCheck> check = () -> GradientCheck.of(kinksAndNonGeneric()).epsilonSweep(false);
        GradCheckReport whole = check.get().run();
        ComponentResult c = whole.components().get(0);
        assertThat(whole.verdict()).as(whole.toString()).isEqualTo(Verdict.GOOD);
        assertThat(c.nonGenericEntries()).as("the stacked leaky kink at t = 0").isEqualTo(1);
        assertThat(c.findings()).extracting(Finding::kind).contains(Finding.Kind.KINKS, Finding.Kind.NON_GENERIC);

        for (int n : new int[] {1, 3}) {
            GradCheckReport merged = GradCheckReport.merge(readBack(check, n));
            assertThat(merged.shard()).isEmpty();
            assertThat(merged.verdict()).isEqualTo(whole.verdict());
            same(merged.ratio(), whole.ratio(), "ratio");
            same(merged.judgedRatio(), whole.judgedRatio(), "judgedRatio");
            assertThat(merged.phases().get(0).accuracyFloor()).isEqualTo(whole.phases().get(0).accuracyFloor());
            assertThat(merged.phases().get(0).costNoise()).isEqualTo(whole.phases().get(0).costNoise());
            assertSame(merged.components().get(0), c);
        }
    }

    @Test
    void frozenDropoutPhasesKeepTheirKeepProbThroughTheMaps() {
        Supplier<GradientCheck> check = () -> {
            HandNet net = new HandNet(5, 4, 0.7, HandNet.Bug.DROPOUT_NOT_SCALED);
            net.keepProb(0.8);
            return GradientCheck.of(net).afterTraining(3).epsilonSweep(false);
        };
        GradCheckReport whole = check.get().run();
        List<GradCheckReport> shards = readBack(check, 2);
        assertThat(shards.get(0).phases()).extracting(p -> p.phase().keepProb()).contains(0.8, 1.0);
        GradCheckReport merged = GradCheckReport.merge(shards);
        assertThat(merged.phases()).extracting(PhaseResult::phase)
                .containsExactlyElementsOf(whole.phases().stream().map(PhaseResult::phase).toList());
        assertThat(merged.phases()).extracting(PhaseResult::verdict)
                .containsExactlyElementsOf(whole.phases().stream().map(PhaseResult::verdict).toList());
        assertThat(merged.verdict()).isEqualTo(Verdict.BUG);
        // Evaluations and time add up over the shards.
        for (int p = 0; p < merged.phases().size(); p++) {
            int phase = p;
            assertThat(merged.phases().get(p).evaluations())
                    .isEqualTo(shards.stream().mapToLong(s -> s.phases().get(phase).evaluations()).sum());
            // Added one shard after the other, as the merge does (DoubleStream.sum compensates, and can differ by an ulp).
            assertThat(merged.phases().get(p).seconds())
                    .isEqualTo(shards.stream().map(s -> s.phases().get(phase).seconds()).reduce(0.0, Double::sum));
        }
    }

    @Test
    void preciseModeIsCarriedThroughTheMaps() {
        Supplier<GradientCheck> check = () -> GradientCheck.of(new HandNet(6, 4, 0.7, HandNet.Bug.NONE)).precise();
        GradCheckReport whole = check.get().run();
        GradCheckReport merged = GradCheckReport.merge(readBack(check, 2));
        same(merged.ratio(), whole.ratio(), "ratio");
        assertThat(merged.verdict()).isEqualTo(Verdict.GOOD);
        assertThat(merged.toMap().get("settings")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("precise", true);
    }

    @Test
    void onlyAShardsMapCanBeReadBack() {
        GradCheckReport unsplit = GradientCheck.of(kinksAndNonGeneric()).run();
        Map<String, Object> m = unsplit.toMap();
        assertThat(m).doesNotContainKey("shard");
        assertThatThrownBy(() -> GradCheckReport.fromMap(m)).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("shard");
        Map<String, Object> broken = new LinkedHashMap<>(
                GradientCheck.of(kinksAndNonGeneric()).shard("1/2").run().toMap());
        broken.put("phases", "not a list");
        assertThatThrownBy(() -> GradCheckReport.fromMap(broken)).isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("not a gradcheck shard report");
    }

    @Test
    void shardsOfOtherSplitsOrSettingsAreRefused() {
        GradCheckReport half = GradientCheck.of(kinksAndNonGeneric()).shard("1/2").run();
        GradCheckReport third = GradientCheck.of(kinksAndNonGeneric()).shard("2/3").run();
        assertThatThrownBy(() -> GradCheckReport.merge(List.of(half, third)))
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("3 ways").hasMessageContaining("2 ways");
        GradCheckReport otherEpsilon = GradientCheck.of(kinksAndNonGeneric()).epsilon(1e-6).shard("2/2").run();
        assertThatThrownBy(() -> GradCheckReport.merge(List.of(half, otherEpsilon)))
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("other settings");
        GradCheckReport otherBands = GradientCheck.of(kinksAndNonGeneric()).thresholds(1e-7, 1e-3).shard("2/2").run();
        assertThatThrownBy(() -> GradCheckReport.merge(List.of(half, otherBands)))
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("other settings");
        GradCheckReport noKinks = GradientCheck.of(kinksAndNonGeneric()).detectKinks(false).shard("2/2").run();
        assertThatThrownBy(() -> GradCheckReport.merge(List.of(half, noKinks)))
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("other settings");
        HandNet trained = new HandNet(21, 6, 0.7, HandNet.Bug.NONE);
        GradCheckReport a = GradientCheck.of(trained).shard("1/2").run();
        GradCheckReport b = GradientCheck.of(new HandNet(21, 6, 0.7, HandNet.Bug.NONE)).afterTraining(2).shard("2/2")
                .run();
        assertThatThrownBy(() -> GradCheckReport.merge(List.of(a, b)))
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("phases");
        assertThatThrownBy(() -> GradCheckReport.merge(List.of())).isInstanceOf(GradientCheckException.class);
        assertThatThrownBy(() -> GradCheckReport.merge(List.of(half, GradientCheck.of(kinksAndNonGeneric()).run())))
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("not a shard");
    }
}
