package dev.gradcheck.junit.report;

import static dev.gradcheck.junit.report.Html.css;
import static dev.gradcheck.junit.report.Html.esc;
import static dev.gradcheck.junit.report.Html.outsideShard;
import static dev.gradcheck.junit.report.Html.sci;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Thresholds;
import dev.gradcheck.Verdict;

/**
 * The chart of a model's page: a horizontal bar per component and phase, length = log10(ratio) on a 1e-16 … 1e0 axis,
 * with the verdict bands shaded, the course's 1e-7 / 1e-5 / 1e-3 marks drawn, and failing components in red. Inline
 * SVG, so the page needs no script and no other file.
 */
final class RatioChart {
    /** The chart's axis: ratios from 1e-16 to 1e0, log scale. */
    private static final int MIN_EXPONENT = -16;
    private static final int MAX_EXPONENT = 0;

    private RatioChart() {
    }

    static String svg(GradCheckReport report) {
        record Bar(String label, double ratio, Verdict verdict) {
        }
        List<Bar> bars = new ArrayList<>();
        for (PhaseResult p : report.phases()) {
            if (p.components().isEmpty()) {
                bars.add(new Bar("[" + p.phase().label() + "] θ", p.ratio(), p.verdict()));
            }
            for (ComponentResult c : p.components()) {
                if (outsideShard(report, c)) {
                    continue;
                }
                bars.add(new Bar("[" + p.phase().label() + "] " + c.name(), c.ratio(), c.verdict()));
            }
        }
        int labelWidth = 20 + 7 * bars.stream().mapToInt(b -> b.label().length()).max().orElse(10);
        int plot = 640;
        int row = 22;
        int top = 34;
        int width = labelWidth + plot + 120;
        int height = top + row * bars.size() + 40;
        Thresholds t = report.thresholds();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" "
                + "aria-label=\"ratio per component, log scale\">%n", width, height, width, height));
        int bottom = top + row * bars.size();
        double xGood = x(t.good(), labelWidth, plot);
        double xBug = x(t.bug(), labelWidth, plot);
        s.append(rect(labelWidth, top, xGood - labelWidth, bottom - top, "#e8f5e9"));
        s.append(rect(xGood, top, xBug - xGood, bottom - top, "#fff8e1"));
        s.append(rect(xBug, top, labelWidth + plot - xBug, bottom - top, "#ffebee"));
        for (int e = MIN_EXPONENT; e <= MAX_EXPONENT; e += 2) {
            double xe = x(Math.pow(10, e), labelWidth, plot);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">1e%d</text>%n", xe, top, xe,
                    bottom, xe, bottom + 16, e));
        }
        String[][] marks = {{"1e-7", "good ≈1e-7"}, {"1e-5", "inspect ≈1e-5"}, {"1e-3", "bug ≥1e-3"}};
        for (String[] mark : marks) {
            double xm = x(Double.parseDouble(mark[0]), labelWidth, plot);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\" "
                    + "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">%s"
                    + "</text>%n", xm, top - 4, xm, bottom, xm, top - 10, mark[1]));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = top + i * row;
            double xr = b.ratio() > 0 ? x(b.ratio(), labelWidth, plot) : labelWidth + 1;
            String color = switch (b.verdict()) {
                case GOOD -> "#2e7d32";
                case INSPECT -> "#f9a825";
                case BUG -> "#c62828";
            };
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>%s</text>%n",
                    labelWidth - 8, y + 15, b.verdict() == Verdict.BUG ? " fill=\"#c62828\" font-weight=\"bold\"" : "",
                    esc(b.label())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s: ratio %s %s</title></rect>%n", labelWidth, y + 4, Math.max(1, xr - labelWidth),
                    row - 8, color, esc(b.label()), sci(b.ratio()), b.verdict()));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s %s</text>%n", xr + 4, y + 15,
                    color, sci(b.ratio()), b.verdict()));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double x(double ratio, int left, int plot) {
        double e = Math.log10(ratio);
        e = Math.max(MIN_EXPONENT, Math.min(MAX_EXPONENT, e));
        return left + plot * (e - MIN_EXPONENT) / (MAX_EXPONENT - MIN_EXPONENT);
    }

    private static String rect(double x, double y, double w, double h, String fill) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                x, y, Math.max(0, w), h, fill);
    }

}
