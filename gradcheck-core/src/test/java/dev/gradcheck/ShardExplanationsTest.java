package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A merge of shards judges exactly as the unsplit check does, also where the judgement explains entries: kinks (at
 * twice the step), non-generic points (a hair away, same jitter in every shard), truncation (Richardson). Only the
 * re-measurement at a larger step, which needs a whole component, is left to unsplit checks (docs/sharding.md).
 */
class ShardExplanationsTest {

    /** The non-generic point of {@link NonGenericPointTest}, a relu at its kink, and a truncation-sized step. */
    private static Differentiable model(String kind) {
        return switch (kind) {
            case "non-generic" -> VectorFunction.of(NonGenericPointTest.THETA.clone(), NonGenericPointTest::cost,
                    t -> NonGenericPointTest.gradient(t, 1));
            case "non-generic-bug" -> VectorFunction.of(NonGenericPointTest.THETA.clone(), NonGenericPointTest::cost,
                    t -> NonGenericPointTest.gradient(t, 3));
            case "kink" -> VectorFunction.of(new double[] {3e-8, 0.5, -0.7, 1.2, 0.0, -0.3}, t -> {
                double s = 0;
                for (int i = 0; i < t.length; i++) {
                    s += (i + 1) * Math.max(0, t[i]) + 0.1 * t[i] * t[i];
                }
                return s;
            }, t -> {
                double[] g = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                    g[i] = (t[i] > 0 ? i + 1 : 0) + 0.2 * t[i];
                }
                return g;
            });
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static GradCheckReport run(Supplier<Differentiable> m, Shard shard, double epsilon) {
        GradientCheck c = GradientCheck.of(m.get()).epsilon(epsilon).epsilonSweep(false);
        return shard == null ? c.run() : c.shard(shard).run();
    }

    @ParameterizedTest
    @ValueSource(strings = {"non-generic", "non-generic-bug", "kink"})
    void mergedShardsJudgeAsTheUnsplitCheck(String kind) {
        for (double epsilon : new double[] {1e-7, 1e-3}) {
            GradCheckReport whole = run(() -> model(kind), null, epsilon);
            List<GradCheckReport> shards = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                // Through the maps, as CI jobs hand shards to the merge.
                shards.add(GradCheckReport.fromMap(run(() -> model(kind), new Shard(k, 3), epsilon).toMap()));
            }
            GradCheckReport merged = GradCheckReport.merge(shards);
            assertThat(merged.verdict()).as("%s at ε %s%n%s%n%s", kind, epsilon, whole, merged)
                    .isEqualTo(whole.verdict());
            assertThat(merged.ratio()).isEqualTo(whole.ratio());
            assertThat(merged.judgedRatio()).isEqualTo(whole.judgedRatio());
            ComponentResult a = whole.components().get(0);
            ComponentResult b = merged.components().get(0);
            assertThat(b.judgedEntries()).isEqualTo(a.judgedEntries());
            assertThat(b.setAsideEntries()).isEqualTo(a.setAsideEntries());
            assertThat(b.findings()).isEqualTo(a.findings());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"non-generic", "kink"})
    void theExplanationPathsAreTaken(String kind) {
        ComponentResult c = run(() -> model(kind), null, 1e-7).components().get(0);
        Finding.Kind expected = kind.equals("kink") ? Finding.Kind.KINKS : Finding.Kind.NON_GENERIC;
        assertThat(c.findings()).extracting(Finding::kind).contains(expected);
    }
}
