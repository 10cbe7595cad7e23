package dev.gradcheck.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@link Fixture} classes on the Jupiter engine and reads the results. */
final class TestKit {
    private TestKit() {
    }

    static EngineExecutionResults run(Class<?> fixture, Path reportDir, String... config) {
        return run(selectClass(fixture), reportDir, config);
    }

    /** Runs the one {@code @GradCheck} method called {@code method} (factories may share its name). */
    static EngineExecutionResults run(Class<?> fixture, String method, Path reportDir, String... config) {
        Method m = Arrays.stream(fixture.getDeclaredMethods())
                .filter(d -> d.getName().equals(method) && d.isAnnotationPresent(GradCheck.class)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no @GradCheck method " + method + " in " + fixture));
        return run(selectMethod(fixture, m), reportDir, config);
    }

    private static EngineExecutionResults run(DiscoverySelector selector, Path reportDir, String... config) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(Fixture.PARAMETER, "true");
        parameters.put("gradcheck.reportDir", reportDir.toString());
        for (int i = 0; i + 1 < config.length; i += 2) {
            parameters.put(config[i], config[i + 1]);
        }
        return EngineTestKit.engine("junit-jupiter").selectors(selector).configurationParameters(parameters)
                .execute();
    }

    /** Display names of the tests that ran, in order. */
    static List<String> names(EngineExecutionResults r) {
        return r.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName())
                .collect(Collectors.toList());
    }

    /** Display names of the tests that failed. */
    static List<String> failedNames(EngineExecutionResults r) {
        return r.testEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName())
                .collect(Collectors.toList());
    }

    /** The throwable of the failed test called {@code displayName}. */
    static Throwable failure(EngineExecutionResults r, String displayName) {
        return r.testEvents().failed().stream().filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
                .findFirst().map(TestKit::throwable).orElseThrow(() -> new AssertionError("no failed test named '"
                        + displayName + "'; failed: " + failedNames(r)));
    }

    /** The throwable of the one failed container (a configuration error fails the test template). */
    static Throwable containerFailure(EngineExecutionResults r) {
        List<Event> failed = r.containerEvents().failed().list();
        if (failed.size() != 1) {
            throw new AssertionError("expected one failed container, got " + failed.size() + ": " + failed);
        }
        return throwable(failed.get(0));
    }

    static Throwable throwable(Event e) {
        return e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
