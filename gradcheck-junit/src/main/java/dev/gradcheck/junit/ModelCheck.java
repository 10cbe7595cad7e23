package dev.gradcheck.junit;

import java.io.IOException;
import java.nio.file.Path;

import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.InFlight;
import dev.gradcheck.Progress;
import dev.gradcheck.junit.report.ReportFiles;

/**
 * Runs the check of one model of a {@code @GradCheck} method, once: holding the model's {@link SharedModels} lock (a
 * model shared with other test methods is checked by one of them at a time), with the model's name on the progress
 * line; then writes the report files and prints what {@code gradcheck.report.print} asks for.
 */
final class ModelCheck {
    private ModelCheck() {
    }

    /** One model's check: its report, or what the check threw. */
    record Checked(Differentiable model, String name, GradCheckReport report, Throwable error) {
    }

    /**
     * @param test     {@code TwoLayerNetTest.twoLayerNet}: where the check comes from, for the printed lines
     * @param fileBase the report files' name without extension
     */
    static Checked run(CheckConfig config, GradientCheck check, Differentiable model, String name, Class<?> testClass,
                       String method, String fileBase) {
        String test = testClass.getSimpleName() + "." + method;
        GradCheckReport report;
        SharedModels.Held held = SharedModels.lock(model);
        InFlight.Scope label = Progress.label(name);
        try {
            report = check.progress(config.progress()).run();
        } catch (RuntimeException e) {
            if (config.print() != CheckConfig.Print.NONE) {
                print(Messages.couldNotRun(name, e) + "\n");
            }
            return new Checked(model, name, null, e);
        } finally {
            label.close();
            held.close();
        }
        String base = fileBase + report.shard().map(sh -> ".shard-" + sh.index() + "-of-" + sh.count()).orElse("");
        Path html = null;
        Exception error = null;
        try {
            html = ReportFiles.write(config.reportDir(), testClass.getName(), method, base, name, report);
        } catch (IOException | RuntimeException e) {
            error = e;
        }
        String files = Messages.filesLine(html, config.reportDir(), error);
        boolean passed = report.passed(config.strict());
        switch (config.print()) {
            case ALL -> print(Messages.printedReport(name, test, report, files));
            case FAILURES -> print(passed ? Messages.summaryLine(name, test, report, files)
                    : Messages.printedReport(name, test, report, files));
            case NONE -> {
            }
        }
        return new Checked(model, name, report, null);
    }

    private static void print(String text) {
        // One print call per model, so that the reports of checks running in parallel do not interleave line by line.
        System.out.print(text);
        System.out.flush();
    }
}
