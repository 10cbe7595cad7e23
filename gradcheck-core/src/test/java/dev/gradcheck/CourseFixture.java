package dev.gradcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The numbers of the course's gradient check, computed once by numpy ({@code course/make_fixture.py}) and committed
 * as {@code course/course-gradient-check.txt}: one record a line, {@code key count v1 v2 ...}, 17 significant digits.
 */
public final class CourseFixture {
    static final String RESOURCE = "/course/course-gradient-check.txt";

    private final Map<String, double[]> values = new HashMap<>();

    private CourseFixture(String text) {
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split(" +");
            int n = Integer.parseInt(f[1]);
            if (f.length != n + 2) {
                throw new IllegalStateException(RESOURCE + ": record " + f[0] + " declares " + n + " values but has "
                        + (f.length - 2));
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Double.parseDouble(f[i + 2]);
            }
            values.put(f[0], v);
        }
    }

    public static CourseFixture load() {
        try (InputStream in = CourseFixture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return new CourseFixture(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double[] vector(String key) {
        double[] v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(RESOURCE + " has no record " + key);
        }
        return v.clone();
    }

    public double scalar(String key) {
        double[] v = vector(key);
        if (v.length != 1) {
            throw new IllegalArgumentException(RESOURCE + ": " + key + " has " + v.length + " values, not 1");
        }
        return v[0];
    }

    /** The net at the fixture's θ, X and Y. */
    public CourseNet net(CourseNet.Backprop backprop) {
        return new CourseNet(vector("net.X"), vector("net.Y"), vector("net.theta"), backprop);
    }

    /** The fixture's record prefix for a backprop: "correct" or "buggy". */
    static String prefix(CourseNet.Backprop backprop) {
        return backprop.name().toLowerCase();
    }
}
