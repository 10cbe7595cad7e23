package dev.gradcheck.junit;

import java.util.stream.Collectors;

import org.assertj.core.api.AbstractAssert;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.Verdict;

/** Assertions about a {@link GradCheckReport}; see {@link GradCheckAssertions#assertThat(GradCheckReport)}. */
public final class GradCheckReportAssert extends AbstractAssert<GradCheckReportAssert, GradCheckReport> {
    private final String subject;
    private final boolean strict;

    GradCheckReportAssert(GradCheckReport report, String subject, boolean strict) {
        super(report, GradCheckReportAssert.class);
        this.subject = subject;
        this.strict = strict;
    }

    /** INSPECT counts as failing from here on. */
    public GradCheckReportAssert strict() {
        return new GradCheckReportAssert(actual, subject, true);
    }

    /** The verdict is GOOD, or INSPECT unless strict. */
    public GradCheckReportAssert passes() {
        isNotNull();
        if (!actual.passed(strict)) {
            failWithMessage("%s", Messages.shouldPass(subject, actual));
        }
        return myself;
    }

    /** The verdict is BUG (or, when strict, anything but GOOD). */
    public GradCheckReportAssert fails() {
        isNotNull();
        if (actual.passed(strict)) {
            failWithMessage("%s", Messages.shouldFail(subject, actual));
        }
        return myself;
    }

    /** The verdict is GOOD. */
    public GradCheckReportAssert isGood() {
        return hasVerdict(Verdict.GOOD);
    }

    /** The verdict is BUG. */
    public GradCheckReportAssert isBug() {
        return hasVerdict(Verdict.BUG);
    }

    /** The verdict (of the worse phase) is exactly {@code verdict}. */
    public GradCheckReportAssert hasVerdict(Verdict verdict) {
        isNotNull();
        if (actual.verdict() != verdict) {
            failWithMessage("%s", Messages.shouldHaveVerdict(subject, verdict, actual));
        }
        return myself;
    }

    /** The overall ratio (of the worse phase) is below {@code max}. */
    public GradCheckReportAssert hasRatioBelow(double max) {
        isNotNull();
        if (!(actual.ratio() < max)) {
            failWithMessage("%s", Messages.shouldHaveRatioBelow(subject, max, actual));
        }
        return myself;
    }

    /** Assertions about one component ({@code "dW2"}; {@code "W2"} works too) over every phase of the report. */
    public ComponentAssert component(String name) {
        isNotNull();
        boolean known = actual.phases().stream().anyMatch(p -> p.component(name).isPresent());
        if (!known) {
            String names = actual.phases().stream().flatMap(p -> p.components().stream())
                    .map(c -> c.name()).distinct().collect(Collectors.joining(", "));
            failWithMessage("%s", Messages.shouldHaveComponent(subject, name, names));
        }
        ComponentAssert c = new ComponentAssert(actual, name, subject);
        return info.description() == null || info.descriptionText().isEmpty() ? c : c.describedAs(info.description());
    }
}
