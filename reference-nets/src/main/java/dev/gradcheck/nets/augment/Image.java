package dev.gradcheck.nets.augment;

import dev.gradcheck.nets.ImageShape;
import dev.gradcheck.nets.Matrix;

/**
 * One example as an image: its pixels (a column of X, in {@link ImageShape}'s order) read by row, column and
 * channel. Outside the image every pixel is 0, which is the padding the geometric transforms move in.
 */
public final class Image {
    private final ImageShape shape;
    private final double[] pixels;

    /** An image over {@code pixels} (not copied), which must have {@code shape.size()} entries. */
    public Image(ImageShape shape, double[] pixels) {
        if (pixels.length != shape.size()) {
            throw new IllegalArgumentException("an image of shape " + shape + " has " + shape.size() + " pixels, got "
                    + pixels.length);
        }
        this.shape = shape;
        this.pixels = pixels;
    }

    /** A black image. */
    public static Image blank(ImageShape shape) {
        return new Image(shape, new double[shape.size()]);
    }

    /** Column j of x as an image (a copy). */
    public static Image column(Matrix x, int j, ImageShape shape) {
        double[] p = new double[x.rows()];
        for (int i = 0; i < p.length; i++) {
            p[i] = x.get(i, j);
        }
        return new Image(shape, p);
    }

    /** Writes this image into column j of x. */
    public void into(Matrix x, int j) {
        for (int i = 0; i < pixels.length; i++) {
            x.set(i, j, pixels[i]);
        }
    }

    public ImageShape shape() {
        return shape;
    }

    /** The pixels, live. */
    public double[] pixels() {
        return pixels;
    }

    public int height() {
        return shape.height();
    }

    public int width() {
        return shape.width();
    }

    /** Pixel (r, c) of channel k; 0 outside the image. */
    public double get(int r, int c, int k) {
        if (r < 0 || r >= shape.height() || c < 0 || c >= shape.width()) {
            return 0;
        }
        return pixels[shape.index(r, c, k)];
    }

    public void set(int r, int c, int k, double value) {
        pixels[shape.index(r, c, k)] = value;
    }

    /** Channel k at the real position (y, x) (row, column), interpolated bilinearly from the four pixels around it. */
    public double at(double y, double x, int k) {
        int r = (int) Math.floor(y);
        int c = (int) Math.floor(x);
        double fy = y - r;
        double fx = x - c;
        return (1 - fy) * ((1 - fx) * get(r, c, k) + fx * get(r, c + 1, k))
                + fy * ((1 - fx) * get(r + 1, c, k) + fx * get(r + 1, c + 1, k));
    }
}
