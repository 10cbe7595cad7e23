package dev.gradcheck.junit.report;

import static dev.gradcheck.junit.report.Html.css;
import static dev.gradcheck.junit.report.Html.esc;
import static dev.gradcheck.junit.report.Html.head;
import static dev.gradcheck.junit.report.Html.outsideShard;
import static dev.gradcheck.junit.report.Html.sci;
import static dev.gradcheck.junit.report.Html.simple;

import java.util.Locale;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.PhaseResult;

/** One checked model's page: the headline, the {@link RatioChart}, a table per phase and the text report. */
final class ReportPage {
    private ReportPage() {
    }

    static String html(String testClass, String method, String model, GradCheckReport report) {
        StringBuilder h = new StringBuilder();
        head(h, "gradient check: " + model);
        h.append("<h1>").append(esc(model)).append(" <span class=\"").append(css(report.verdict())).append("\">")
                .append(report.verdict()).append("</span></h1>\n");
        h.append("<p class=\"meta\">").append(esc(simple(testClass))).append('.').append(esc(method))
                .append(String.format(Locale.ROOT, " · ratio %.2e · ε %.0e · %s · %d parameters · %d cost "
                        + "evaluations · %.3f s", report.ratio(), report.epsilon(), esc(report.method()),
                        report.parameters(), report.evaluations(), report.seconds()))
                .append(report.shard().map(sh -> " · <strong>shard " + sh + ": a partial verdict</strong>")
                        .orElse(""))
                .append(" · <a href=\"../index.html\">all reports</a></p>\n");
        h.append(RatioChart.svg(report));
        for (PhaseResult p : report.phases()) {
            h.append("<h2>[").append(esc(p.phase().label())).append("] <span class=\"").append(css(p.verdict()))
                    .append("\">").append(p.verdict()).append("</span> ")
                    .append(String.format(Locale.ROOT, "ratio %.2e", p.ratio())).append("</h2>\n");
            if (!p.findings().isEmpty()) {
                h.append("<ul>\n");
                for (String f : p.findings()) {
                    h.append("<li>").append(esc(f)).append("</li>\n");
                }
                h.append("</ul>\n");
            }
            if (!p.components().isEmpty()) {
                h.append("<table><tr><th>component</th><th>shape</th><th>ratio</th><th>verdict</th>"
                        + "<th>‖dθ‖</th><th>‖dθ_approx‖</th><th>hints</th></tr>\n");
                for (ComponentResult c : p.components()) {
                    if (outsideShard(report, c)) {
                        h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(c.shape()))
                                .append("</td><td colspan=\"5\">not in this shard</td></tr>\n");
                        continue;
                    }
                    h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(c.shape()))
                            .append("</td><td>").append(sci(c.ratio())).append("</td><td class=\"")
                            .append(css(c.verdict())).append("\">").append(c.verdict()).append("</td><td>")
                            .append(sci(c.analyticNorm())).append("</td><td>").append(sci(c.numericalNorm()))
                            .append("</td><td>").append(esc(String.join(" ", c.hints()))).append("</td></tr>\n");
                }
                h.append("</table>\n");
            }
        }
        h.append("<h2>Report</h2>\n<pre>").append(esc(report.toString())).append("</pre>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

}
