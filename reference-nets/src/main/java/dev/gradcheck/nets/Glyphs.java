package dev.gradcheck.nets;

import java.util.List;

/**
 * A small image classification task made from a seed, so nothing is downloaded: 16×16 grey images of ten stroke
 * glyphs (ring, bar, L, J, plus, cross, triangle, T, Z, seven), each drawn with its own pose (shifted up to
 * {@value #MAX_SHIFT} pixels, rotated up to {@value #MAX_DEGREES}°, scaled, with its own stroke width and ink, the
 * stroke ends jittered) and pixel noise. A person reads every one of them, so the Bayes error is about 0.
 *
 * <p>The pose varies more than a few hundred examples can cover: a dense network, which has to learn every position
 * of a stroke separately, fits a small training set perfectly and misreads the dev set: a variance problem, the one
 * that data augmentation (shifts, small rotations, distortions, flips of the glyphs whose mirror image is a glyph)
 * addresses.
 */
public final class Glyphs {
    /** Every example: 16×16 pixels, one channel, ink in about [0, 1] plus noise. */
    public static final ImageShape SHAPE = new ImageShape(16, 16, 1);
    /** The class names, in label order. */
    public static final List<String> CLASSES = List.of("ring", "bar", "L", "J", "plus", "cross", "triangle", "T", "Z",
            "seven");
    /** The largest shift of a glyph from the centre, in pixels (each direction). */
    public static final double MAX_SHIFT = 2.5;
    /** The largest rotation of a glyph, in degrees (each way). */
    public static final double MAX_DEGREES = 15;
    /** The standard deviation of the pixel noise. */
    public static final double NOISE = 0.08;
    /** The glyph's unit box [−1, 1]² spans 2·{@value #RADIUS} pixels at scale 1. */
    static final double RADIUS = 5.5;

    /** The strokes of each class: polylines of (u, v) points in [−1, 1]², v pointing down. */
    private static final double[][][] STROKES = {
            ring(),
            {{0, -0.9, 0, 0.9}},
            {{-0.5, -0.9, -0.5, 0.9, 0.6, 0.9}},
            {{0.5, -0.9, 0.5, 0.9, -0.6, 0.9}},
            {{-0.8, 0, 0.8, 0}, {0, -0.8, 0, 0.8}},
            {{-0.7, -0.8, 0.7, 0.8}, {0.7, -0.8, -0.7, 0.8}},
            {{0, -0.8, 0.8, 0.7, -0.8, 0.7, 0, -0.8}},
            {{-0.8, -0.8, 0.8, -0.8}, {0, -0.8, 0, 0.9}},
            {{-0.7, -0.8, 0.7, -0.8, -0.7, 0.8, 0.7, 0.8}},
            {{-0.7, -0.8, 0.7, -0.8, -0.2, 0.9}},
    };
    /** The class of each class's mirror image (left-right), or −1 when the mirror image is no glyph of the set. */
    private static final int[] MIRROR = {0, 1, 3, 2, 4, 5, 6, 7, -1, -1};

    private Glyphs() {
    }

    /** How one glyph is drawn: its shift (pixels), rotation (degrees), scale, stroke half-width (pixels), ink. */
    public record Pose(double dx, double dy, double degrees, double scale, double halfWidth, double ink) {
        /** Centred, upright, scale 1, half-width 1 pixel, ink 1. */
        public static final Pose CENTRED = new Pose(0, 0, 0, 1, 1, 1);

        /** A pose drawn at random within the task's ranges. */
        static Pose random(Rng rng) {
            return new Pose(uniform(rng, MAX_SHIFT), uniform(rng, MAX_SHIFT), uniform(rng, MAX_DEGREES),
                    0.8 + 0.25 * rng.nextDouble(), 0.6 + 0.6 * rng.nextDouble(), 0.7 + 0.3 * rng.nextDouble());
        }
    }

    /** The number of classes, n[L] of a network for the task. */
    public static int classes() {
        return CLASSES.size();
    }

    /** For each class, the class its left-right mirror image belongs to, or −1 when it belongs to none (a copy). */
    public static int[] mirrors() {
        return MIRROR.clone();
    }

    /** The Bayes-error estimate of the task: a person reads every glyph (human-level error ≈ 0). */
    public static double bayesError() {
        return 0;
    }

