package dev.gradcheck.adapting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/adapting.md quotes each example verbatim, so the code in the doc is code that compiles and passes. */
class DocsExamplesTest {
    private static final Path DOC = Path.of("..", "docs", "adapting.md");
    private static final Path SOURCES = Path.of("src", "test", "java", "dev", "gradcheck", "adapting");

    @ParameterizedTest
    @ValueSource(strings = {"JaggedExampleTest", "TransposedExampleTest", "NeuronExampleTest", "MatrixExampleTest",
            "UpdateOnlyExampleTest"})
    void theDocQuotesTheExampleAsItIs(String example) throws IOException {
        String source = Files.readString(SOURCES.resolve(example + ".java"), StandardCharsets.UTF_8);
        int begin = source.indexOf("    // doc:begin\n");
        int end = source.indexOf("    // doc:end\n");
        assertThat(begin).as("%s has doc markers", example).isPositive();
        String quoted = source.substring(begin + "    // doc:begin\n".length(), end).stripTrailing().stripIndent();
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        assertThat(doc).as("docs/adapting.md quotes %s between its doc markers", example).contains(quoted);
    }
}
