package dev.gradcheck.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison script parses these lines: a smoke run of each command on the smallest sizes. */
class MeasureTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream saved = Measure.out;

    private String run(String... args) {
        Measure.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Measure.main(args);
        return bytes.toString(StandardCharsets.UTF_8).trim();
    }

    @AfterEach
    void restore() {
        Measure.out = saved;
    }

    @Test
    void fullCheckOfTheCoursesNetwork() {
        String line = run("check", "--budget", "0.05", "4-5-3-1");
        assertThat(line).startsWith("{\"tool\": \"gradcheck\", \"layers\": \"4,5,3,1\", \"parameters\": 47, "
                + "\"mode\": \"full\", \"seconds\": ").contains("\"verdict\": \"GOOD\"").contains("effectiveGflops");
    }

    @Test
    void fastModeAndDgemmAndMachine() {
        String lines = run("check", "--fast", "2", "--max-runs", "2", "10-100-25-1");
        assertThat(lines).contains("\"mode\": \"fast\"", "\"directions\": 2", "\"verdict\": \"GOOD\"");
        bytes.reset();
        assertThat(run("dgemm", "--budget", "0.01", "10x64x64")).contains("\"shape\": \"10x64x64\"", "\"gflops\": ");
        bytes.reset();
        assertThat(run("machine")).contains("\"openblas\": \"", "\"processors\": ");
    }

    @Test
    void jsonKeepsNumbersAndQuotesStrings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1.5);
        m.put("b", 3L);
        m.put("c", "x\"y");
        m.put("d", Double.NaN);
        assertThat(Measure.json(m)).isEqualTo("{\"a\": 1.50000, \"b\": 3, \"c\": \"x\\\"y\", \"d\": null}");
    }
}