    /**
     * m examples, classes in turn (0, 1, ..., 9, 0, ...), each with a random pose, jittered stroke ends and pixel
     * noise: X is 256×m (shape {@link #SHAPE}), Y the one-hot labels, 10×m.
     */
    public static Dataset generate(int m, Rng rng) {
        if (m < 1) {
            throw new IllegalArgumentException("the task needs m ≥ 1 examples, got " + m);
        }
        Matrix x = new Matrix(SHAPE.size(), m);
        Matrix y = new Matrix(classes(), m);
        double[] image = new double[SHAPE.size()];
        for (int j = 0; j < m; j++) {
            int cls = j % classes();
            render(cls, Pose.random(rng), rng, image);
            for (int i = 0; i < image.length; i++) {
                x.set(i, j, image[i] + NOISE * rng.nextGaussian());
            }
            y.set(cls, j, 1);
        }
        return new Dataset(x, y, SHAPE);
    }

    /** Glyph {@code cls} drawn in {@code pose}, without jitter or noise, as a column of {@link #SHAPE}. */
    public static double[] render(int cls, Pose pose) {
        double[] image = new double[SHAPE.size()];
        render(cls, pose, null, image);
        return image;
    }

    /**
     * Draws the strokes of {@code cls} into {@code image}: each pixel's ink falls off linearly, over one pixel, from
     * the stroke's half-width (anti-aliased). Each stroke point is jittered by N(0, 0.06²) in glyph units when
     * {@code jitter} is given.
     */
    private static void render(int cls, Pose pose, Rng jitter, double[] image) {
        if (cls < 0 || cls >= classes()) {
            throw new IllegalArgumentException("class " + cls + " does not exist: classes are 0.." + (classes() - 1));
        }
        double centre = (SHAPE.height() - 1) / 2.0;
        double a = Math.toRadians(pose.degrees());
        double cos = Math.cos(a) * pose.scale() * RADIUS;
        double sin = Math.sin(a) * pose.scale() * RADIUS;
        double[][] strokes = STROKES[cls];
        double[][] points = new double[strokes.length][];
        for (int s = 0; s < strokes.length; s++) {
            double[] p = strokes[s].clone();
            for (int k = 0; k < p.length; k += 2) {
                double u = p[k] + (jitter == null ? 0 : 0.06 * jitter.nextGaussian());
                double v = p[k + 1] + (jitter == null ? 0 : 0.06 * jitter.nextGaussian());
                p[k] = centre + pose.dx() + cos * u - sin * v;     // column
                p[k + 1] = centre + pose.dy() + sin * u + cos * v; // row
            }
            points[s] = p;
        }
        for (int r = 0; r < SHAPE.height(); r++) {
            for (int c = 0; c < SHAPE.width(); c++) {
                double d = Double.MAX_VALUE;
                for (double[] p : points) {
                    for (int k = 0; k + 3 < p.length; k += 2) {
                        d = Math.min(d, distance(c, r, p[k], p[k + 1], p[k + 2], p[k + 3]));
                    }
                }
                double ink = Math.max(0, Math.min(1, pose.halfWidth() + 0.5 - d));
                image[SHAPE.index(r, c, 0)] = pose.ink() * ink;
            }
        }
    }

    /** The distance from (x, y) to the segment (x1, y1)–(x2, y2). */
    private static double distance(double x, double y, double x1, double y1, double x2, double y2) {
        double ex = x2 - x1;
        double ey = y2 - y1;
        double len2 = ex * ex + ey * ey;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * ex + (y - y1) * ey) / len2));
        double px = x1 + t * ex - x;
        double py = y1 + t * ey - y;
        return Math.sqrt(px * px + py * py);
    }

    private static double[][] ring() {
        int segments = 20;
        double[] p = new double[2 * (segments + 1)];
        for (int k = 0; k <= segments; k++) {
            double t = 2 * Math.PI * k / segments;
            p[2 * k] = 0.8 * Math.sin(t);
            p[2 * k + 1] = -0.8 * Math.cos(t);
        }
        return new double[][] {p};
    }

    private static double uniform(Rng rng, double max) {
        return max * (2 * rng.nextDouble() - 1);
    }
}
