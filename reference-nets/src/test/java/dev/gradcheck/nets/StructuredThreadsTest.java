package dev.gradcheck.nets;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.ParameterBlock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structured path on several threads: a call large enough to run its pieces on all cores gives, bit for bit, the
 * numbers of one thread (each piece is computed from its own start, whichever thread takes it), and so does the
 * whole check.
 */
class StructuredThreadsTest {

    @AfterEach
    void oneDefault() {
        System.clearProperty(PerturbedForward.THREADS_PROPERTY);
    }

    /** 40-64-48-3 on 64 examples: W1's 2,560 entries × 64 examples × 64 units is above PARALLEL_WORK. */
    private static Network network(Activation g) {
        return Network.builder().layers(40, 64, 48, 3).activation(g).lambda(0.7).batch(64).seed(53).build();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIGMOID"})
    void everyCostIsBitIdenticalOnOneTwoAndThreeThreads(Activation g) {
        Network net = network(g);
        assertThat(2560L * 64 * 64).isGreaterThanOrEqualTo(PerturbedForward.PARALLEL_WORK);
        List<long[]> one = costs(net, 1);
        List<long[]> two = costs(net, 2);
        assertThat(net.structured().lanes()).as("lanes of scratch memory in use").isGreaterThanOrEqualTo(2);
        List<long[]> three = costs(net, 3);
        for (int b = 0; b < one.size(); b++) {
            assertThat(two.get(b)).as("block %d on two threads", b).containsExactly(one.get(b));
            assertThat(three.get(b)).as("block %d on three threads", b).containsExactly(one.get(b));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Activation.class, names = {"RELU", "TANH"})
    void theWholeCheckIsBitIdenticalOnTwoThreads(Activation g) {
        System.setProperty(PerturbedForward.THREADS_PROPERTY, "1");
        GradCheckReport one = GradientCheck.of(network(g)).run();
        System.setProperty(PerturbedForward.THREADS_PROPERTY, "2");
        GradCheckReport two = GradientCheck.of(network(g)).run();

        assertThat(Double.doubleToRawLongBits(two.ratio())).as("the ratio, bit for bit")
                .isEqualTo(Double.doubleToRawLongBits(one.ratio()));
        assertThat(two.components()).hasSameSizeAs(one.components());
        for (int i = 0; i < one.components().size(); i++) {
            assertThat(Double.doubleToRawLongBits(two.components().get(i).ratio()))
                    .as("%s's ratio, bit for bit", one.components().get(i).name())
                    .isEqualTo(Double.doubleToRawLongBits(one.components().get(i).ratio()));
            assertThat(Double.doubleToRawLongBits(two.components().get(i).numericalNorm()))
                    .as("%s's numerical norm, bit for bit", one.components().get(i).name())
                    .isEqualTo(Double.doubleToRawLongBits(one.components().get(i).numericalNorm()));
        }
    }

    /** Every block's J(θ + εeᵢ) then J(θ − εeᵢ) as raw bits, in chunks like the core's (4,096 entries). */
    private static List<long[]> costs(Network net, int threads) {
        System.setProperty(PerturbedForward.THREADS_PROPERTY, Integer.toString(threads));
        List<long[]> all = new ArrayList<>();
        List<ParameterBlock> blocks = net.parameters();
        for (int b = 0; b < blocks.size(); b++) {
            int size = blocks.get(b).size();
            long[] bits = new long[2 * size];
            double[] plus = new double[size];
            double[] minus = new double[size];
            for (int from = 0; from < size; from += 4096) {
                int to = Math.min(size, from + 4096);
                net.perturbedCosts(b, from, to, 1e-7, plus, minus);
                for (int i = from; i < to; i++) {
                    bits[2 * i] = Double.doubleToRawLongBits(plus[i - from]);
                    bits[2 * i + 1] = Double.doubleToRawLongBits(minus[i - from]);
                }
            }
            all.add(bits);
        }
        return all;
    }
}
