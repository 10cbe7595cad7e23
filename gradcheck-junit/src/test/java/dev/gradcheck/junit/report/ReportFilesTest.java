package dev.gradcheck.junit.report;

import dev.gradcheck.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;

/** The report files: our own JSON is JSON to a real parser and reads back exactly; files keep normal permissions. */
class ReportFilesTest {
    @TempDir
    Path dir;

    private static GradCheckReport report() {
        // J = θ₀² + 3θ₁θ₂ with dθ₂ wrong by a factor 2.
        return GradientCheck.check(new double[]{0.3, -0.7, 0.2},
                t -> t[0] * t[0] + 3 * t[1] * t[2],
                t -> new double[]{2 * t[0], 3 * t[2], 6 * t[1]});
    }

    @Test
    void theJsonReadsBackIdenticallyWithJacksonAndWithOurReader() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "quote \" backslash \\ newline \n tab \t ‖dθ‖ \u0001");
        m.put("numbers", List.of(0.1, -2.5e-300, 1e300, 3, Double.MIN_VALUE));
        m.put("nothing", null);
        m.put("yes", true);
        m.put("empty", List.of());
        m.put("nested", Map.of("k", List.of(Map.of())));
        String text = Json.write(m);
        Map<String, Object> jackson = new ObjectMapper().readValue(text, new TypeReference<Map<String, Object>>() {
        });
        assertThat(jackson.get("text")).isEqualTo(m.get("text"));
        assertThat(jackson.get("numbers")).isEqualTo(List.of(0.1, -2.5e-300, 1e300, 3, Double.MIN_VALUE));
        assertThat(jackson).containsEntry("nothing", null).containsEntry("yes", true);
        Map<?, ?> ours = (Map<?, ?>) Json.read(text);
        assertThat(ours.get("text")).isEqualTo(m.get("text"));
        assertThat(ours.get("numbers")).isEqualTo(List.of(0.1, -2.5e-300, 1e300, 3.0, Double.MIN_VALUE));
        assertThat(ours.get("nested")).isEqualTo(Map.of("k", List.of(Map.of())));
        // Jackson's layout, which users' scripts may grep for.
        assertThat(text).contains("\"yes\" : true").contains("\"empty\" : [ ]");
    }

    @Test
    void aNumberJsonHasNoneForIsAString() {
        assertThat(Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY))).isEqualTo("[ \"NaN\", \"Infinity\" ]\n");
        assertThatThrownBy(() -> Json.read("{\"a\" : 1,}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
    }

    @Test
    void aReportsMapRoundTripsThroughOurJsonIntoTheSameReport() {
        GradCheckReport r = report();
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) Json.read(Json.write(r.toMap()));
        assertThat(back.get("verdict")).isEqualTo(r.verdict().name());
        assertThat(back.get("ratio")).isEqualTo(r.ratio());
    }

    @Test
    void filesAndIndexAreWrittenWithTheUmasksPermissionsNotOwnerOnly() throws Exception {
        Path html = ReportFiles.write(dir, "com.example.NetTest", "net", "net", "net 3-4-1", report());
        Path json = html.resolveSibling("net.json");
        assertThat(json).exists();
        assertThat(Files.readString(dir.resolve("index.html"))).contains("com.example.NetTest/net.html")
                .contains("1 checked model, 1 with a BUG");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Path plain = Files.writeString(dir.resolve("plain.txt"), "x");   // what the umask gives any new file
            Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
            assertThat(Files.getPosixFilePermissions(json)).isEqualTo(expected);
            assertThat(Files.getPosixFilePermissions(html)).isEqualTo(expected);
            assertThat(Files.getPosixFilePermissions(dir.resolve("index.html"))).isEqualTo(expected);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".tmp"));
        }
    }
}
