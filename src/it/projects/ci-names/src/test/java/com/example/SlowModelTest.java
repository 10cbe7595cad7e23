package com.example;

import java.util.List;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.junit.GradCheck;

/**
 * A check that runs over 10 s, as a large model's does, so that the build log must show progress lines. The cost is
 * made slow on purpose (a short sleep per evaluation) rather than by size, so that it takes long on any machine
 * without burning the CPU the other builds share. J = Σ (i+1)·w_i².
 */
class SlowModelTest {
    static final class Slow implements Differentiable {
        final double[] w = new double[120];

        Slow() {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.sin(i + 1);
            }
        }

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("W1", 12, 10, w));
        }

        @Override
        public double cost() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            double j = 0;
            for (int i = 0; i < w.length; i++) {
                j += (i + 1) * w[i] * w[i];
            }
            return j;
        }

        @Override
        public Gradients gradients() {
            double[] dw = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                dw[i] = 2 * (i + 1) * w[i];
            }
            return Gradients.builder().put("W1", dw).build();
        }

        @Override
        public String toString() {
            return "slow";
        }
    }

    static Slow slow() {
        return new Slow();
    }

    @GradCheck
    void slow(Slow model) {
    }
}
