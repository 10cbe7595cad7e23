package dev.gradcheck.nets;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.StructuredCost;
import dev.gradcheck.Verdict;
import dev.gradcheck.nets.bugs.Bug;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The numerical side must never inherit a derivative bug: the structured path's polynomials are built from slopes and
 * from the loss's Taylor coefficients, the same kind of quantities backprop uses, so these tests break those inputs
 * through {@link PerturbedForward}'s seams in the same way as a broken backprop, and the check must still say BUG.
 * Had the structured path trusted them, the broken numerical gradient would agree with the broken backprop and the
 * check would pass.
 */
class StructuredIndependenceTest {

    /**
     * relu'(Z) taken as A (the catalogue's {@link Bug#RELU_DERIVATIVE_FROM_A}) in backprop, and the same broken
     * derivative handed to the structured path as its slopes: dW1's numerical gradient would then be backprop's.
     */
    @Test
    void aBrokenActivationDerivativeInTheTangentsDoesNotHideTheBug() {
        Network net = Network.builder().layers(6, 8, 5, 2).activation(Activation.RELU).bug(Bug.RELU_DERIVATIVE_FROM_A)
                .lambda(0).batch(16).seed(41).build();
        net.structured().slopes(z -> Activation.RELU.g(z));

        GradCheckReport report = GradientCheck.of(net).run();

        ComponentResult dW1 = report.component("dW1").orElseThrow();
        assertThat(dW1.verdict()).as("dW1 (relative error %s) with the bug below it", dW1.ratio())
                .isEqualTo(Verdict.BUG);
        assertThat(net.structured().rejectedTaylor())
                .as("(row, example) pairs where the polynomial disagreed with the exact change").isPositive();
    }

    /** The same network and slopes, without the bug in backprop: the check passes (the seam alone breaks nothing). */
    @Test
    void theBrokenSlopesAloneLeaveACorrectNetworkGood() {
        Network net = Network.builder().layers(6, 8, 5, 2).activation(Activation.RELU).lambda(0).batch(16).seed(41)
                .build();
        net.structured().slopes(z -> Activation.RELU.g(z));

        assertThat(GradientCheck.of(net).run().verdict()).isEqualTo(Verdict.GOOD);
    }

    /**
     * dZ[L] with its sign flipped in backprop (every gradient negated, λ = 0) and the loss's first Taylor coefficient
     * ∇ℓ·s flipped the same way for the structured path: relu (affine way) and tanh, sigmoid (second-order way).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIGMOID"})
    void brokenTaylorCoefficientsDoNotHideAFlippedOutputGradient(Activation g) {
        Network net = Network.builder().layers(6, 8, 5, 2).activation(g).lambda(0).batch(16).seed(43).build();
        net.structured().taylor((a, y, off, s, units, into, at) -> {
            net.loss().directional(a, y, off, s, units, into, at);
            into[at] = -into[at];
        });

        GradCheckReport report = GradientCheck.of(new Negated(net)).run();

        for (String name : List.of("dW1", "db1", "dW2", "db2")) {
            ComponentResult c = report.component(name).orElseThrow();
            assertThat(c.verdict()).as("%s (relative error %s) with backprop's sign flipped", name, c.ratio())
                    .isEqualTo(Verdict.BUG);
        }
        assertThat(net.structured().rejectedTaylor()).isPositive();
    }

    /** Broken coefficients cost speed, not numbers: every J(θ ± εeᵢ) is still the plain path's. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIGMOID"})
    void brokenTaylorCoefficientsStillGiveThePlainPathsCosts(Activation g) {
        Network net = Network.builder().layers(5, 7, 6, 3).activation(g).lambda(0.7).batch(9).seed(47).build();
        net.structured().taylor((a, y, off, s, units, into, at) -> {
            net.loss().directional(a, y, off, s, units, into, at);
            into[at] *= 1.5;
            into[at + 1] *= -3;
        });
        double j0 = net.cost();
        List<ParameterBlock> blocks = net.parameters();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            double[] plus = new double[block.size()];
            double[] minus = new double[block.size()];
            net.perturbedCosts(b, 0, block.size(), 1e-7, plus, minus);
            for (int i = 0; i < block.size(); i++) {
                double old = block.get(i);
                block.set(i, old + 1e-7);
                double jPlus = net.cost();
                block.set(i, old - 1e-7);
                double jMinus = net.cost();
                block.set(i, old);
                double within = PerturbedForwardTest.ULPS * PerturbedForwardTest.U * Math.abs(j0);
                assertThat(Math.abs(plus[i] - jPlus)).as("J(%s + ε) at entry %d off the plain path", block.name(), i)
                        .isLessThanOrEqualTo(within);
                assertThat(Math.abs(minus[i] - jMinus)).as("J(%s − ε) at entry %d off the plain path", block.name(), i)
                        .isLessThanOrEqualTo(within);
            }
        }
        assertThat(net.structured().rejectedTaylor()).isPositive();
    }

    /** The network with every gradient negated: what backprop gives when dZ[L] = Y − A (λ = 0). */
    record Negated(Network net) implements Differentiable, StructuredCost {
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
            Gradients g = net.gradients();
            Gradients.Builder flipped = Gradients.builder();
            for (String name : g.names()) {
                double[] v = g.get(name).clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] = -v[i];
                }
                flipped.put(name, v);
            }
            return flipped.build();
        }

        @Override
        public void perturbedCosts(int blockIndex, int from, int to, double epsilon, double[] costPlus,
                                   double[] costMinus) {
            net.perturbedCosts(blockIndex, from, to, epsilon, costPlus, costMinus);
        }
    }
}
