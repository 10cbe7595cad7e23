package dev.gradcheck.junit;

import org.assertj.core.api.AbstractAssert;

import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Thresholds;
import dev.gradcheck.Trainable;
import dev.gradcheck.Verdict;

/**
 * Assertions about the gradient check of a model; see {@link GradCheckAssertions#assertThat(Differentiable)}. The
 * options ({@link #withEpsilon}, {@link #afterTraining}, {@link #withThresholds}, {@link #precise}, {@link #strict}) go before the
 * assertions; the check runs once, at the first assertion, and its report is reused by the ones after it.
 */
public final class DifferentiableAssert extends AbstractAssert<DifferentiableAssert, Differentiable> {
    private double epsilon = GradientCheck.DEFAULT_EPSILON;
    private int trainingSteps = -1;
    private Thresholds thresholds = Thresholds.DEFAULT;
    private boolean strict;
    private boolean precise;
    private GradCheckReport report;

    DifferentiableAssert(Differentiable model) {
        super(model, DifferentiableAssert.class);
    }

    /** The finite-difference step ε (default 1e-7). */
    public DifferentiableAssert withEpsilon(double epsilon) {
        if (!(epsilon > 0 && epsilon <= GradientCheck.MAX_EPSILON)) {
            throw new IllegalArgumentException("withEpsilon(" + epsilon + "): ε must be in (0, "
                    + GradientCheck.MAX_EPSILON + "], e.g. 1e-7");
        }
        this.epsilon = epsilon;
        report = null;
        return myself;
    }

    /**
     * Train the model for {@code steps} steps after the first check and check again; 0 checks once. Default: 100 for
     * a {@link Trainable} model, else 0.
     */
    public DifferentiableAssert afterTraining(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("afterTraining(" + steps + "): steps must be ≥ 0");
        }
        this.trainingSteps = steps;
        report = null;
        return myself;
    }

    /** GOOD below {@code good}, BUG at {@code bug} or above (defaults 1e-6 and 1e-3). */
    public DifferentiableAssert withThresholds(double good, double bug) {
        this.thresholds = new Thresholds(good, bug, thresholds.standOut());
        report = null;
        return myself;
    }

    /** Precise mode: the five-point stencil with a step per coordinate (see {@link GradientCheck#precise()}). */
    public DifferentiableAssert precise() {
        this.precise = true;
        report = null;
        return myself;
    }

    /** INSPECT counts as failing ({@link #passesGradientCheck()} then needs GOOD). */
    public DifferentiableAssert strict() {
        this.strict = true;
        return myself;
    }

    /** The report of the check (running it if no assertion has yet). */
    public GradCheckReport report() {
        isNotNull();
        if (report == null) {
            int steps = trainingSteps >= 0 ? trainingSteps : actual instanceof Trainable ? CheckConfig.DEFAULT_TRAINING_STEPS
                    : 0;
            GradientCheck check = GradientCheck.of(actual).epsilon(epsilon).thresholds(thresholds).afterTraining(steps);
            report = (precise ? check.precise() : check).run();
            AssertionReports.write(report, ModelSource.name(actual));
        }
        return report;
    }

    private GradCheckReportAssert reportAssert() {
        GradCheckReportAssert a = new GradCheckReportAssert(report(), "the gradient check of "
                + ModelSource.name(actual), strict);
        return info.description() == null || info.descriptionText().isEmpty() ? a : a.describedAs(info.description());
    }

    /** The verdict is GOOD, or INSPECT unless {@link #strict()}. */
    public DifferentiableAssert passesGradientCheck() {
        reportAssert().passes();
        return myself;
    }

    /** The verdict is BUG (or, when {@link #strict()}, anything but GOOD). */
    public DifferentiableAssert failsGradientCheck() {
        reportAssert().fails();
        return myself;
    }

    /** The overall ratio (of the worse phase) is below {@code max}. */
    public DifferentiableAssert hasRatioBelow(double max) {
        reportAssert().hasRatioBelow(max);
        return myself;
    }

    /** The verdict is exactly {@code verdict}. */
    public DifferentiableAssert hasVerdict(Verdict verdict) {
        reportAssert().hasVerdict(verdict);
        return myself;
    }

    /** Assertions about one component ({@code "dW2"}; {@code "W2"} works too) over every phase. */
    public ComponentAssert component(String name) {
        return reportAssert().component(name);
    }
}
