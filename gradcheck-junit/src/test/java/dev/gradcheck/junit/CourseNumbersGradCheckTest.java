package dev.gradcheck.junit;

import dev.gradcheck.CourseFixture;
import dev.gradcheck.CourseNet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradcheck.GradCheckReport;

/**
 * The course's numbers through {@code @GradCheck}: the report the method body receives carries numpy's
 * {@code gradient_check_n} difference for the notebook's correct 3-layer net, to 1e-12 relative (SPEC §1, "the
 * headline ratio is the course's"). The fixture and the Java port come from gradcheck-core's test-jar.
 */
class CourseNumbersGradCheckTest {

    static final CourseFixture COURSE = CourseFixture.load();

    static CourseNet courseNet() {
        return COURSE.net(CourseNet.Backprop.CORRECT);
    }

    /** Each component is its own node (GOOD); the body then holds the report against the course's difference. */
    @GradCheck
    void courseNet(CourseNet net, GradCheckReport report) {
        double expected = COURSE.scalar("correct.difference");
        assertThat(report.epsilon()).isEqualTo(1e-7);
        assertThat(report.ratio())
                .as("the @GradCheck report's ratio %.17g against the course's difference %.17g (relative %.2e, "
                        + "allowed 1e-12)%n%s", report.ratio(), expected,
                        Math.abs(report.ratio() - expected) / expected, report)
                .isCloseTo(expected, within(1e-12 * expected));
        // the port is numpy's J: a disagreement above is the checker's, not the model's
        assertThat(net.cost()).as("J at θ of the Java port against numpy's").isEqualTo(COURSE.scalar("net.cost"));
    }
}
