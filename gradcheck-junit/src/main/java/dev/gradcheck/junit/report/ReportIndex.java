package dev.gradcheck.junit.report;

import dev.gradcheck.Json;
import static dev.gradcheck.junit.report.Html.esc;
import static dev.gradcheck.junit.report.Html.head;
import static dev.gradcheck.junit.report.Html.sci;
import static dev.gradcheck.junit.report.Html.simple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code index.html}: every report in the directory with its verdict and ratio, rebuilt from the JSON files each time
 * (so the forks of a parallel build, each writing its own reports, end with one index over all of them).
 */
final class ReportIndex {
    private ReportIndex() {
    }

    private record Entry(String testClass, String method, String model, String verdict, double ratio, String href) {
    }

    /** The index over every {@code *.json} report one directory below {@code dir}. */
    static String html(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> classes = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path c : classes) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(c, "*.json")) {
                    for (Path f : files) {
                        Map<?, ?> n = read(f);
                        if (n == null || !n.containsKey("verdict")) {
                            continue; // not one of ours, or being replaced
                        }
                        String name = f.getFileName().toString();
                        Object shard = n.get("shard");
                        entries.add(new Entry(text(n, "testClass", c.getFileName().toString()),
                                text(n, "testMethod", name) + (shard != null ? " (shard " + shard + ")" : ""),
                                text(n, "model", ""), text(n, "verdict", "?"),
                                n.get("ratio") instanceof Number r ? r.doubleValue() : Double.NaN,
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

    private static Map<?, ?> read(Path f) {
        try {
            return Json.read(Files.readString(f, StandardCharsets.UTF_8)) instanceof Map<?, ?> m ? m : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(Map<?, ?> n, String key, String otherwise) {
        Object v = n.get(key);
        return v == null ? otherwise : v.toString();
    }
}
