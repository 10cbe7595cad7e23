package dev.gradcheck.nets;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Regularized;
import dev.gradcheck.Stochastic;
import dev.gradcheck.StructuredCost;
import dev.gradcheck.Trainable;
import dev.gradcheck.nets.bugs.Bug;
import dev.gradcheck.nets.cli.Settings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole check through the structured path ({@code GradientCheck.of(net)}: the core sees a {@link StructuredCost})
 * against the same check through the plain path (the same network behind {@link Plain}, which is everything the
 * network is except StructuredCost and Replicable): every phase (at initialization, dropout with frozen masks, after
 * training), every component, every entry's numerical derivative equal up to round-off, and the same verdicts.
 *
 * <p>The bound per entry: each J differs by at most {@value PerturbedForwardTest#ULPS} ulps of |J| between the
 * paths (see {@link PerturbedForwardTest}), so the central difference (J₊ − J₋)/2ε by at most that many ulps of |J|
 * divided by ε.
 */
class StructuredCheckTest {

    /** The network with every capability but StructuredCost (and Replicable, so the plain path is single-threaded). */
    record Plain(Network net) implements Differentiable, Stochastic, Trainable, Regularized {
        @Override
        public List<ParameterBlock> parameters() {
            return net.parameters();
        }

        @Override
        public double cost() {
            return net.cost();
        }

        @Override
        public Gradients gradients() {
            return net.gradients();
        }

        @Override
        public double keepProb() {
            return net.keepProb();
        }

        @Override
        public void keepProb(double p) {
            net.keepProb(p);
        }

        @Override
        public boolean freezeMasks() {
            return net.freezeMasks();
        }

        @Override
        public void unfreezeMasks() {
            net.unfreezeMasks();
        }

        @Override
        public void train(int steps) {
            net.train(steps);
        }

        @Override
        public double regularizationCost() {
            return net.regularizationCost();
        }

        @Override
        public Gradients regularizationGradients() {
            return net.regularizationGradients();
        }
    }

    static Stream<Arguments> networks() {
        List<Arguments> all = new ArrayList<>();
        for (Activation g : Activation.values()) {
            for (Loss loss : Loss.values()) {
                int out = loss == Loss.SIGMOID_CE ? 1 : 3;
                all.add(Arguments.of(g.label() + " × " + loss.label() + " · λ 0.7 · keep-prob 0.8 · m 6", (Supplier<Network>)
                        () -> Network.builder().layers(4, 6, 5, out).activation(g).loss(loss).lambda(0.7).keepProb(0.8)
                                .init(g == Activation.RELU || g == Activation.LEAKY_RELU ? Init.HE : Init.XAVIER)
                                .batch(6).seed(37).build()));
            }
        }
        for (int[] layers : List.of(new int[] {5, 2}, new int[] {5, 4, 1}, new int[] {3, 7, 6, 5, 4, 2})) {
            for (int m : new int[] {1, 9}) {
                all.add(Arguments.of("relu · depth " + (layers.length - 1) + " · L1 · m " + m, (Supplier<Network>)
                        () -> Network.builder().layers(layers).l1(0.2).lambda(0.1).batch(m).seed(41).build()));
            }
        }
        all.add(Arguments.of("relu · layers 20,16,12,4 · m 16", (Supplier<Network>)
                () -> Network.builder().layers(20, 16, 12, 4).loss(Loss.SOFTMAX_CE).lambda(0.7).batch(16).seed(43)
                        .build()));
        for (Bug bug : Bug.values()) {
            all.add(Arguments.of("bug " + bug, (Supplier<Network>) () -> Settings.forBug(bug).build()));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void theNumericalGradientIsThePlainPathsAtEveryPhase(String name, Supplier<Network> network) {
        Network a = network.get();
        Network b = network.get();
        List<double[]> before = a.snapshot();
        GradCheckReport structured = GradientCheck.of(a).afterTraining(25).progress(false).run();
        GradCheckReport plain = GradientCheck.of(new Plain(b)).afterTraining(25).progress(false).run();
        PerturbedForwardTest.assertBitIdentical(before, a.snapshot());
        assertThat(structured.verdict()).as("%s%n%s", structured, plain).isEqualTo(plain.verdict());
        assertThat(structured.phases()).hasSameSizeAs(plain.phases()).hasSizeGreaterThanOrEqualTo(2);
        for (int p = 0; p < plain.phases().size(); p++) {
            PhaseResult ps = structured.phases().get(p);
            PhaseResult pp = plain.phases().get(p);
            assertThat(ps.phase()).isEqualTo(pp.phase());
            assertThat(ps.cost()).as("J at %s", pp.phase()).isEqualTo(pp.cost());
            double bound = PerturbedForwardTest.ULPS * PerturbedForwardTest.U * Math.abs(pp.cost())
                    / structured.epsilon();
            for (ComponentResult cp : pp.components()) {
                ComponentResult cs = ps.component(cp.name()).orElseThrow();
                double[] ns = cs.numerical();
                double[] np = cp.numerical();
                assertThat(ns).hasSameSizeAs(np);
                for (int i = 0; i < np.length; i++) {
                    assertThat(Math.abs(ns[i] - np[i])).as("%s %s entry %d: %s vs %s", pp.phase(), cp.name(), i,
                            ns[i], np[i]).isLessThanOrEqualTo(bound);
                }
                assertThat(cs.verdict()).as("%s %s%n%s%n%s", pp.phase(), cp.name(), structured, plain)
                        .isEqualTo(cp.verdict());
            }
        }
    }
}
