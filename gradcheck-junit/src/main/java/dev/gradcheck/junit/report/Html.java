package dev.gradcheck.junit.report;

import java.util.Locale;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.Verdict;

/** What the page and the index share: the page head and style, escaping, number formats. */
final class Html {
    private Html() {
    }

    static void head(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>\nbody{font-family:sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:left;font-size:13px}td:not(:last-child){white-space:nowrap}pre{background:#f6f6f6;"
                        + "padding:1em;overflow:auto;font-size:12px}.good{color:#2e7d32}.inspect{color:#b26a00}"
                        + ".bug{color:#c62828;font-weight:bold}.meta{color:#555}\n</style></head><body>\n");
    }

    static String css(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }

    /** True for a block that lies entirely in other shards: another CI job checks it. */
    static boolean outsideShard(GradCheckReport r, ComponentResult c) {
        return r.shard().isPresent() && c.checkedEntries() == 0 && c.size() > 0;
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
