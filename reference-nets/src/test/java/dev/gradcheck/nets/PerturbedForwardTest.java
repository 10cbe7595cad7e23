package dev.gradcheck.nets;

import dev.gradcheck.ParameterBlock;
import dev.gradcheck.nets.bugs.Bug;
import dev.gradcheck.nets.cli.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Network#perturbedCosts} against the plain path (entry set, cost(), entry written back) for every entry of
 * every block of small networks: every activation × loss, L2, L1, frozen dropout masks, depths 1 to 4, batches of 1
 * and 7, after training, the catalogue's bugs, steps from 5e-8 to 1e-2 (large steps cross relu kinks in the layers
 * above, which the affine way must hand to the stacked one).
 *
 * <p>The bound: |J_structured − J_plain| ≤ {@value #ULPS}·u·|J(θ)|, u = 2⁻⁵³. The core already takes one evaluation
 * of J to be off by up to {@code Comparison.COST_ROUNDING_ULPS} = 64 ulps of |J| (sums over the batch, dgemms); two
 * evaluations that are each that close to the exact J are within twice that of each other. What is measured here is
 * far below (a few ulps).
 */
class PerturbedForwardTest {
    static final double U = 0x1p-53;
    static final int ULPS = 32;

    /** A network and what it is, for the test's name. */
    record Case(String name, Supplier<Network> network) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        for (Activation g : Activation.values()) {
            for (Loss loss : Loss.values()) {
                int out = loss == Loss.SIGMOID_CE ? 2 : 3;
                all.add(new Case(g.label() + " × " + loss.label() + " · 4,5,4," + out + " · λ 0.7 · m 7",
                        () -> Network.builder().layers(4, 5, 4, out).activation(g).loss(loss).lambda(0.7).batch(7)
                                .init(Init.XAVIER).seed(3).build()));
            }
        }
        for (Activation g : List.of(Activation.RELU, Activation.TANH)) {
            for (int[] layers : List.of(new int[] {4, 3}, new int[] {4, 5, 1}, new int[] {3, 6, 5, 4, 2})) {
                for (int m : new int[] {1, 7}) {
                    all.add(new Case(g.label() + " · depth " + (layers.length - 1) + " · m " + m,
                            () -> Network.builder().layers(layers).activation(g).lambda(0.3).batch(m).seed(5).build()));
                }
            }
            all.add(new Case(g.label() + " · L1 and L2", () -> Network.builder().layers(4, 5, 4, 2).activation(g)
                    .lambda(0.7).l1(0.2).batch(6).seed(7).build()));
            all.add(new Case(g.label() + " · frozen dropout masks 0.8/0.6", () -> frozen(Network.builder()
                    .layers(4, 6, 5, 4, 2).activation(g).keepProbs(0.8, 0.6, 0.7).lambda(0.7).batch(6).seed(9).build())));
            all.add(new Case(g.label() + " · after 40 steps", () -> trained(Network.builder().layers(4, 5, 4, 1)
                    .activation(g).lambda(0.7).l1(0.1).batch(8).seed(13).build(), 40)));
        }
        for (Activation g : List.of(Activation.RELU, Activation.LEAKY_RELU)) {
            all.add(new Case(g.label() + " · layer-2 units 3e-3 from the kink", () -> nearKink(Network.builder()
                    .layers(4, 6, 5, 3, 2).activation(g).lambda(0.7).batch(5).seed(19).build(), 3e-3)));
        }
        all.add(new Case("leaky-relu · softmax-ce · frozen dropout · L1 · after 30 steps", () -> frozen(trained(
                Network.builder().layers(5, 7, 6, 3).activation(Activation.LEAKY_RELU).loss(Loss.SOFTMAX_CE)
                        .keepProb(0.7).l1(0.3).batch(9).seed(17).build(), 30))));
        for (Bug bug : Bug.values()) {
            all.add(new Case("bug " + bug, () -> frozen(Settings.forBug(bug).with(e -> {
                e.lambda = 0.7;
                e.l1 = 0.2;
            }).build())));
        }
        return all.stream();
    }

    static Stream<Arguments> casesAndSteps() {
        return cases().flatMap(c -> Stream.of(1e-7, 5e-8, 1e-4, 1e-2).map(e -> Arguments.of(c, e)));
    }

    private static Network frozen(Network net) {
        if (net.keepProb() < 1) {
            net.freezeMasks();
        }
        return net;
    }

    /**
     * Moves b[2] so that unit u of layer 2 has Z[2] = {@code distance} on example u mod m: perturbations of layer 1
     * by more than that push it across relu's kink, where the affine way must give up.
     */
    static Network nearKink(Network net, double distance) {
        Matrix x = net.batch().X();
        Matrix a1 = Blas.multiply(net.W(1), x);
        for (int u = 0; u < a1.rows(); u++) {
            for (int c = 0; c < a1.cols(); c++) {
                a1.set(u, c, net.activation().g(a1.get(u, c) + net.b(1).get(u, 0)));
            }
        }
        Matrix z2 = Blas.multiply(net.W(2), a1);
        for (int u = 0; u < z2.rows(); u++) {
            net.b(2).set(u, 0, distance - z2.get(u, u % z2.cols()));
        }
        return net;
    }

    private static Network trained(Network net, int steps) {
        net.train(steps);
        return net;
    }

    @ParameterizedTest(name = "{0} · ε {1}")
    @MethodSource("casesAndSteps")
    void everyEntryGivesThePlainPathsCost(Case c, double epsilon) {
        Network net = c.network().get();
        List<double[]> before = net.snapshot();
        double j0 = net.cost();
        List<ParameterBlock> blocks = net.parameters();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            int size = block.size();
            double[] plus = new double[size];
            double[] minus = new double[size];
            net.perturbedCosts(b, 0, size, epsilon, plus, minus);
            for (int i = 0; i < size; i++) {
                double[] plain = plain(net, block, i, epsilon);
                assertThat(plus[i]).as("J(%s + ε) at entry %d", block.name(), i)
                        .isCloseTo(plain[0], within(ULPS * U * Math.abs(j0)));
                assertThat(minus[i]).as("J(%s − ε) at entry %d", block.name(), i)
                        .isCloseTo(plain[1], within(ULPS * U * Math.abs(j0)));
            }
        }
        assertBitIdentical(before, net.snapshot());
        assertThat(net.cost()).isEqualTo(j0);
    }

    /** Stacked matrices of 1 row, or a few rows that split one perturbation's examples: the same numbers. */
    @ParameterizedTest(name = "stack of {0} doubles")
    @ValueSource(ints = {1, 13, 97})
    void smallStacksGiveThePlainPathsCostToo(int doubles) {
        for (Network net : List.of(
                Network.builder().layers(4, 6, 5, 3, 2).activation(Activation.TANH).loss(Loss.SOFTMAX_CE).lambda(0.7)
                        .batch(7).seed(23).build(),
                nearKink(Network.builder().layers(4, 6, 5, 3, 2).lambda(0.7).batch(5).seed(19).build(), 3e-3))) {
            net.structuredStack(doubles);
            double j0 = net.cost();
            for (double epsilon : new double[] {1e-7, 1e-2}) {
                List<ParameterBlock> blocks = net.parameters();
                for (int b = 0; b < blocks.size(); b++) {
                    assertMatchesPlain(net, b, 0, blocks.get(b).size(), epsilon, j0);
                }
            }
        }
    }

    /** Any range, down to one entry, and any ε (the core confirms kinks with ε/2 on one entry). */
    @Test
    void anyRangeAndAnyStepGiveThePlainPathsCost() {
        Network net = nearKink(Network.builder().layers(4, 6, 5, 3, 2).l1(0.3).lambda(0.7).batch(5).seed(29).build(),
                1e-3);
        double j0 = net.cost();
        List<ParameterBlock> blocks = net.parameters();
        for (int b = 0; b < blocks.size(); b++) {
            int size = blocks.get(b).size();
            for (int from = 0; from < size; from += 3) {
                assertMatchesPlain(net, b, from, Math.min(size, from + 1 + from % 5), 1e-7 / 2, j0);
            }
            for (double epsilon : new double[] {3e-3, -1e-7, 0, 0.5}) {
                assertMatchesPlain(net, b, size / 2, size / 2 + 1, epsilon, j0);
            }
            assertMatchesPlain(net, b, size, size, 1e-7, j0);
        }
    }

    private static void assertMatchesPlain(Network net, int b, int from, int to, double epsilon, double j0) {
        ParameterBlock block = net.parameters().get(b);
        List<double[]> before = net.snapshot();
        double[] plus = new double[to - from + 2];
        double[] minus = new double[to - from + 2];
        plus[to - from] = minus[to - from] = 42;
        net.perturbedCosts(b, from, to, epsilon, plus, minus);
        assertBitIdentical(before, net.snapshot());
        assertThat(plus[to - from]).as("beyond the range").isEqualTo(42);
        for (int i = from; i < to; i++) {
            double[] plain = plain(net, block, i, epsilon);
            assertThat(plus[i - from]).as("J(%s + ε) at entry %d, ε %s", block.name(), i, epsilon)
                    .isCloseTo(plain[0], within(ULPS * U * Math.abs(j0)));
            assertThat(minus[i - from]).as("J(%s − ε) at entry %d, ε %s", block.name(), i, epsilon)
                    .isCloseTo(plain[1], within(ULPS * U * Math.abs(j0)));
        }
    }

    /**
     * Dropout on and masks not frozen: J is random, so each value is cost() itself with the entry set, drawing masks
     * as cost() does: a replica (same generator position) going the plain way gives the very same doubles.
     */
    @Test
    void withFreshMasksEveryValueIsCostItself() {
        Network net = Network.builder().layers(4, 5, 4, 2).keepProb(0.6).lambda(0.7).batch(6).seed(31).build();
        Network replica = net.replicate();
        for (int b = 0; b < 2; b++) {
            int size = net.parameters().get(b).size();
            double[] plus = new double[size];
            double[] minus = new double[size];
            net.perturbedCosts(b, 0, size, 1e-7, plus, minus);
            ParameterBlock block = replica.parameters().get(b);
            for (int i = 0; i < size; i++) {
                double[] plain = plain(replica, block, i, 1e-7);
                assertThat(plus[i]).isEqualTo(plain[0]);
                assertThat(minus[i]).isEqualTo(plain[1]);
            }
        }
        assertBitIdentical(replica.snapshot(), net.snapshot());
    }

    @Test
    void refusesBlocksAndRangesThatDoNotExist() {
        Network net = Network.builder().layers(4, 5, 1).build();
        double[] v = new double[32];
        assertThatThrownBy(() -> net.perturbedCosts(4, 0, 1, 1e-7, v, v)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("blocks are 0..3");
        assertThatThrownBy(() -> net.perturbedCosts(0, 3, 21, 1e-7, v, v)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("W1 (20 entries)");
        assertThatThrownBy(() -> net.perturbedCosts(0, 3, 2, 1e-7, v, v)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> net.perturbedCosts(0, 0, 20, 1e-7, new double[19], v))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 20 values");
    }

    /** J(θ + εeᵢ), J(θ − εeᵢ) the plain way. */
    private static double[] plain(Network net, ParameterBlock block, int i, double epsilon) {
        double old = block.get(i);
        try {
            block.set(i, old + epsilon);
            double plus = net.cost();
            block.set(i, old - epsilon);
            return new double[] {plus, net.cost()};
        } finally {
            block.set(i, old);
        }
    }

    static void assertBitIdentical(List<double[]> expected, List<double[]> actual) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int b = 0; b < expected.size(); b++) {
            long[] e = bits(expected.get(b));
            assertThat(bits(actual.get(b))).as("block %d, bit for bit", b).containsExactly(e);
        }
    }

    private static long[] bits(double[] v) {
        long[] r = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Double.doubleToRawLongBits(v[i]);
        }
        return r;
    }
}
