package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two other ways J(θ ± εeᵢ) is obtained give the same numbers as the plain one: a {@link StructuredCost} model's
 * own perturbed costs (asked for exactly the selected range of each block, never in precise mode), and replicas of a
 * {@link Replicable} model on several threads (only as many as the coordinates justify; a failure in a worker
 * reaches the caller unchanged).
 */
class StructuredAndParallelPathsTest {

    /** J = Σ log(1 + exp(wᵢ·xᵢ)) over two blocks; the perturbed costs are computed from J and one changed term. */
    static class Softplus implements Differentiable, StructuredCost {
        final double[] w;
        final double[] x;
        final List<int[]> asked = new ArrayList<>();
        int costCalls;

        Softplus(int n) {
            java.util.Random r = new java.util.Random(8);
            w = new double[n];
            x = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = r.nextGaussian();
                x[i] = r.nextGaussian();
            }
        }

        int offset(int block) {
            return block == 0 ? 0 : 6;
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("W", 2, 3, w, 0), ParameterBlock.of("b", w.length - 6, 1, w, 6));
        }

        static double term(double w, double x) {
            return Math.log1p(Math.exp(w * x));
        }

        @Override
        public double cost() {
            costCalls++;
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                s += term(w[i], x[i]);
            }
            return s;
        }

        @Override
        public Gradients gradients() {
            double[] g = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                g[i] = x[i] / (1 + Math.exp(-w[i] * x[i]));
            }
            return Gradients.builder().put("W", java.util.Arrays.copyOfRange(g, 0, 6))
                    .put("b", java.util.Arrays.copyOfRange(g, 6, w.length)).build();
        }

        @Override
        public void perturbedCosts(int blockIndex, int from, int to, double epsilon, double[] plus, double[] minus) {
            asked.add(new int[] {blockIndex, from, to});
            for (int k = 0; k < to - from; k++) {
                int i = offset(blockIndex) + from + k;
                double old = w[i];
                w[i] = old + epsilon;
                plus[k] = cost();
                w[i] = old - epsilon;
                minus[k] = cost();
                w[i] = old;
            }
        }
    }

    /** The same model without the structured interface. */
    static Differentiable plain(Softplus s) {
        return new Differentiable() {
            @Override
            public List<ParameterBlock> parameters() {
                return s.parameters();
            }

            @Override
            public double cost() {
                return s.cost();
            }

            @Override
            public Gradients gradients() {
                return s.gradients();
            }
        };
    }

    @Test
    void theStructuredCostsGiveThePlainNumbers() {
        Softplus structured = new Softplus(10);
        GradCheckReport a = GradientCheck.of(structured).run();
        assertThat(structured.asked).extracting(r -> r[0] + ":" + r[1] + "-" + r[2]).containsExactly("0:0-6", "1:0-4");
        GradCheckReport b = GradientCheck.of(plain(new Softplus(10))).run();
        assertThat(a.verdict()).isEqualTo(Verdict.GOOD);
        for (int c = 0; c < 2; c++) {
            assertThat(a.components().get(c).numerical()).containsExactly(b.components().get(c).numerical());
        }
        assertThat(a.ratio()).isEqualTo(b.ratio());
        assertThat(a.evaluations()).as("2 per coordinate either way").isEqualTo(b.evaluations());
    }

    @Test
    void aShardAsksOnlyForItsOwnRange() {
        Softplus structured = new Softplus(10);
        GradientCheck.of(structured).shard("2/3").run();
        // 10 coordinates in 3 shards: shard 2 is [3, 6), all in W (entries 3..5).
        assertThat(structured.asked).extracting(r -> r[0] + ":" + r[1] + "-" + r[2]).containsExactly("0:3-6");
        Softplus last = new Softplus(10);
        GradientCheck.of(last).shard("3/3").run();
        assertThat(last.asked).extracting(r -> r[0] + ":" + r[1] + "-" + r[2]).containsExactly("1:0-4");
    }

    @Test
    void preciseModeDoesNotUseTheStructuredCosts() {
        Softplus structured = new Softplus(10);
        GradCheckReport r = GradientCheck.of(structured).precise().run();
        assertThat(structured.asked).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.GOOD);
    }

    /** A replicable sum of squares that counts its replicas and can fail in a replica's cost. */
    static class Counted implements Differentiable, Replicable {
        final double[] w;
        final int[] replicas;
        final RuntimeException failure;
        final Error error;
        final boolean isReplica;

        Counted(double[] w, int[] replicas, RuntimeException failure, Error error, boolean isReplica) {
            this.w = w;
            this.replicas = replicas;
            this.failure = failure;
            this.error = error;
            this.isReplica = isReplica;
        }

        static Counted of(int n, RuntimeException failure, Error error) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 0.01 * (i + 1);
            }
            return new Counted(w, new int[1], failure, error, false);
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("w", 1, w.length, w));
        }

        @Override
        public double cost() {
            if (isReplica && failure != null) {
                throw failure;
            }
            if (isReplica && error != null) {
                throw error;
            }
            double s = 0;
            for (double v : w) {
                s += v * v;
            }
            return s / 2;
        }

        @Override
        public Gradients gradients() {
            return Gradients.builder().put("w", w.clone()).build();
        }

        @Override
        public Differentiable replicate() {
            replicas[0]++;
            return new Counted(w.clone(), replicas, failure, error, true);
        }
    }

    @Test
    void fewCoordinatesAreNotSplitOverThreads() {
        Counted small = Counted.of(100, null, null);
        assertThat(GradientCheck.of(small).threads(2).run().verdict()).isEqualTo(Verdict.GOOD);
        assertThat(small.replicas[0]).as("100 coordinates: one part of at least 64").isZero();
        Counted big = Counted.of(200, null, null);
        assertThat(GradientCheck.of(big).threads(2).run().verdict()).isEqualTo(Verdict.GOOD);
        assertThat(big.replicas[0]).as("200 coordinates on 2 threads: one replica").isEqualTo(1);
        Counted capped = Counted.of(200, null, null);
        GradientCheck.of(capped).threads(8).run();
        assertThat(capped.replicas[0]).as("200 coordinates: at most 3 parts of 64").isEqualTo(2);
    }

    @Test
    void aFailureInAWorkerReachesTheCallerUnchanged() {
        IllegalStateException boom = new IllegalStateException("replica broke");
        Counted failing = Counted.of(200, boom, null);
        assertThatThrownBy(() -> GradientCheck.of(failing).threads(2).run()).isSameAs(boom);
        assertThat(failing.w[0]).as("the original written back").isEqualTo(0.01);

        AssertionError error = new AssertionError("replica asserted");
        Counted erring = Counted.of(200, null, error);
        assertThatThrownBy(() -> GradientCheck.of(erring).threads(2).run()).isSameAs(error);
    }
}
