package dev.gradcheck.junit;

import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;

/**
 * AssertJ entry point for gradient checks.
 *
 * <pre>{@code
 * import static dev.gradcheck.junit.GradCheckAssertions.assertThat;
 *
 * assertThat(net).passesGradientCheck();
 * assertThat(net).withEpsilon(1e-6).afterTraining(0).hasRatioBelow(1e-7);
 * assertThat(buggyNet).failsGradientCheck().component("dW2").isBug();
 * assertThat(report).passes();
 * }</pre>
 *
 * <p>It needs AssertJ ({@code org.assertj:assertj-core}) on the test classpath: gradcheck-junit declares it
 * optional, so that {@code @GradCheck} alone does not bring it. Without it, {@code assertThat} says so.
 *
 * <p>The check's report files go to {@code target/gradcheck/<test class>/<method>.<model>.json} and {@code .html},
 * as {@code @GradCheck}'s do.
 *
 * <p>This class only has these two {@code assertThat}s; use it beside AssertJ's own {@code Assertions} (import both
 * statically: the overloads do not clash).
 */
public final class GradCheckAssertions {
    private GradCheckAssertions() {
    }

    /**
     * Assertions about the gradient check of {@code model}. The check runs (once) at the first assertion, with
     * ε = 1e-7, the default thresholds and, for a {@link dev.gradcheck.Trainable} model, a second check after 100
     * training steps; change these with the {@code with...}/{@code afterTraining}/{@code strict} options first.
     */
    public static DifferentiableAssert assertThat(Differentiable model) {
        requireAssertJ();
        return new DifferentiableAssert(model);
    }

    /** Assertions about a report that is already there. */
    public static GradCheckReportAssert assertThat(GradCheckReport report) {
        requireAssertJ();
        return new GradCheckReportAssert(report, "the gradient check", false);
    }

    /** Before any class that extends AssertJ's is loaded: a clear sentence when AssertJ is missing. */
    private static void requireAssertJ() {
        OptionalLibrary.require("org.assertj.core.api.AbstractAssert", "GradCheckAssertions.assertThat",
                "AssertJ (org.assertj:assertj-core, 3.x)");
    }
}
