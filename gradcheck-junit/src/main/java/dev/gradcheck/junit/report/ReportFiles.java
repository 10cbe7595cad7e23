package dev.gradcheck.junit.report;

import dev.gradcheck.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.gradcheck.GradCheckReport;

/**
 * The report files under the report directory (default {@code target/gradcheck}): {@code <test class>/<name>.json}
 * and {@code .html} per checked model, and {@code index.html} over all of them, rebuilt from the directory each time.
 * Every file goes through {@link AtomicFile}. A shard's JSON carries the raw data {@code gradcheck merge} needs.
 *
 * <p>Support code of {@code @GradCheck}, the AssertJ assertions and the jqwik properties, not an API of its own.
 */
public final class ReportFiles {
    private static final Object INDEX_LOCK = new Object();

    private ReportFiles() {
    }

    /**
     * Writes the JSON and HTML of one model's report and rebuilds the index.
     *
     * @param testClass the test class's binary name: the folder
     * @param method    the test method: the JSON's {@code testMethod}
     * @param baseName  the files' name without extension ({@code twoLayerNet}, {@code nets-02},
     *                  {@code split.shard-2-of-4}); made file-name-safe here
     * @param model     the model's name, as the node names show it
     * @return the HTML page
     */
    public static Path write(Path dir, String testClass, String method, String baseName, String model,
                             GradCheckReport report) throws IOException {
        Path classDir = dir.resolve(safe(testClass));
        String base = safe(baseName);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("testClass", testClass);
        m.put("testMethod", method);
        m.put("written", Instant.now().toString());
        m.putAll(report.toMap());
        AtomicFile.write(classDir.resolve(base + ".json"), Json.write(m));
        Path html = classDir.resolve(base + ".html");
        AtomicFile.write(html, ReportPage.html(testClass, method, model, report));
        synchronized (INDEX_LOCK) {
            AtomicFile.write(dir.resolve("index.html"), ReportIndex.html(dir));
        }
        return html;
    }

    /** A file-name-safe version of a class or method name. */
    public static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._$-]", "_");
    }
}
