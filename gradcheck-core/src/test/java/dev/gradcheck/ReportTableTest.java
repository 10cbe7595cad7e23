package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's component table keeps its columns aligned when names and shapes are longer than the headers, and one
 * component's own report (what a failing test node shows) carries its worst entries and hints.
 */
class ReportTableTest {

    /** J = Σ (i+1)·e_i² over a 2×13 block named "embedding", and Σ b; dembedding's entry 3 is 1.5× too large. */
    static Differentiable model() {
        double[] e = new double[26];
        for (int i = 0; i < e.length; i++) {
            e[i] = 0.1 * (i + 1) * (i % 2 == 0 ? 1 : -1);
        }
        double[] b = {0.5, -0.5};
        return new Differentiable() {
            @Override
            public List<ParameterBlock> parameters() {
                return List.of(ParameterBlock.of("embedding", 2, 13, e), ParameterBlock.of("b", 2, 1, b));
            }

            @Override
            public double cost() {
                double s = b[0] + b[1];
                for (int i = 0; i < e.length; i++) {
                    s += (i + 1) * e[i] * e[i];
                }
                return s;
            }

            @Override
            public Gradients gradients() {
                double[] d = new double[e.length];
                for (int i = 0; i < e.length; i++) {
                    d[i] = 2 * (i + 1) * e[i];
                }
                d[3] *= 1.5;
                return Gradients.builder().put("embedding", d).put("b", new double[] {1, 1}).build();
            }
        };
    }

    @Test
    void columnsStayAlignedPastTheHeadersWidths() {
        String text = GradientCheck.of(model()).run().toString();
        List<String> lines = text.lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("  component")).findFirst().orElseThrow();
        String embedding = lines.stream().filter(l -> l.startsWith("  dembedding ")).findFirst().orElseThrow();
        String bias = lines.stream().filter(l -> l.startsWith("  db ")).findFirst().orElseThrow();
        // "dembedding" is 10 characters, past "component"'s 9; "2×13" fits "shape", so the shape column starts
        // after the longest name, for the header and every row alike.
        assertThat(header.indexOf("shape")).isEqualTo(embedding.indexOf("2×13")).isEqualTo(bias.indexOf("2×1"))
                .isEqualTo(2 + 10 + 2);
        // "shape" (5) is wider than every shape here: the ratio column follows it.
        assertThat(header.indexOf("ratio")).isEqualTo(2 + 10 + 2 + 5 + 2);
    }

    @Test
    void aLongShapeWidensItsColumn() {
        // "10×100" is 6 characters, past "shape"'s 5; the names fit "component" (9).
        LayeredNet net = new LayeredNet(new int[] {100, 10, 1}, 4, LayeredNet.Activation.TANH, 5);
        String text = GradientCheck.of(net).run().toString();
        String header = text.lines().filter(l -> l.startsWith("  component")).findFirst().orElseThrow();
        String row = text.lines().filter(l -> l.startsWith("  dW1 ")).findFirst().orElseThrow();
        assertThat(row.indexOf("10×100")).isEqualTo(2 + 9 + 2);
        assertThat(header.indexOf("ratio")).isEqualTo(2 + 9 + 2 + 6 + 2);
    }

    @Test
    void oneComponentsReportHasItsEntriesAndHints() {
        ComponentResult c = GradientCheck.of(model()).run().component("dembedding").orElseThrow();
        String s = ReportText.component(c);
        assertThat(s).startsWith("dembedding (2×13) BUG: ratio ").contains("dembedding worst entries:")
                .contains("(0, 3)").contains("  hint: 1 of 26 judged entries of dembedding are wrong");
    }

    @Test
    void aMissingNumberIsADash() {
        assertThat(ReportText.sci(Double.NaN)).isEqualTo("—");
        assertThat(ReportText.sci(1.234e-5)).isEqualTo("1.23e-05");
    }
}
