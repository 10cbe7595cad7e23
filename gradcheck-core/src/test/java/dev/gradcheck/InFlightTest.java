package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A second thread entering a check of a model that another thread is checking gets a clear error. */
class InFlightTest {

    /** A model whose cost() waits until the test lets it go, so that a check is held open at a known point. */
    static final class Gate implements Differentiable {
        final double[] w = {0.5, -0.25};
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("w", 2, 1, w));
        }

        @Override
        public double cost() {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return w[0] * w[0] + 3 * w[1];
        }

        @Override
        public Gradients gradients() {
            return Gradients.builder().put("w", new double[]{2 * w[0], 3}).build();
        }

        @Override
        public String toString() {
            return "gate";
        }
    }

    @Test
    void aSecondThreadCheckingTheSameInstanceIsRefusedByName() throws Exception {
        Gate model = new Gate();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "first-checker"));
        try {
            Future<GradCheckReport> first = pool.submit(() -> GradientCheck.of(model).progress(false).run());
            assertThat(model.entered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(InFlight.isChecking(model)).isTrue();
            assertThatThrownBy(() -> GradientCheck.of(model).progress(false).run())
                    .isInstanceOf(GradientCheckException.class)
                    .hasMessageContaining("model " + Gate.class.getName() + "@"
                            + Integer.toHexString(System.identityHashCode(model)) + " (gate)")
                    .hasMessageContaining("already being checked by thread 'first-checker'")
                    .hasMessageContaining("Replicable");
            model.release.countDown();
            GradCheckReport report = first.get(60, TimeUnit.SECONDS);
            // The refused check did not touch θ: the first one is still exact, and the model is as it was.
            assertThat(report.verdict()).isEqualTo(Verdict.GOOD);
            assertThat(model.w).containsExactly(0.5, -0.25);
            assertThat(InFlight.isChecking(model)).isFalse();
        } finally {
            model.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void theSameThreadMayEnterAgainAndTheModelIsFreeAfterwards() {
        Object model = new Object();
        try (InFlight.Scope outer = InFlight.enter(model)) {
            try (InFlight.Scope inner = InFlight.enter(model)) {
                assertThat(InFlight.current()).isSameAs(model);
            }
            assertThat(InFlight.isChecking(model)).isTrue();
        }
        assertThat(InFlight.isChecking(model)).isFalse();
        assertThat(InFlight.current()).isNull();
    }

    @Test
    void twoEqualButDistinctModelsAreNotConfused() throws Exception {
        record Same(int id) {
        }
        Same a = new Same(1);
        Same b = new Same(1);
        try (InFlight.Scope scope = InFlight.enter(a)) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                // b equals a, but it is another instance: another thread may check it.
                assertThat(pool.submit(() -> {
                    try (InFlight.Scope other = InFlight.enter(b)) {
                        return InFlight.isChecking(b);
                    }
                }).get(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
