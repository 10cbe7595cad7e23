package dev.gradcheck.junit;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.Set;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.junit.report.ReportFiles;

/**
 * The report files of a check that an AssertJ assertion ran ({@code assertThat(model).passesGradientCheck()}, also
 * inside a jqwik property): the same JSON and HTML as {@code @GradCheck}'s, under
 * {@code <report dir>/<calling test class>/<method>.<model>.json}, named after the test method that called the
 * assertion (found on the stack) and the model. The directory is {@code -Dgradcheck.reportDir}, else
 * {@code target/gradcheck} (an assertion has no JUnit configuration parameters to read). A file that cannot be
 * written never fails the assertion.
 */
final class AssertionReports {
    /** Our assertion classes, by name: a class literal here would load them, and AssertJ with them. */
    private static final Set<String> OURS = Set.of("dev.gradcheck.junit.DifferentiableAssert",
            "dev.gradcheck.junit.GradCheckReportAssert", "dev.gradcheck.junit.ComponentAssert",
            "dev.gradcheck.junit.GradCheckAssertions", "dev.gradcheck.junit.AssertionReports");

    private AssertionReports() {
    }

    static void write(GradCheckReport report, String model) {
        Optional<StackWalker.StackFrame> caller = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !OURS.contains(f.getClassName()) && !library(f.getClassName())).findFirst());
        String testClass = caller.map(StackWalker.StackFrame::getClassName).orElse("assertions");
        String method = caller.map(f -> f.getMethodName().replaceAll("^lambda\\$(.*)\\$\\d+$", "$1"))
                .orElse("assertThat");
        Path dir = Paths.get(Optional.ofNullable(System.getProperty("gradcheck.reportDir"))
                .map(String::trim).filter(s -> !s.isEmpty()).orElse(CheckConfig.DEFAULT_REPORT_DIR));
        try {
            ReportFiles.write(dir, testClass, method, method + "." + model, model, report);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("gradcheck: the report files of " + model + " could not be written to " + dir + ": "
                    + e);
        }
    }

    private static boolean library(String className) {
        return className.startsWith("org.assertj.") || className.startsWith("java.")
                || className.startsWith("jdk.") || className.startsWith("sun.");
    }
}
