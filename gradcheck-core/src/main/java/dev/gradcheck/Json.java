package dev.gradcheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON a report needs, so that no user of the checker, of {@code @GradCheck} or of the command line
 * inherits a JSON library: writing the maps, lists, strings, numbers and booleans of {@link GradCheckReport#toMap()}
 * (indented as Jackson's default pretty printer does, {@code "key" : value}), and reading them back, e.g. to merge
 * the reports of shards with {@link GradCheckReport#fromMap} (every number reads back as a double).
 *
 * <p>Doubles are written with {@link Double#toString(double)}, which reads back to the same bits, so a shard's data
 * merges exactly. NaN and ±Infinity, which JSON has no number for, are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"} (as Jackson does by default).
 */
public final class Json {
    private Json() {
    }

    /** {@code value} as indented JSON. */
    public static String write(Object value) {
        StringBuilder s = new StringBuilder();
        write(s, value, 0);
        return s.append('\n').toString();
    }

    private static void write(StringBuilder s, Object v, int indent) {
        if (v == null) {
            s.append("null");
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                s.append("{ }");
                return;
            }
            s.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pad(s, indent + 1);
                string(s, String.valueOf(e.getKey()));
                s.append(" : ");
                write(s, e.getValue(), indent + 1);
                s.append(++i < m.size() ? ",\n" : "\n");
            }
            pad(s, indent);
            s.append('}');
        } else if (v instanceof Collection<?> c) {
            if (c.isEmpty()) {
                s.append("[ ]");
                return;
            }
            s.append("[ ");
            int i = 0;
            for (Object o : c) {
                write(s, o, indent);
                s.append(++i < c.size() ? ", " : " ");
            }
            s.append(']');
        } else if (v instanceof double[] a) {
            List<Double> l = new ArrayList<>(a.length);
            for (double d : a) {
                l.add(d);
            }
            write(s, l, indent);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                s.append(v instanceof Float ? Float.toString((Float) v) : Double.toString(d));
            } else {
                string(s, Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            }
        } else if (v instanceof Number || v instanceof Boolean) {
            s.append(v);
        } else if (v instanceof Enum<?> e) {
            string(s, e.name());
        } else {
            string(s, v.toString());
        }
    }

    private static void pad(StringBuilder s, int indent) {
        s.append("  ".repeat(indent));
    }

    private static void string(StringBuilder s, String v) {
        s.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }

    /**
     * Parses JSON text into maps (insertion-ordered), lists, strings, doubles (every number), booleans and null.
     *
     * @throws IllegalArgumentException with the offset, on text that is not JSON
     */
    public static Object read(String text) {
        Reader r = new Reader(text);
        Object v = r.value();
        r.space();
        if (r.pos != text.length()) {
            throw r.error("text after the JSON value");
        }
        return v;
    }

    private static final class Reader {
        private final String t;
        private int pos;

        Reader(String t) {
            this.t = t;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not JSON: " + what + " at offset " + pos);
        }

        void space() {
            while (pos < t.length() && Character.isWhitespace(t.charAt(pos))) {
                pos++;
            }
        }

        char peek() {
            space();
            if (pos >= t.length()) {
                throw error("unexpected end");
            }
            return t.charAt(pos);
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        Object value() {
            char c = peek();
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    if (peek() == '}') {
                        pos++;
                        return m;
                    }
                    do {
                        String key = string();
                        expect(':');
                        m.put(key, value());
                    } while (comma());
                    expect('}');
                    return m;
                }
                case '[' -> {
                    pos++;
                    List<Object> l = new ArrayList<>();
                    if (peek() == ']') {
                        pos++;
                        return l;
                    }
                    do {
                        l.add(value());
                    } while (comma());
                    expect(']');
                    return l;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    return literal();
                }
            }
        }

        boolean comma() {
            if (peek() == ',') {
                pos++;
                return true;
            }
            return false;
        }

        String string() {
            expect('"');
            StringBuilder s = new StringBuilder();
            while (true) {
                if (pos >= t.length()) {
                    throw error("unterminated string");
                }
                char c = t.charAt(pos++);
                if (c == '"') {
                    return s.toString();
                }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                if (pos >= t.length()) {
                    throw error("unterminated escape");
                }
                char e = t.charAt(pos++);
                switch (e) {
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'u' -> {
                        if (pos + 4 > t.length()) {
                            throw error("short \\u escape");
                        }
                        s.append((char) Integer.parseInt(t.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> s.append(e);
                }
            }
        }

        Object literal() {
            int start = pos;
            while (pos < t.length() && "{}[],: \t\r\n\"".indexOf(t.charAt(pos)) < 0) {
                pos++;
            }
            String word = t.substring(start, pos);
            switch (word) {
                case "true" -> {
                    return Boolean.TRUE;
                }
                case "false" -> {
                    return Boolean.FALSE;
                }
                case "null" -> {
                    return null;
                }
                default -> {
                    try {
                        return Double.parseDouble(word);
                    } catch (NumberFormatException e) {
                        pos = start;
                        throw error("unexpected '" + word + "'");
                    }
                }
            }
        }
    }
}
