package dev.gradcheck.junit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Thresholds;
import dev.gradcheck.Verdict;

/**
 * The report files under the report directory (default {@code target/gradcheck}):
 * {@code <test class>/<method>.json} and {@code .html} per checked model (with several models
 * {@code <method>-1.json}, {@code <method>-2.json}, ...; a shard of a split check adds {@code .shard-2-of-4}), and
 * {@code index.html} over all of them, rebuilt from the directory each time. Every file is written to a temporary
 * file first and then moved into place. A shard's JSON carries the raw data {@code gradcheck merge} needs.
 */
final class ReportFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Object INDEX_LOCK = new Object();

    /** The chart's axis: ratios from 1e-16 to 1e0, log scale. */
    private static final int MIN_EXPONENT = -16;
    private static final int MAX_EXPONENT = 0;

    private ReportFiles() {
    }

    /**
     * Writes the JSON and HTML of one model's report and rebuilds the index.
     *
     * @param number 0 when the factory returned one model, else the model's 1-based position
     * @return the HTML page
     */
    static Path write(Path dir, String testClass, String method, int number, String model, GradCheckReport report)
            throws IOException {
        Path classDir = dir.resolve(safe(testClass));
        Files.createDirectories(classDir);
        String base = safe(method) + (number > 0 ? "-" + number : "")
                + report.shard().map(sh -> ".shard-" + sh.index() + "-of-" + sh.count()).orElse("");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("testClass", testClass);
        m.put("testMethod", method);
        m.put("written", Instant.now().toString());
        m.putAll(report.toMap());
        writeAtomically(classDir.resolve(base + ".json"), JSON.writeValueAsString(m));
        Path html = classDir.resolve(base + ".html");
        writeAtomically(html, page(testClass, method, model, report));
        synchronized (INDEX_LOCK) {
            writeAtomically(dir.resolve("index.html"), index(dir));
        }
        return html;
    }

    static void writeAtomically(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A file-name-safe version of a class or method name. */
    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._$-]", "_");
    }

    // ---------------------------------------------------------------------------------------------- the model page

    static String page(String testClass, String method, String model, GradCheckReport report) {
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
        h.append(chart(report));
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
                    if (Messages.outsideShard(report, c)) {
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

    /**
     * A horizontal bar per component and phase, length = log10(ratio) on a 1e-16 … 1e0 axis, with the verdict bands
     * shaded, the course's 1e-7 / 1e-5 / 1e-3 marks drawn, and failing components in red.
     */
    static String chart(GradCheckReport report) {
        record Bar(String label, double ratio, Verdict verdict) {
        }
        List<Bar> bars = new ArrayList<>();
        for (PhaseResult p : report.phases()) {
            if (p.components().isEmpty()) {
                bars.add(new Bar("[" + p.phase().label() + "] θ", p.ratio(), p.verdict()));
            }
            for (ComponentResult c : p.components()) {
                if (Messages.outsideShard(report, c)) {
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

    // ----------------------------------------------------------------------------------------------------- index

    /** The index over every {@code *.json} report one directory below {@code dir}. */
    static String index(Path dir) throws IOException {
        record Entry(String testClass, String method, String model, String verdict, double ratio, String href) {
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> classes = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path c : classes) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(c, "*.json")) {
                    for (Path f : files) {
                        JsonNode n;
                        try {
                            n = JSON.readTree(f.toFile());
                        } catch (IOException e) {
                            continue; // not one of ours, or being replaced
                        }
                        if (n == null || !n.has("verdict")) {
                            continue;
                        }
                        String name = f.getFileName().toString();
                        entries.add(new Entry(n.path("testClass").asText(c.getFileName().toString()),
                                n.path("testMethod").asText(name) + (n.has("shard") ? " (shard "
                                        + n.path("shard").asText() + ")" : ""), n.path("model").asText(""),
                                n.path("verdict").asText("?"), n.path("ratio").asDouble(Double.NaN),
                                c.getFileName() + "/" + name.substring(0, name.length() - 5) + ".html"));
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::testClass).thenComparing(Entry::method).thenComparing(Entry::href));
        long failed = entries.stream().filter(e -> e.verdict().equals("BUG")).count();
        StringBuilder h = new StringBuilder();
        head(h, "gradient checks");
        h.append("<h1>Gradient checks</h1>\n<p class=\"meta\">").append(entries.size()).append(" checked model")
                .append(entries.size() == 1 ? "" : "s").append(", ").append(failed).append(" with a BUG</p>\n");
        h.append("<table><tr><th>test class</th><th>method</th><th>model</th><th>ratio</th><th>verdict</th></tr>\n");
        for (Entry e : entries) {
            h.append("<tr><td>").append(esc(simple(e.testClass()))).append("</td><td><a href=\"")
                    .append(esc(e.href())).append("\">").append(esc(e.method())).append("</a></td><td>")
                    .append(esc(e.model())).append("</td><td>").append(sci(e.ratio())).append("</td><td class=\"")
                    .append(esc(e.verdict().toLowerCase(Locale.ROOT))).append("\">").append(esc(e.verdict()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    // ----------------------------------------------------------------------------------------------------- shared

    private static void head(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>\nbody{font-family:sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:left;font-size:13px}td:not(:last-child){white-space:nowrap}pre{background:#f6f6f6;padding:1em;overflow:auto;"
                        + "font-size:12px}.good{color:#2e7d32}.inspect{color:#b26a00}.bug{color:#c62828;"
                        + "font-weight:bold}.meta{color:#555}\n</style></head><body>\n");
    }

    private static String css(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
