package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the checker asks of a model, each refused with its own error: live blocks (not fresh copies), a cost that
 * leaves θ alone (restored when it does not), a deterministic cost (with the difference it showed), gradients keyed
 * by the blocks' names.
 */
class ModelContractTest {

    /** A two-entry model whose cost() can misbehave. */
    static class Misbehaving implements Differentiable {
        final double[] w = {0.5, -0.25};
        boolean writes;
        boolean random;
        boolean copies;
        String gradientName = "w";
        int calls;

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("w", 1, 2, copies ? w.clone() : w));
        }

        @Override
        public double cost() {
            calls++;
            if (writes) {
                w[1] += 1e-3;
            }
            return w[0] * w[0] + w[1] * w[1] + (random ? 0.5 * calls : 0);
        }

        @Override
        public Gradients gradients() {
            return Gradients.builder().put(gradientName, new double[] {2 * w[0], 2 * w[1]}).build();
        }
    }

    static final class MisbehavingStochastic extends Misbehaving implements Stochastic {
        @Override
        public double keepProb() {
            return 1.0;
        }

        @Override
        public void keepProb(double p) {
        }
    }

    @Test
    void aCostThatWritesIntoThetaIsNamedAndUndone() {
        Misbehaving m = new Misbehaving();
        m.writes = true;
        assertThatThrownBy(() -> GradientCheck.of(m).run()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("w[0,1]").hasMessageContaining("-0.25");
        assertThat(m.w).containsExactly(0.5, -0.25);
    }

    @Test
    void aRandomCostShowsItsDifferenceAndAsksAboutDropout() {
        Misbehaving plain = new Misbehaving();
        plain.random = true;
        Misbehaving stochastic = new MisbehavingStochastic();
        stochastic.random = true;
        String a = messageOf(plain);
        String b = messageOf(stochastic);
        assertThat(a).contains("difference 0.5").contains("implement dev.gradcheck.Stochastic");
        assertThat(b).contains("difference 0.5").doesNotContain("implement dev.gradcheck.Stochastic");
    }

    @Test
    void freshCopiesAreRefusedAsCopies() {
        Misbehaving m = new Misbehaving();
        m.copies = true;
        assertThat(messageOf(m)).contains("returns copies").contains("w[0,0]");
    }

    @Test
    void gradientsUnderOtherNamesListTheBlocks() {
        Misbehaving m = new Misbehaving();
        m.gradientName = "v";
        assertThat(messageOf(m)).contains("[w]");
    }

    static String messageOf(Differentiable m) {
        try {
            GradientCheck.of(m).run();
        } catch (GradientCheckException e) {
            return e.getMessage();
        }
        throw new AssertionError("no GradientCheckException");
    }
}
