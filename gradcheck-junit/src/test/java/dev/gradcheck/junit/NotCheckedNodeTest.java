package dev.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A component with nothing left to judge is an aborted node with the reason: never a GOOD node. */
class NotCheckedNodeTest {

    /** J = 2·relu(a) + b² at a = 0 exactly, backprop with relu'(0) = ½: "a" lies wholly on a kink and is set aside. */
    static final class OnAKink implements Differentiable {
        final double[] a = {0.0};
        final double[] b = {0.5};

        @Override
        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("a", 1, 1, a), ParameterBlock.of("b", 1, 1, b));
        }

        @Override
        public double cost() {
            return 2 * Math.max(0, a[0]) + b[0] * b[0];
        }

        @Override
        public Gradients gradients() {
            return Gradients.builder().put("a", new double[] {a[0] > 0 ? 2 : a[0] == 0 ? 1 : 0})
                    .put("b", new double[] {2 * b[0]}).build();
        }

        @Override
        public String toString() {
            return "on a kink";
        }
    }

    @Fixture
    static class Kinked {
        static OnAKink kinked() {
            return new OnAKink();
        }

        @GradCheck
        void kinked(OnAKink model) {
        }
    }

    @Test
    void aBlockWhollySetAsideIsAnAbortedNodeWithTheReason(@TempDir Path reports) {
        EngineExecutionResults r = TestKit.run(Kinked.class, "kinked", reports);
        assertThat(TestKit.names(r)).contains("[init] da (1×1)", "[init] db (1×1)");
        r.testEvents().assertStatistics(s -> s.failed(0).aborted(1));
        assertThat(r.testEvents().aborted().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(t -> t.getThrowable().orElseThrow().getMessage()))
                .singleElement().satisfies(m -> assertThat(m).startsWith("da (1×1) not checked: all 1 entries set aside"));
    }
}
