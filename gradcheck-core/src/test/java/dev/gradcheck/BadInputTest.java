package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BadInputTest {

    /** A two-block model J = Σ wᵢ² + Σ bᵢ whose gradients the test can spoil. */
    static final class Toy implements Differentiable {
        final double[] w = {0.5, -1.25, 2.0, 0.75, 0.1 + 0.2, -3.5};
        final double[] b = {0.25, -0.5};
        Supplier<Gradients> gradients = this::correct;
        Supplier<Double> extraCost = () -> 0.0;
        List<ParameterBlock> blocks;

        Toy() {
            blocks = List.of(ParameterBlock.of("W", 2, 3, w), ParameterBlock.of("b", 2, 1, b));
        }

        Gradients correct() {
            double[] dW = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                dW[i] = 2 * w[i];
            }
            return Gradients.builder().put("W", dW).put("b", new double[] {1, 1}).build();
        }

        @Override
        public List<ParameterBlock> parameters() {
            return blocks;
        }

        @Override
        public double cost() {
            double s = 0;
            for (double v : w) {
                s += v * v;
            }
            return s + b[0] + b[1] + extraCost.get();
        }

        @Override
        public Gradients gradients() {
            return gradients.get();
        }
    }

    private static String failure(Consumer<Toy> spoil) {
        Toy toy = new Toy();
        spoil.accept(toy);
        try {
            GradientCheck.of(toy).run();
        } catch (GradientCheckException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a GradientCheckException");
    }

    @Test
    void missingGradientBlockIsNamed() {
        String m = failure(t -> t.gradients = () -> Gradients.builder().put("W", new double[6]).build());
        assertThat(m).contains("no entry for block 'b' (2×1)").contains("it has [W]");
    }

    @Test
    void wrongLengthNamesBlockShapeAndLength() {
        String m = failure(t -> t.gradients = () -> Gradients.builder().put("W", new double[3])
                .put("b", new double[2]).build());
        assertThat(m).contains("dW has 3 values but block W is 2×3 = 6 entries").contains("wrong axis");
    }

    @Test
    void gradientKeyedByComponentNameIsExplained() {
        String m = failure(t -> t.gradients = () -> Gradients.builder().put("dW", new double[6])
                .put("W", new double[6]).put("b", new double[2]).build());
        assertThat(m).contains("[dW]").contains("keyed by the block's name");
    }

    @Test
    void nanInGradientIsNamedWithItsEntry() {
        String m = failure(t -> t.gradients = () -> {
            double[] dW = new double[6];
            dW[4] = Double.NaN;
            return Gradients.builder().put("W", dW).put("b", new double[2]).build();
        });
        assertThat(m).contains("dW[1,1] is NaN");
    }

    @Test
    void infiniteParameterIsNamed() {
        String m = failure(t -> t.b[1] = Double.POSITIVE_INFINITY);
        assertThat(m).contains("b[1,0] is Infinity");
    }

    @Test
    void nonFiniteCostAtThetaIsRefused() {
        String m = failure(t -> t.extraCost = () -> Double.NaN);
        assertThat(m).contains("J(θ) is NaN");
    }

    @Test
    void costOverflowingUnderPerturbationNamesTheEntry() {
        String m = failure(t -> t.extraCost = () -> t.w[2] > 2.0 ? Double.POSITIVE_INFINITY : 0.0);
        assertThat(m).contains("J is Infinity when W[0,2] = 2.0 is moved by +ε");
    }

    @Test
    void randomCostSaysDropoutMayBeOn() {
        java.util.Random r = new java.util.Random(5);
        String m = failure(t -> t.extraCost = () -> r.nextDouble() * 1e-3);
        assertThat(m).contains("for the same θ").contains("Is dropout (or any randomness) still on?")
                .contains("Stochastic");
    }

    @Test
    void costWithHiddenStateIsCaughtAtTheEnd() {
        int[] calls = {0};
        String m = failure(t -> t.extraCost = () -> calls[0]++ > 10 ? 1e-3 : 0.0);
        assertThat(m).contains("J changed during the check");
    }

    @Test
    void emptyParametersAreRefused() {
        String m = failure(t -> t.blocks = List.of());
        assertThat(m).contains("parameters() is empty");
    }

    @Test
    void duplicateNamesAreRefused() {
        String m = failure(t -> t.blocks = List.of(ParameterBlock.of("W", 2, 3, t.w), ParameterBlock.of("W", 2, 1,
                t.b)));
        assertThat(m).contains("two parameter blocks are named 'W' (positions 0 and 1)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1e-7, 0.011, 1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void epsilonOutOfRangeIsRefused(double eps) {
        assertThatThrownBy(() -> GradientCheck.of(new Toy()).epsilon(eps))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ε must be in (0, 0.01]").hasMessageContaining(String.valueOf(eps));
    }

    @Test
    void largestEpsilonIsAccepted() {
        assertThat(GradientCheck.of(new Toy()).epsilon(1e-2).run().verdict()).isEqualTo(Verdict.GOOD);
    }

    @Test
    void blockShapeMustMatchItsArray() {
        assertThatThrownBy(() -> ParameterBlock.of("W3", 2, 3, new double[5]))
                .hasMessage("parameter block 'W3' is declared 2×3 = 6 entries but its array has 5");
        assertThatThrownBy(() -> ParameterBlock.of("b", 0, 1, new double[0])).hasMessageContaining("2×1".replace(
                "2", "0")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> ParameterBlock.of(" ", 1, 1, new double[1])).hasMessageContaining("non-blank");
    }

    @Test
    void trainingPhaseNeedsATrainableModel() {
        assertThatThrownBy(() -> GradientCheck.of(new Toy()).afterTraining(5))
                .hasMessageContaining("needs a model that implements dev.gradcheck.Trainable");
    }

    @Test
    void thresholdsMustBeOrdered() {
        assertThatThrownBy(() -> new Thresholds(1e-3, 1e-6, 100)).hasMessageContaining("0 < good < bug");
    }

    @Test
    void parametersAreRestoredBitExactlyAfterSuccessFailureAndExceptions() {
        List<Consumer<Toy>> scenarios = new ArrayList<>();
        scenarios.add(t -> { });
        scenarios.add(t -> t.gradients = () -> {
            Gradients g = t.correct();
            g.get("W")[2] *= 2;
            return g;
        });
        int[] calls = {0};
        scenarios.add(t -> t.extraCost = () -> {
            if (++calls[0] == 7) {
                throw new IllegalStateException("boom in cost()");
            }
            return 0.0;
        });
        scenarios.add(t -> t.extraCost = () -> t.w[3] != 0.75 ? Double.NaN : 0.0);
        for (Consumer<Toy> s : scenarios) {
            Toy toy = new Toy();
            double[] w = toy.w.clone();
            double[] b = toy.b.clone();
            s.accept(toy);
            try {
                GradientCheck.of(toy).run();
            } catch (RuntimeException expected) {
                // Failure paths are the point; the assertion is on the parameters.
            }
            for (int i = 0; i < w.length; i++) {
                assertThat(Double.doubleToRawLongBits(toy.w[i])).isEqualTo(Double.doubleToRawLongBits(w[i]));
            }
            assertThat(toy.b).isEqualTo(b);
        }
    }

    @Test
    void exceptionFromCostPropagatesUnchanged() {
        Toy toy = new Toy();
        int[] calls = {0};
        toy.extraCost = () -> {
            if (++calls[0] == 5) {
                throw new IllegalStateException("boom in cost()");
            }
            return 0.0;
        };
        assertThatThrownBy(() -> GradientCheck.of(toy).run()).isInstanceOf(IllegalStateException.class)
                .hasMessage("boom in cost()");
    }

    @Test
    void keepProbIsRestoredWhenTheCheckThrows() {
        HandNet net = new HandNet(1, 4, 0, HandNet.Bug.NONE) {
            @Override
            public Gradients gradients() {
                throw new IllegalStateException("backprop exploded");
            }
        };
        net.keepProb(0.5);
        double[] before = net.snapshot();
        assertThatThrownBy(() -> GradientCheck.of(net).run()).hasMessage("backprop exploded");
        assertThat(net.keepProb()).isEqualTo(0.5);
        assertThat(net.snapshot()).isEqualTo(before);
    }
}
