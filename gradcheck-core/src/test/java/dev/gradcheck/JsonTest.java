package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker's own JSON: what it writes reads back to the same values, bit for bit, and bad text says where. */
class JsonTest {

    @Test
    void writesMapsListsAndScalarsIndentedAsJacksonsPrettyPrinterDoes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "dW1");
        m.put("ratio", 1.25e-7);
        m.put("entries", 20);
        m.put("checked", true);
        m.put("reason", null);
        m.put("shape", List.of(5, 4));
        m.put("none", List.of());
        m.put("empty", Map.of());
        m.put("verdict", Verdict.GOOD);
        m.put("values", new double[] {0.5, -2});
        m.put("f", 1.5f);

        assertThat(Json.write(m)).isEqualTo("{\n"
                + "  \"name\" : \"dW1\",\n"
                + "  \"ratio\" : 1.25E-7,\n"
                + "  \"entries\" : 20,\n"
                + "  \"checked\" : true,\n"
                + "  \"reason\" : null,\n"
                + "  \"shape\" : [ 5, 4 ],\n"
                + "  \"none\" : [ ],\n"
                + "  \"empty\" : { },\n"
                + "  \"verdict\" : \"GOOD\",\n"
                + "  \"values\" : [ 0.5, -2.0 ],\n"
                + "  \"f\" : 1.5\n"
                + "}\n");
    }

    @Test
    void nestedMapsAreIndentedByTheirDepth() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("a", 1);
        assertThat(Json.write(Map.of("outer", inner))).isEqualTo("{\n  \"outer\" : {\n    \"a\" : 1\n  }\n}\n");
        assertThat(Json.write(List.of(inner))).isEqualTo("[ {\n  \"a\" : 1\n} ]\n");
    }

    @Test
    void stringsAreEscapedAndReadBack() {
        String nasty = "quote \" backslash \\ newline \n return \r tab \t bell \u0007 é";
        String text = Json.write(List.of(nasty));

        assertThat(text).isEqualTo("[ \"quote \\\" backslash \\\\ newline \\n return \\r tab \\t bell \\u0007 é\" ]\n");
        assertThat(Json.read(text)).isEqualTo(List.of(nasty));
        assertThat(Json.read("\"\\b\\f\\/\\u00e9\"")).isEqualTo("\b\f/é");
    }

    @Test
    void doublesReadBackToTheSameBitsAndNonFiniteOnesAsStrings() {
        double[] values = {Math.PI, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 0.1 + 0.2};
        List<?> back = (List<?>) Json.read(Json.write(values));
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits((Double) back.get(i)))
                    .as("value %d", i).isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        assertThat(Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)))
                .isEqualTo("[ \"NaN\", \"Infinity\", \"-Infinity\" ]\n");
        assertThat(Json.read("[ 3, -2.5e3, true, false, null ]")).isEqualTo(Arrays.asList(3.0, -2500.0, true, false,
                null));
    }

    @Test
    void readKeepsTheOrderOfKeysAndAcceptsAnyWhitespace() {
        Object v = Json.read(" {\n\t\"z\" : 1 ,\r\n \"a\":{ } , \"m\" : [ ] }  ");
        assertThat(v).isInstanceOf(Map.class);
        assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("z", "a", "m"));
        assertThat(((Map<?, ?>) v).get("a")).isEqualTo(Map.of());
        assertThat(((Map<?, ?>) v).get("m")).isEqualTo(List.of());
    }

    @Test
    void aReportsMapReadsBackWithTheSameNumbers() {
        GradCheckReport r = GradientCheck.check(new double[] {0.3, -1.2},
                t -> t[0] * t[0] + Math.sin(t[1]), t -> new double[] {2 * t[0], Math.cos(t[1])});
        Map<?, ?> back = (Map<?, ?>) Json.read(Json.write(r.toMap()));

        assertThat(back.get("ratio")).isEqualTo(r.ratio());
        assertThat(back.get("verdict")).isEqualTo(r.verdict().name());
        Map<?, ?> c0 = (Map<?, ?>) ((List<?>) back.get("components")).get(0);
        assertThat(c0.get("numericalNorm")).isEqualTo(r.components().get(0).numericalNorm());
    }

    @Test
    void badTextIsRefusedWithWhatAndWhere() {
        assertThatThrownBy(() -> Json.read("{\"a\" : 1,}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not JSON: expected '\"' at offset 9");
        assertThatThrownBy(() -> Json.read("[1, 2")).hasMessage("not JSON: unexpected end at offset 5");
        assertThatThrownBy(() -> Json.read("{\"a\" 1}")).hasMessage("not JSON: expected ':' at offset 5");
        assertThatThrownBy(() -> Json.read("[1 2]")).hasMessage("not JSON: expected ']' at offset 3");
        assertThatThrownBy(() -> Json.read("\"abc")).hasMessage("not JSON: unterminated string at offset 4");
        assertThatThrownBy(() -> Json.read("\"abc\\")).hasMessage("not JSON: unterminated escape at offset 5");
        assertThatThrownBy(() -> Json.read("\"\\u12\"")).hasMessage("not JSON: short \\u escape at offset 3");
        assertThatThrownBy(() -> Json.read("[tru]")).hasMessage("not JSON: unexpected 'tru' at offset 1");
        assertThatThrownBy(() -> Json.read("{} x")).hasMessage("not JSON: text after the JSON value at offset 3");
        assertThatThrownBy(() -> Json.read("   ")).hasMessage("not JSON: unexpected end at offset 3");
    }
}
