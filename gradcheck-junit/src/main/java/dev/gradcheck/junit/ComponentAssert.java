package dev.gradcheck.junit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.assertj.core.api.AbstractAssert;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Verdict;

/**
 * Assertions about one gradient component (such as {@code dW2}) in every phase of a report. The actual value is the
 * component's result in its worst phase; {@link #isGood()} and {@link #hasRatioBelow(double)} hold for every phase,
 * {@link #isBug()} for at least one.
 */
public final class ComponentAssert extends AbstractAssert<ComponentAssert, ComponentResult> {
    private final List<PhaseResult> phases;
    private final String name;
    private final String subject;

    ComponentAssert(GradCheckReport report, String name, String subject) {
        super(worst(report, name), ComponentAssert.class);
        this.phases = new ArrayList<>();
        for (PhaseResult p : report.phases()) {
            if (p.component(name).isPresent()) {
                phases.add(p);
            }
        }
        this.name = actual.name();
        this.subject = subject;
    }

    private static ComponentResult worst(GradCheckReport report, String name) {
        return report.phases().stream().flatMap(p -> p.component(name).stream())
                .max(Comparator.comparing(ComponentResult::verdict).thenComparingDouble(ComponentResult::ratio))
                .orElseThrow(() -> new IllegalArgumentException("no component " + name));
    }

    /** GOOD in every phase. */
    public ComponentAssert isGood() {
        for (PhaseResult p : phases) {
            ComponentResult c = p.component(name).orElseThrow();
            if (c.verdict() != Verdict.GOOD) {
                fail(p, c, "to be GOOD");
            }
        }
        return myself;
    }

    /** Not BUG in any phase. */
    public ComponentAssert isNotBug() {
        for (PhaseResult p : phases) {
            ComponentResult c = p.component(name).orElseThrow();
            if (c.verdict() == Verdict.BUG) {
                fail(p, c, "not to be a BUG");
            }
        }
        return myself;
    }

    /** BUG in at least one phase. */
    public ComponentAssert isBug() {
        if (actual.verdict() != Verdict.BUG) {
            failWithMessage("%s", Messages.componentShouldBeBug(name, subject, actual));
        }
        return myself;
    }

    /** Exactly {@code verdict} in its worst phase. */
    public ComponentAssert hasVerdict(Verdict verdict) {
        if (actual.verdict() != verdict) {
            failWithMessage("%s", Messages.componentShouldHaveVerdict(name, subject, verdict, actual));
        }
        return myself;
    }

    /** Its own ratio is below {@code max} in every phase. */
    public ComponentAssert hasRatioBelow(double max) {
        for (PhaseResult p : phases) {
            ComponentResult c = p.component(name).orElseThrow();
            if (!(c.ratio() < max)) {
                fail(p, c, String.format(Locale.ROOT, "to have a ratio below %.1e", max));
            }
        }
        return myself;
    }

    /** One of its hints (in any phase) contains {@code text}, e.g. {@code "factor"} or {@code "sign"}. */
    public ComponentAssert hasHintContaining(String text) {
        boolean found = phases.stream().flatMap(p -> p.component(name).orElseThrow().hints().stream())
                .anyMatch(h -> h.contains(text));
        if (!found) {
            failWithMessage("%s", Messages.componentShouldHaveHint(name, subject, text, actual));
        }
        return myself;
    }

    private void fail(PhaseResult p, ComponentResult c, String expectation) {
        failWithActualExpectedAndMessage(Messages.analytic(c), Messages.numerical(c), "%s",
                Messages.componentShould(name, subject, expectation, p, c));
    }
}
