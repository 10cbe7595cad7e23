package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The headline ratio is the course's (SPEC §1): for the same θ, J and ε, {@code ratio()} and every
 * {@code ComponentResult.ratio()} are numpy's {@code gradient_check_n} difference to 1e-12 relative, with the
 * denominators 2ε and every coordinate counted. The numbers come from {@code course/course-gradient-check.txt}
 * (numpy, generated once by {@code course/make_fixture.py}; the build needs no Python).
 *
 * <p>The first tests pin the Java port itself: its J at θ and at every θ ± εeᵢ the notebook evaluates is numpy's J
 * bit for bit, and its dθ is numpy's. So whatever disagreement the later tests find is the checker's.
 */
class CourseNumbersTest {

    static final CourseFixture COURSE = CourseFixture.load();
    static final double EPSILON = 1e-7;
    static final String[] BLOCKS = {"W1", "b1", "W2", "b2", "W3", "b3"};
    /** Where each block starts in θ (W1 5×4, b1 5×1, W2 3×5, b2 3×1, W3 1×3, b3 1×1), and θ's length at the end. */
    static final int[] OFFSETS = {0, 20, 25, 40, 43, 46, 47};

    // ---- the port is numpy's J and dθ -----------------------------------------------------------------------

    @Test
    void portComputesTheCoursesCostBitForBitAtThetaAndAtEveryPerturbedTheta() {
        double[] theta = COURSE.vector("net.theta");
        double[] jPlus = COURSE.vector("correct.jPlus");
        double[] jMinus = COURSE.vector("correct.jMinus");
        CourseNet net = COURSE.net(CourseNet.Backprop.CORRECT);
        assertThat(net.cost()).as("J at θ of the Java port against numpy's").isEqualTo(COURSE.scalar("net.cost"));
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            plus[i] = plus[i] + EPSILON;
            net.setTheta(plus);
            // bit for bit: one ulp of J (4.4e-16) would move gradapprox[i] by 2.2e-9
            assertThat(net.cost()).as("J(θ + εe_%d) of the Java port against numpy's", i).isEqualTo(jPlus[i]);
            double[] minus = theta.clone();
            minus[i] = minus[i] - EPSILON;
            net.setTheta(minus);
            assertThat(net.cost()).as("J(θ − εe_%d) of the Java port against numpy's", i).isEqualTo(jMinus[i]);
        }
        assertThat(COURSE.vector("buggy.jPlus")).as("the buggy net's forward pass is the correct one's")
                .isEqualTo(jPlus);
    }

    @ParameterizedTest
    @EnumSource(CourseNet.Backprop.class)
    void portComputesTheCoursesGradient(CourseNet.Backprop backprop) {
        double[] expected = COURSE.vector(CourseFixture.prefix(backprop) + ".grad");
        double[] actual = COURSE.net(backprop).gradientVector();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("dθ[%d] of the Java port (%s backprop) against numpy's %.17g", i, backprop,
                    expected[i]).isCloseTo(expected[i], within(1e-14 * Math.abs(expected[i])));
        }
    }

    @Test
    void fixtureBlockDifferencesAreTheCourseFormulaOverEachBlocksCoordinates() {
        for (CourseNet.Backprop backprop : CourseNet.Backprop.values()) {
            String p = CourseFixture.prefix(backprop);
            double[] grad = COURSE.vector(p + ".grad");
            double[] approx = COURSE.vector(p + ".gradapprox");
            assertRelative(courseRatio(grad, approx), COURSE.scalar(p + ".difference"), 1e-12,
                    "the course formula over all of θ recomputed from the fixture (" + p + ")");
            for (int b = 0; b < BLOCKS.length; b++) {
                assertRelative(courseRatio(block(grad, b), block(approx, b)),
                        COURSE.scalar(p + ".difference.d" + BLOCKS[b]), 1e-12,
                        "the course formula over d" + BLOCKS[b] + " recomputed from the fixture (" + p + ")");
            }
        }
    }

    // ---- the checker's numbers are the course's -------------------------------------------------------------

    @Test
    void oneDimensionalRatioIsTheCourses() {
        double x = COURSE.scalar("oneDim.x");
        GradCheckReport report = GradientCheck.check(COURSE.vector("oneDim.theta"), t -> t[0] * x,
                t -> new double[] {x});
        assertRelative(report.ratio(), COURSE.scalar("oneDim.difference"), 1e-12,
                "the ratio of J = θ·x at θ = 4, x = 2\n" + report);
        assertRelative(report.component("dθ").orElseThrow().numerical()[0], COURSE.scalar("oneDim.gradapprox"), 1e-12,
                "dθ_approx of J = θ·x");
    }

    @ParameterizedTest
    @EnumSource(CourseNet.Backprop.class)
    void headlineRatioOfTheModelIsTheCourses(CourseNet.Backprop backprop) {
        GradCheckReport report = GradientCheck.of(COURSE.net(backprop)).run();
        assertRelative(report.ratio(), COURSE.scalar(CourseFixture.prefix(backprop) + ".difference"), 1e-12,
                "the headline ratio of the " + backprop + " net through GradientCheck.of\n" + report);
    }

    @ParameterizedTest
    @EnumSource(CourseNet.Backprop.class)
    void componentRatiosAreTheCoursesFormulaOverEachBlock(CourseNet.Backprop backprop) {
        String p = CourseFixture.prefix(backprop);
        double[] grad = COURSE.vector(p + ".grad");
        double[] approx = COURSE.vector(p + ".gradapprox");
        GradCheckReport report = GradientCheck.of(COURSE.net(backprop)).run();
        StringBuilder failures = new StringBuilder();
        for (int b = 0; b < BLOCKS.length; b++) {
            String name = "d" + BLOCKS[b];
            double expected = courseRatio(block(grad, b), block(approx, b));
            double actual = report.component(name).orElseThrow(() -> new AssertionError("no component " + name))
                    .ratio();
            if (!(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected))) {
                failures.append(String.format("%n  %s: the checker says %.17g, the course %.17g (relative %.2e)",
                        name, actual, expected, Math.abs(actual - expected) / Math.abs(expected)));
            }
        }
        // one assertion that lists every block, so a failure shows the whole picture
        assertThat(failures.toString()).as("component ratios of the %s net that are not the course's to 1e-12%s",
                backprop, "\n" + report).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CourseNet.Backprop.class)
    void numericalGradientIsTheCoursesGradapprox(CourseNet.Backprop backprop) {
        double[] approx = COURSE.vector(CourseFixture.prefix(backprop) + ".gradapprox");
        GradCheckReport report = GradientCheck.of(COURSE.net(backprop)).run();
        double[] numerical = new double[approx.length];
        for (int b = 0; b < BLOCKS.length; b++) {
            double[] n = report.component("d" + BLOCKS[b]).orElseThrow().numerical();
            System.arraycopy(n, 0, numerical, OFFSETS[b], n.length);
        }
        assertGradapprox(numerical, approx, backprop + " net through GradientCheck.of");
    }

    @ParameterizedTest
    @EnumSource(CourseNet.Backprop.class)
    void ratioOfTheFlattenedNetThroughCheckIsTheCourses(CourseNet.Backprop backprop) {
        String p = CourseFixture.prefix(backprop);
        double[] X = COURSE.vector("net.X");
        double[] Y = COURSE.vector("net.Y");
        GradCheckReport report = GradientCheck.check(COURSE.vector("net.theta"),
                t -> new CourseNet(X, Y, t, backprop).cost(),
                t -> new CourseNet(X, Y, t, backprop).gradientVector());
        assertRelative(report.ratio(), COURSE.scalar(p + ".difference"), 1e-12,
                "the ratio of the flattened " + backprop + " net through GradientCheck.check\n" + report);
        assertGradapprox(report.component("dθ").orElseThrow().numerical(), COURSE.vector(p + ".gradapprox"),
                "flattened " + backprop + " net through GradientCheck.check");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The course's difference: ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂), 0 for 0/0. */
    static double courseRatio(double[] grad, double[] approx) {
        double diff2 = 0, grad2 = 0, approx2 = 0;
        for (int i = 0; i < grad.length; i++) {
            diff2 += (grad[i] - approx[i]) * (grad[i] - approx[i]);
            grad2 += grad[i] * grad[i];
            approx2 += approx[i] * approx[i];
        }
        double denominator = Math.sqrt(grad2) + Math.sqrt(approx2);
        return denominator == 0 ? 0 : Math.sqrt(diff2) / denominator;
    }

    static double[] block(double[] theta, int b) {
        return Arrays.copyOfRange(theta, OFFSETS[b], OFFSETS[b + 1]);
    }

    static void assertRelative(double actual, double expected, double relative, String what) {
        assertThat(actual).as("%s: %.17g against the course's %.17g, relative difference %.2e (allowed %.0e)", what,
                actual, expected, Math.abs(actual - expected) / Math.abs(expected), relative)
                .isCloseTo(expected, within(relative * Math.abs(expected)));
    }

    /**
     * Entry by entry: the course's (J⁺ − J⁻)/(2ε), to 1e-12 relative. An entry numpy found exactly 0 (a dead relu:
     * J⁺ == J⁻) must be exactly 0.
     */
    static void assertGradapprox(double[] numerical, double[] approx, String what) {
        StringBuilder failures = new StringBuilder();
        int wrong = 0;
        for (int i = 0; i < approx.length; i++) {
            double allowed = 1e-12 * Math.abs(approx[i]);
            if (!(Math.abs(numerical[i] - approx[i]) <= allowed)) {
                wrong++;
                failures.append(String.format("%n  θ[%d]: the checker's %.17g, the course's %.17g (relative %.2e)", i,
                        numerical[i], approx[i], Math.abs(numerical[i] - approx[i]) / Math.abs(approx[i])));
            }
        }
        assertThat(failures.toString()).as("%d of %d dθ_approx entries of the %s differ from the course's "
                + "(J⁺ − J⁻)/(2ε) by more than 1e-12 relative", wrong, approx.length, what).isEmpty();
    }
}
